/**
 * Configs the AWS acceptance guard synthesizes: each one a corner of what a user may write. When the
 * schema gains an optional key, set it in `everyOptionalKey()` so the guard covers it.
 */
import * as path from "path";
import { JOB_NAME_PATTERN } from "../stacks/config/schema";
import { baseConfig, writeTempProject } from "./temp-project";

type Config = Record<string, any>;

/** The longest job name the schema allows (JOB_NAME_PATTERN: a letter, then up to 47 more). */
export const LONGEST_JOB_NAME_LENGTH = 48;

/** The config users start from. */
export function defaultConfigFile(): string {
  return path.resolve(__dirname, "..", "default-config.yaml");
}

/** Pipeline, dev and prod in three accounts; a CodeStar connection source; S3 state with every S3 key set. */
export function threeAccountsCodestarS3(): Config {
  const config = baseConfig();
  config.source = {
    type: "codestar",
    connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    repository: "acme/glue-pipelines",
    branch: "release",
    provider: "gitlab",
  };
  config.backend = {
    type: "s3",
    bucket: "acme-terraform-state",
    region: "eu-west-1",
    keyPrefix: "glue/state",
    encrypt: true,
    useLockfile: true,
    kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    roleArn: "arn:aws:iam::111111111111:role/terraform-state",
  };
  return config;
}

/** `count` jobs shared by both stages, each with a name of the longest length the schema allows. */
export function manyLongJobs(count: number): Config {
  const config = baseConfig();
  const template = config.jobs.JoinLegislators;
  config.jobs = Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const name = `Job${String(i).padStart(4, "0")}`.padEnd(LONGEST_JOB_NAME_LENGTH, "x");
      if (!JOB_NAME_PATTERN.test(name)) throw new Error(`manyLongJobs: ${name} does not match JOB_NAME_PATTERN`);
      // Copies, not shared objects: YAML would write shared ones as aliases.
      return [name, { ...structuredClone(template), outputs: { output_path: `s3://{stageBucket}/output/${name}/` } }];
    }),
  );
  config.stages = { dev: { jobs: {} }, prod: { jobs: {} } };
  return config;
}

/** Every optional key of the schema set (cloud backend; s3's keys are in threeAccountsCodestarS3). */
export function everyOptionalKey(): Config {
  const config = baseConfig();
  config.backend = {
    type: "cloud",
    organization: "acme",
    hostname: "tfe.example.com",
    project: "glue",
    workspaces: { pipeline: "acme-glue-pipeline", "dev-glue": "acme-glue-dev", "prod-glue": "acme-glue-prod" },
  };
  config.source = { type: "codecommit", repositoryName: "glue-repo", branch: "main" };
  config.pipeline = {
    terraformTokenSecret: "platform/hcp-terraform-token",
    terraformPlanTokenSecret: "platform/hcp-terraform-read-token",
    notificationEmail: "data-platform@example.com",
    driftCheck: { enabled: true, schedule: "cron(30 5 ? * MON-FRI *)" },
  };
  config.pullRequests = { enabled: true, targetBranch: "develop" };
  config.tags = { team: "data-platform", "cost-center": "4711" };
  config.jobScriptsDir = "job_scripts";
  config.pythonLibraries = ["shared_lib"];
  config.jobs.JoinLegislators = {
    ...config.jobs.JoinLegislators,
    description: "Joins persons, memberships and organizations: one history table (Zoë's résumé — 日本語)",
    enabled: true,
    arguments: { min_count: 3, verbose: true, label: "weekly" },
    glueVersion: "5.0",
    workerType: "G.2X",
    numberOfWorkers: 10,
    executionClass: "FLEX",
    timeoutMinutes: 120,
    maxRetries: 2,
    maxConcurrentRuns: 3,
    outputs: { output_path: { path: "s3://{stageBucket}/output/join_legislators/", table: "legislators_history" } },
  };
  config.jobs.ProcessLegislators = {
    ...config.jobs.ProcessLegislators,
    after: ["JoinLegislators"],
    inputs: { ...config.jobs.ProcessLegislators.inputs, history: { table: "legislators_history" } },
  };
  config.stages = {
    dev: {
      jobs: { ProcessLegislators: { workerType: "R.1X", executionClass: "STANDARD", glueVersion: "4.0" } },
      deployRoleArn: "arn:aws:iam::222222222222:role/glue-deploy-dev",
      allowFlex: true,
      roleBoundary: true,
      schedule: "cron(0 6 ? * MON-FRI *)",
      athena: { bytesScannedCutoffPerQuery: 10 * 1024 ** 3 },
      alerts: { email: ["data-platform@example.com", "oncall@example.com"], https: "https://hooks.example.com/glue-dev" },
      tags: { owner: "dev-team" },
    },
    prod: {
      jobs: { ProcessLegislators: { enabled: false }, JoinLegislators: { workerType: "G.8X", executionClass: "STANDARD", numberOfWorkers: 20 } },
      deployRoleArn: "arn:aws:iam::333333333333:role/platform-deployer",
      allowFlex: true,
      roleBoundary: false,
      tags: { owner: "prod-team" },
    },
  };
  return config;
}

/** The guard's configs as files, by a short description. */
export function acceptanceConfigFiles(): Record<string, string> {
  return {
    "default-config.yaml": defaultConfigFile(),
    "three accounts, codestar source, s3 backend": writeTempProject(threeAccountsCodestarS3()),
    "300 jobs with the longest names": writeTempProject(manyLongJobs(300)),
    "every optional key set": writeTempProject(everyOptionalKey()),
  };
}
