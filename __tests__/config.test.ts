import * as fs from "fs";
import * as path from "path";
import { CONFIG_ENV, DEFAULT_CONFIG_FILE, loadConfig } from "../stacks/config";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

describe("loadConfig", () => {
  const file = writeTempProject(baseConfig());
  const config = loadConfig(file);

  test("reads the accounts, with account IDs kept as strings", () => {
    expect(config.file).toBe(file);
    expect(config.devAccount).toEqual({ awsAccountId: "222222222222", awsRegion: "eu-west-1" });
    expect(config.stages.prod.account).toEqual({ awsAccountId: "333333333333", awsRegion: "eu-central-1" });
  });

  test("accepts an unquoted 12-digit account ID", () => {
    const text = fs.readFileSync(file, "utf8").replace("awsAccountId: \"111111111111\"", "awsAccountId: 111111111111");
    expect(text).toContain("awsAccountId: 111111111111");
    expect(loadConfig(writeTempProject(text)).pipelineAccount.awsAccountId).toBe("111111111111");
  });

  test("gives every job the safe defaults, FLEX in dev and STANDARD in prod", () => {
    expect(config.stages.dev.jobs.ProcessLegislators).toEqual(
      expect.objectContaining({
        glueJobName: "dev-ProcessLegislators",
        glueVersion: "5.1",
        workerType: "G.1X",
        numberOfWorkers: 2,
        executionClass: "FLEX",
        timeoutMinutes: 60,
        maxRetries: 0,
        maxConcurrentRuns: 1,
        scriptPath: path.join(path.dirname(file), "job_scripts", "process_legislators.py"),
      }),
    );
    expect(config.stages.prod.jobs.ProcessLegislators.executionClass).toBe("STANDARD");
    expect(config.stages.dev.allowFlex).toBe(true);
    expect(config.stages.prod.allowFlex).toBe(false);
  });

  test("a stage override wins field by field and merges argument maps key by key", () => {
    const input = baseConfig();
    input.stages.prod.jobs.JoinLegislators = {
      numberOfWorkers: 4,
      inputs: { input_path_orgs: "s3://prod-data/orgs/" },
      arguments: { mode: "full" },
    };
    const prod = loadConfig(writeTempProject(input)).stages.prod.jobs.JoinLegislators;
    expect(prod.numberOfWorkers).toBe(4);
    expect(prod.script).toBe("join_legislators.py");
    expect(prod.inputs).toEqual({
      input_path_orgs: "s3://prod-data/orgs/",
      input_path_persons: "s3://awsglue-datasets/examples/us-legislators/all/persons.json",
      input_path_memberships: "s3://awsglue-datasets/examples/us-legislators/all/memberships.json",
    });
    expect(prod.arguments).toEqual({ mode: "full" });
  });

  test("replaces {stageBucket} with the stage's own bucket", () => {
    expect(config.stages.dev.bucketName).toBe("dev-glue-222222222222-eu-west-1");
    expect(config.stages.prod.jobs.JoinLegislators.outputs.output_path).toBe(
      "s3://prod-glue-333333333333-eu-central-1/output/join_legislators/",
    );
  });

  test("accepts unquoted Glue versions, which YAML reads as numbers", () => {
    const input = baseConfig();
    input.jobs.ProcessLegislators.glueVersion = 4.0;
    input.jobs.JoinLegislators.glueVersion = 5.1;
    const loaded = loadConfig(writeTempProject(input));
    expect(loaded.stages.dev.jobs.ProcessLegislators.glueVersion).toBe("4.0");
    expect(loaded.stages.dev.jobs.JoinLegislators.glueVersion).toBe("5.1");
  });

  test("cloud is the default backend, with one workspace per stack", () => {
    const input = baseConfig();
    delete input.backend.type;
    expect(loadConfig(writeTempProject(input)).backend).toEqual({
      type: "cloud",
      organization: "acme",
      hostname: "app.terraform.io",
      project: "glue",
      workspaces: { pipeline: "glue-pipeline", "dev-glue": "glue-dev", "prod-glue": "glue-prod" },
    });
  });

  test("an s3 backend is encrypted and locked by default", () => {
    const input = baseConfig();
    input.backend = { type: "s3", bucket: "tf-state", region: "eu-west-1" };
    expect(loadConfig(writeTempProject(input)).backend).toEqual({
      type: "s3",
      bucket: "tf-state",
      region: "eu-west-1",
      keyPrefix: "glue-cdktf",
      kmsKeyId: undefined,
      roleArn: undefined,
    });
  });

  test("the source branch defaults to main", () => {
    const input = baseConfig();
    input.source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/abc-123", repository: "acme/glue" };
    expect(loadConfig(writeTempProject(input)).source).toEqual({ ...input.source, branch: "main", provider: "github" });
  });

  test(`picks the file named by ${CONFIG_ENV} when none is passed`, () => {
    const previous = process.env[CONFIG_ENV];
    process.env[CONFIG_ENV] = file;
    try {
      expect(loadConfig().file).toBe(file);
    } finally {
      if (previous === undefined) delete process.env[CONFIG_ENV];
      else process.env[CONFIG_ENV] = previous;
    }
  });

  test("the shipped default-config.yaml loads, with the example's chain of three jobs in both stages", () => {
    const shipped = loadConfig(DEFAULT_CONFIG_FILE);
    for (const stage of Object.values(shipped.stages)) {
      expect(Object.keys(stage.jobs).sort()).toEqual(["JoinLegislators", "ProcessLegislators", "SummarizeLegislators"]);
      expect(stage.jobs.SummarizeLegislators.after).toEqual(["JoinLegislators"]);
      expect(stage.jobs.SummarizeLegislators.inputs.history).toBe(stage.jobs.JoinLegislators.outputs.output_path);
      expect(stage.jobs.JoinLegislators.outputTables.output_path).toEqual({ database: `${stage.name}_glue`, name: "legislators_history" });
      expect(stage.jobs.ProcessLegislators).toEqual(expect.objectContaining({ after: [], outputTables: {}, inputTables: {} }));
    }
    expect(shipped.backend.type).toBe("cloud");
  });
});
