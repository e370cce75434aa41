/**
 * Hostile and mistaken configs, one class at a time: each is refused with the key path, what was found
 * and the fix, or, where the table says so, accepted and handled safely.
 */
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "../stacks/config";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;
/** A config (object or raw YAML), an optional step that changes the project on disk, and what must be said. */
interface Case {
  readonly config: Json | string;
  readonly onDisk?: (scriptsDir: string) => void;
  readonly keyPath: string;
  readonly message: RegExp;
}

const withChange = (change: (c: Json) => void): Json => {
  const config = baseConfig();
  change(config);
  return config;
};
const joinJob = (change: (job: Json) => void) => withChange((c) => change(c.jobs.JoinLegislators));
const output = (uri: string) => joinJob((j) => (j.outputs.output_path = uri));

const classes: Record<string, Record<string, Case>> = {
  scripts: {
    "a symlink that leaves job_scripts/": {
      config: joinJob((j) => (j.script = "escape.py")),
      onDisk: (dir) => fs.symlinkSync("/etc/hostname", path.join(dir, "escape.py")),
      keyPath: "jobs.JoinLegislators.script",
      message: /escape\.py is a link to \/etc\/hostname, outside .*; copy the script into the folder instead/,
    },
    "a 0-byte script": {
      config: joinJob((j) => (j.script = "empty.py")),
      onDisk: (dir) => fs.writeFileSync(path.join(dir, "empty.py"), ""),
      keyPath: "jobs.JoinLegislators.script",
      message: /empty\.py is empty; a Glue job needs a script/,
    },
    "a script name that is a directory": {
      config: joinJob((j) => (j.script = "folder.py")),
      onDisk: (dir) => fs.mkdirSync(path.join(dir, "folder.py")),
      keyPath: "jobs.JoinLegislators.script",
      message: /folder\.py is a directory; expected a Python file, for example my_job\.py/,
    },
    "jobScriptsDir pointing at a file": {
      config: withChange((c) => (c.jobScriptsDir = "config.yaml")),
      keyPath: "jobScriptsDir",
      message: /found a file at .*config\.yaml; expected a directory that holds the job scripts/,
    },
    "a library holding a symbolic link": {
      config: baseConfig(),
      onDisk: (dir) => fs.symlinkSync("/etc/hostname", path.join(dir, "shared_lib", "linked.py")),
      keyPath: "pythonLibraries.0",
      message: /linked\.py is a symbolic link, which the libraries zip would leave out/,
    },
  },
  names: {
    "two job names that differ only by case": {
      config: withChange((c) => (c.jobs.joinLegislators = { script: "join_legislators.py", outputs: { o: "s3://{stageBucket}/output/other/" } })),
      keyPath: "jobs.joinLegislators",
      message: /JoinLegislators and joinLegislators, which differ only by case; IAM ignores case/,
    },
    "a misspelled enabled: false override": {
      config: withChange((c) => (c.stages.dev.jobs = { ProcesLegislators: { enabled: false } })),
      keyPath: "stages.dev.jobs.ProcesLegislators",
      message: /no shared job ProcesLegislators to leave out \(did you mean ProcessLegislators\?\)/,
    },
    "an override of a job that does not exist": {
      config: withChange((c) => (c.stages.prod.jobs = { JoinLegislator: { numberOfWorkers: 4 } })),
      keyPath: "stages.prod.jobs.JoinLegislator",
      message: /no shared job JoinLegislator \(did you mean JoinLegislators\?\); fix the name, or give a stage-only job its script/,
    },
    "an override named like an Object method": {
      config: withChange((c) => (c.stages.dev.jobs = { constructor: { numberOfWorkers: 3 } })),
      keyPath: "stages.dev.jobs.constructor",
      message: /no shared job constructor/,
    },
  },
  placeholders: {
    "{{stageBucket}}": {
      config: output("s3://{{stageBucket}}/output/join/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /found \{\{stageBucket\}\}; placeholders take single braces: write \{stageBucket\}/,
    },
    "a misspelled placeholder": {
      config: output("s3://{stagebucket}/output/join/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /unknown placeholder \{stagebucket\} \(did you mean \{stageBucket\}\?\)/,
    },
  },
  "dangerous S3 locations": {
    "an output at the stage bucket's root": {
      config: output("s3://{stageBucket}/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /the root of a bucket: the job could overwrite or delete every object in it/,
    },
    "s3://*/": {
      config: joinJob((j) => (j.inputs.input_path_orgs = "s3://*/")),
      keyPath: "jobs.JoinLegislators.inputs.input_path_orgs",
      message: /found the bucket "\*" in s3:\/\/\*\//,
    },
    "a wildcard in a key": {
      config: joinJob((j) => (j.inputs.input_path_orgs = "s3://awsglue-datasets/data/*.json")),
      keyPath: "jobs.JoinLegislators.inputs.input_path_orgs",
      message: /found a wildcard .* which IAM would widen to every matching key/,
    },
    "an output under temp/": {
      config: output("s3://{stageBucket}/temp/join/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /inside temp\/ of the stage bucket, which is Glue's temp dir, whose objects the lifecycle rule deletes after 7 days/,
    },
    "an output over the job scripts": {
      config: output("s3://{stageBucket}/scripts/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /inside scripts\/ of the stage bucket, which holds every job's code/,
    },
    "an output in the other stage's bucket": {
      config: output("s3://prod-glue-333333333333-eu-central-1/output/join/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /in dev: found .* in the prod stage's bucket, which no job may write/,
    },
    "an output over the job's own input": {
      config: output("s3://awsglue-datasets/examples/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /overlaps the job's input s3:\/\/awsglue-datasets\/examples\/us-legislators/,
    },
    "two jobs writing one prefix": {
      config: output("s3://{stageBucket}/output/process_legislators/"),
      keyPath: "jobs.JoinLegislators.outputs.output_path",
      message: /an output of ProcessLegislators: one job's overwrite would delete the other's data/,
    },
  },
  partitions: {
    "an aws-cn region among aws ones": {
      config: withChange((c) => (c.prodAccount.awsRegion = "cn-north-1")),
      keyPath: "prodAccount.awsRegion",
      message: /found cn-north-1, in the aws-cn partition, but pipelineAccount\.awsRegion eu-west-1 is in aws/,
    },
    "an aws-us-gov state bucket region": {
      config: withChange((c) => (c.backend = { type: "s3", bucket: "tf-state", region: "us-gov-west-1" })),
      keyPath: "backend.region",
      message: /in the aws-us-gov partition/,
    },
    "a deploy role of another partition": {
      config: withChange((c) => (c.stages.dev.deployRoleArn = "arn:aws-us-gov:iam::222222222222:role/deploy")),
      keyPath: "stages.dev.deployRoleArn",
      message: /an ARN of the aws-us-gov partition, but it serves eu-west-1, in aws; expected an ARN that starts arn:aws:/,
    },
    "a connection of another partition": {
      config: withChange(
        (c) => (c.source = { type: "codestar", connectionArn: "arn:aws-cn:codeconnections:cn-north-1:111111111111:connection/abc", repository: "acme/glue" }),
      ),
      keyPath: "source.connectionArn",
      message: /an ARN of the aws-cn partition/,
    },
  },
  backends: {
    "two stacks sharing one HCP workspace": {
      config: withChange((c) => (c.backend.workspaces = { "dev-glue": "glue", "prod-glue": "glue" })),
      keyPath: "backend.workspaces.prod-glue",
      message: /found glue, the workspace of dev-glue too: both stacks would share one state/,
    },
    "an S3 state bucket written as s3://": {
      config: withChange((c) => (c.backend = { type: "s3", bucket: "s3://tf-state", region: "eu-west-1" })),
      keyPath: "backend.bucket",
      message: /it is written as a location; give the bucket name alone.*for example my-terraform-state/,
    },
    "a keyPrefix with a leading /": {
      config: withChange((c) => (c.backend = { type: "s3", bucket: "tf-state", region: "eu-west-1", keyPrefix: "/glue" })),
      keyPath: "backend.keyPrefix",
      message: /found "\/glue"; expected a key prefix without a leading or trailing \//,
    },
    "a keyPrefix with a trailing /": {
      config: withChange((c) => (c.backend = { type: "s3", bucket: "tf-state", region: "eu-west-1", keyPrefix: "glue/" })),
      keyPath: "backend.keyPrefix",
      message: /without a leading or trailing \//,
    },
    "a cloud hostname written as a URL": {
      config: withChange((c) => (c.backend.hostname = "https://tfe.example.com/")),
      keyPath: "backend.hostname",
      message: /it is a URL; write the host name alone.*for example app\.terraform\.io/,
    },
  },
  values: {
    "an unquoted 13-digit account ID with a leading zero": {
      config: "pipelineAccount:\n  awsAccountId: 0123456789012\n  awsRegion: eu-west-1\n",
      keyPath: "pipelineAccount.awsAccountId",
      message: /found 0123456789012 unquoted, which YAML reads as the number 123456789012; expected a 12-digit account ID in quotes/,
    },
    "a NUL character": {
      config: joinJob((j) => (j.description = "joins\u0000persons")),
      keyPath: "jobs.JoinLegislators.description",
      message: /found the control character U\+0000/,
    },
    "a control character in a key": {
      config: joinJob((j) => (j.arguments = { "mode\u0007": "x" })),
      keyPath: "jobs.JoinLegislators.arguments",
      message: /control character U\+0007/,
    },
    "a right-to-left override": {
      config: withChange((c) => (c.tags = { team: "data\u202eplatform" })),
      keyPath: "tags.team",
      message: /control character U\+202e/,
    },
    "a description over 2,048 bytes": {
      config: joinJob((j) => (j.description = "é".repeat(1100))),
      keyPath: "jobs.JoinLegislators.description",
      message: /it is 2200 bytes in UTF-8; Glue allows 2048/,
    },
    "a reserved aws: tag": {
      config: withChange((c) => (c.tags = { "aws:owner": "me" })),
      keyPath: "tags.aws:owner",
      message: /starts with aws:, which AWS reserves/,
    },
    "more tags than fit with the stacks' own": {
      config: withChange((c) => {
        c.tags = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`shared${i}`, "x"]));
        c.stages.prod.tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`prod${i}`, "x"]));
      }),
      keyPath: "stages.prod.tags",
      message: /found 50 tags with the top-level tags; at most 43 fit/,
    },
    "a tag value that is a number": {
      config: withChange((c) => (c.tags = { "cost-center": 1234 })),
      keyPath: "tags.cost-center",
      message: /found the number 1234; expected a tag value .*in quotes/,
    },
    "a __proto__ key": {
      config: "tags:\n  __proto__: polluted\n",
      keyPath: "tags.__proto__",
      message: /found the key "__proto__"/,
    },
    "a branch with a space": {
      config: withChange((c) => (c.source.branch = "feature branch")),
      keyPath: "source.branch",
      message: /a branch name has no spaces/,
    },
  },
  "Terraform syntax": {
    "${...} in a description": {
      config: joinJob((j) => (j.description = 'host ${file("/etc/hostname")}')),
      keyPath: "jobs.JoinLegislators.description",
      message: /found "\$\{" .* which Terraform would evaluate as its own template syntax/,
    },
    "%{...} in a branch": {
      config: withChange((c) => (c.source.branch = "x%{if true}y%{endif}")),
      keyPath: "source.branch",
      message: /found "%\{"/,
    },
    "${...} in a tag": {
      config: withChange((c) => (c.tags = { team: "${var.x}" })),
      keyPath: "tags.team",
      message: /Terraform would evaluate/,
    },
    "${...} in an argument": {
      config: joinJob((j) => (j.arguments = { mode: "${path.cwd}" })),
      keyPath: "jobs.JoinLegislators.arguments.mode",
      message: /Terraform would evaluate/,
    },
  },
  environment: {
    "a deploy role in another account": {
      config: withChange((c) => (c.stages.prod.deployRoleArn = "arn:aws:iam::999999999999:role/deploy")),
      keyPath: "stages.prod.deployRoleArn",
      message: /a role in account 999999999999, but prod deploys to 333333333333; expected a role of 333333333333/,
    },
  },
  "Glue combinations": {
    "a streaming-only worker type": {
      config: joinJob((j) => (j.workerType = "G.025X")),
      keyPath: "jobs.JoinLegislators.workerType",
      message: /found G\.025X, which Glue runs only for streaming jobs/,
    },
    "FLEX on a worker type Glue does not run on FLEX": {
      config: joinJob((j) => Object.assign(j, { workerType: "G.4X", executionClass: "FLEX" })),
      keyPath: "jobs.JoinLegislators.executionClass",
      message: /found FLEX with workerType G\.4X; Glue runs FLEX only on G\.1X or G\.2X/,
    },
  },
  "YAML forms": {
    "an empty dev:": {
      config: withChange((c) => (c.stages.dev = null)),
      keyPath: "stages.dev",
      message: /stages\.dev is empty \(YAML reads "dev:" with nothing after it as null\); write "dev: \{\}"/,
    },
    "a YAML merge key": {
      config: "defaults: &defaults\n  workerType: G.2X\njobs:\n  A:\n    <<: *defaults\n    script: a.py\n",
      keyPath: "jobs.A.<<",
      message: /YAML merge keys \(<<\) are not read/,
    },
    "a multi-document file": {
      config: "pipelineAccount: {}\n---\ndevAccount: {}\n",
      keyPath: "(yaml)",
      message: /the file holds 2 YAML documents separated by ---; expected one document/,
    },
    "yes for a boolean": {
      config: "jobs:\n  A:\n    enabled: yes\n",
      keyPath: "jobs.A.enabled",
      message: /found "yes" \(YAML 1\.2 reads yes, no, on and off as text\); expected true or false/,
    },
  },
};

describe.each(Object.entries(classes))("hostile config: %s", (_class, cases) => {
  test.each(Object.entries(cases))("%s", (_name, { config, onDisk, keyPath, message }) => {
    const file = writeTempProject(config);
    onDisk?.(path.join(path.dirname(file), "job_scripts"));
    let error: unknown;
    try {
      loadConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    const problem = problems.find((p) => (p.path || "(top level)") === keyPath && message.test(p.message));
    if (!problem) throw new Error(`no problem at ${keyPath} matching ${message} in:\n${(error as Error).message}`);
  });
});

describe("stage alerts", () => {
  test("one address or a list, each read once", () => {
    const config = loadConfig(
      writeTempProject(withChange((c) => (c.stages.dev.alerts = { email: ["a@example.com", "a@example.com", "b@example.com"], https: "https://hooks.example.com/x" }))),
    );
    expect(config.stages.dev.alerts).toEqual({ email: ["a@example.com", "b@example.com"], https: ["https://hooks.example.com/x"] });
    expect(config.stages.prod.alerts).toEqual({ email: [], https: [] });
  });

  test("an address that is not one is refused with an example", () => {
    expect(() => loadConfig(writeTempProject(withChange((c) => (c.stages.prod.alerts = { email: ["oncall"] }))))).toThrow(
      /stages\.prod\.alerts\.email(\.0)?: .*expected an email address/,
    );
    expect(() => loadConfig(writeTempProject(withChange((c) => (c.stages.prod.alerts = { https: "http://insecure.example.com" }))))).toThrow(
      /stages\.prod\.alerts\.https: .*https:\/\/ URL/,
    );
  });
});

describe("handled safely rather than refused", () => {
  test("a dev job on a worker type FLEX does not support defaults to STANDARD", () => {
    const config = loadConfig(writeTempProject(joinJob((j) => (j.workerType = "G.8X"))));
    expect(config.stages.dev.jobs.JoinLegislators.executionClass).toBe("STANDARD");
    expect(config.stages.dev.jobs.ProcessLegislators.executionClass).toBe("FLEX");
  });

  test("{stageBucket} in a description is replaced, as in every job value", () => {
    const config = loadConfig(writeTempProject(joinJob((j) => (j.description = "writes to {stageBucket}"))));
    expect(config.stages.dev.jobs.JoinLegislators.description).toBe("writes to dev-glue-222222222222-eu-west-1");
  });

  test("braces that are not a placeholder stay as written", () => {
    const config = loadConfig(writeTempProject(joinJob((j) => (j.arguments = { filter: '{"year": 2024}' }))));
    expect(config.stages.prod.jobs.JoinLegislators.arguments.filter).toBe('{"year": 2024}');
  });

  test("a job named like an Object method is an ordinary job", () => {
    const config = loadConfig(
      writeTempProject(withChange((c) => (c.jobs.toString = { script: "join_legislators.py", outputs: { out: "s3://{stageBucket}/output/to_string/" } }))),
    );
    const name: string = "toString";
    expect(config.stages.dev.jobs[name].glueJobName).toBe("dev-toString");
  });
});
