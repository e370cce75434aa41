/** Malformed configs: each must fail with one message that names the key path and says how to fix it. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, loadConfig } from "../stacks/config";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Case = [name: string, config: Record<string, any> | string, keyPath: string, fix: RegExp];

/** A copy of the base config with one change applied. */
function withChange(change: (c: Record<string, any>) => void): Record<string, any> {
  const config = baseConfig();
  change(config);
  return config;
}

const cases: Case[] = [
  ["missing account", withChange((c) => delete c.devAccount), "devAccount", /required key is missing/],
  ["missing region", withChange((c) => delete c.devAccount.awsRegion), "devAccount.awsRegion", /required key is missing/],
  ["11-digit account ID", withChange((c) => (c.devAccount.awsAccountId = "12345678901")), "devAccount.awsAccountId", /12 digits in quotes/],
  ["13-digit account ID", withChange((c) => (c.prodAccount.awsAccountId = "1234567890123")), "prodAccount.awsAccountId", /12-digit/],
  ["account ID with letters", withChange((c) => (c.pipelineAccount.awsAccountId = "12345678901a")), "pipelineAccount.awsAccountId", /12-digit/],
  ["account ID that lost its leading zero", "pipelineAccount:\n  awsAccountId: 012345678901\n", "pipelineAccount.awsAccountId", /in quotes/],
  ["account ID as a list", withChange((c) => (c.devAccount.awsAccountId = ["1"])), "devAccount.awsAccountId", /12-digit AWS account ID/],
  ["unknown region", withChange((c) => (c.devAccount.awsRegion = "mars-north-1")), "devAccount.awsRegion", /expected a name such as us-east-1 or eu-west-1 \(every AWS region is listed in stacks\/constants\/aws-regions\.ts\)/],
  ["region typo", withChange((c) => (c.prodAccount.awsRegion = "eu-wset-1")), "prodAccount.awsRegion", /did you mean "eu-west-1"/],
  ["region as a number", withChange((c) => (c.devAccount.awsRegion = 1)), "devAccount.awsRegion", /found the number 1; expected a name such as us-east-1/],
  ["unknown top-level key", withChange((c) => (c.extra = 1)), "(top level)", /unknown key "extra"; allowed keys: pipelineAccount/],
  ["typo of a top-level key", withChange((c) => { c.stagez = c.stages; delete c.stages; }), "(top level)", /"stagez" \(did you mean "stages"\?\)/],
  ["typo of a job key", withChange((c) => (c.jobs.JoinLegislators.workerTyp = "G.1X")), "jobs.JoinLegislators", /did you mean "workerType"/],
  ["job with no script", withChange((c) => delete c.jobs.JoinLegislators.script), "jobs.JoinLegislators.script", /add script: my_job\.py/],
  ["script that does not exist", withChange((c) => (c.jobs.JoinLegislators.script = "nope.py")), "jobs.JoinLegislators.script", /nope\.py does not exist; create it/],
  ["script that is a path", withChange((c) => (c.jobs.JoinLegislators.script = "../etc/passwd.py")), "jobs.JoinLegislators.script", /found "\.\.\/etc\/passwd\.py"; expected a script file name in job_scripts\/, for example my_job\.py/],
  ["empty script name", withChange((c) => (c.jobs.JoinLegislators.script = "")), "jobs.JoinLegislators.script", /found an empty string; expected a script file name/],
  ["bad worker type", withChange((c) => (c.jobs.JoinLegislators.workerType = "G.3X")), "jobs.JoinLegislators.workerType", /expected one of: G\.025X/],
  ["worker count as text", withChange((c) => (c.jobs.JoinLegislators.numberOfWorkers = "two")), "jobs.JoinLegislators.numberOfWorkers", /whole number/],
  ["one worker", withChange((c) => (c.jobs.JoinLegislators.numberOfWorkers = 1)), "jobs.JoinLegislators.numberOfWorkers", /found the number 1; expected a whole number from 2 to 299/],
  ["fractional timeout", withChange((c) => (c.jobs.JoinLegislators.timeoutMinutes = 1.5)), "jobs.JoinLegislators.timeoutMinutes", /whole number/],
  ["unknown Glue version", withChange((c) => (c.jobs.JoinLegislators.glueVersion = "3.0")), "jobs.JoinLegislators.glueVersion", /expected one of: 5\.1/],
  ["unknown execution class", withChange((c) => (c.jobs.JoinLegislators.executionClass = "flex")), "jobs.JoinLegislators.executionClass", /did you mean "FLEX"/],
  ["FLEX in prod", withChange((c) => (c.stages.prod.jobs.JoinLegislators.executionClass = "FLEX")), "stages.prod.jobs.JoinLegislators.executionClass", /use STANDARD, or set stages\.prod\.allowFlex: true/],
  ["invalid job name", withChange((c) => (c.jobs["1bad job"] = { script: "join_legislators.py" })), "jobs.1bad job", /not a valid job name; start with a letter/],
  ["job name too long", withChange((c) => (c.jobs["J" + "x".repeat(60)] = { script: "join_legislators.py" })), "jobs.J", /up to 47/],
  ["input that is not S3", withChange((c) => (c.jobs.JoinLegislators.inputs.input_path_orgs = "/tmp/orgs.json")), "jobs.JoinLegislators.inputs.input_path_orgs", /expected an S3 location, for example s3:\/\/my-bucket\/prefix\//],
  ["unknown placeholder", withChange((c) => (c.jobs.JoinLegislators.outputs.output_path = "s3://{bucket}/x/")), "jobs.JoinLegislators.outputs.output_path", /unknown placeholder \{bucket\}; the placeholders are \{stageBucket\}/],
  ["argument the stack sets", withChange((c) => (c.jobs.JoinLegislators.arguments = { TempDir: "s3://x/" })), "jobs.JoinLegislators.arguments.TempDir", /set by the stack itself; remove it/],
  ["same argument twice", withChange((c) => (c.jobs.JoinLegislators.arguments = { output_path: "x" })), "jobs.JoinLegislators.arguments.output_path", /already given under outputs/],
  ["duplicate job name", "jobs:\n  A:\n    script: a.py\n  A:\n    script: b.py\n", "(yaml)", /Map keys must be unique.*fix the YAML syntax/],
  ["invalid YAML", "pipelineAccount: [unclosed\n", "(yaml)", /fix the YAML syntax/],
  ["YAML that is a list", "- a\n- b\n", "(top level)", /must hold a YAML mapping/],
  ["empty file", "", "(top level)", /must hold a YAML mapping/],
  ["alias bomb", "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "(yaml)", /use fewer YAML aliases/],
  ["empty organization", withChange((c) => (c.backend.organization = "  ")), "backend.organization", /found "  "; expected an HCP Terraform organization name/],
  ["unknown backend type", withChange((c) => (c.backend = { type: "consul" })), "backend.type", /found "consul"; expected a backend type, one of: cloud, s3, local/],
  ["unencrypted s3 state", withChange((c) => (c.backend = { type: "s3", bucket: "b", region: "eu-west-1", encrypt: false })), "backend.encrypt", /set encrypt: true/],
  ["unlocked s3 state", withChange((c) => (c.backend = { type: "s3", bucket: "b", region: "eu-west-1", useLockfile: false })), "backend.useLockfile", /set useLockfile: true/],
  ["unknown source type", withChange((c) => (c.source = { type: "svn" })), "source.type", /found "svn"; expected a source type, one of: codecommit, codestar/],
  ["bad connection repository", withChange((c) => (c.source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/x", repository: "just-a-name" })), "source.repository", /expected owner\/repo/],
  ["unknown stage", withChange((c) => (c.stages.test = {})), "stages", /unknown key "test"; allowed keys: dev, prod/],
  ["bad deploy role", withChange((c) => (c.stages.dev.deployRoleArn = "glue-deploy")), "stages.dev.deployRoleArn", /found "glue-deploy"; expected an IAM role ARN, for example arn:aws:iam::/],
  ["missing library package", withChange((c) => (c.pythonLibraries = ["nope"])), "pythonLibraries.0", /not a Python package/],
];

describe("a malformed config fails with the key path and the fix", () => {
  test("there are at least 30 cases", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  test.each(cases)("%s", (_name, config, keyPath, fix) => {
    const file = writeTempProject(config);
    let error: unknown;
    try {
      loadConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(file);
    const problem = (error as ConfigError).problems.find((p) => (p.path || "(top level)").startsWith(keyPath) && fix.test(p.message));
    if (!problem) throw new Error(`no problem at ${keyPath} matching ${fix} in:\n${message}`);
  });
});

describe("a config file that cannot be read", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-unreadable-"));
  const expectError = (file: string, fix: RegExp) => {
    expect(() => loadConfig(file)).toThrow(ConfigError);
    expect(() => loadConfig(file)).toThrow(fix);
  };

  test("missing file", () => expectError(path.join(dir, "absent.yaml"), /file not found; create it .*or name another with GLUE_CONFIG=FILE/));
  test("a directory", () => expectError(dir, /this is a directory, not a file/));
  test("a huge file", () => {
    const file = path.join(dir, "huge.yaml");
    fs.writeFileSync(file, `# ${"x".repeat(2 * 1024 * 1024)}\n`);
    expectError(file, /over the 1048576-byte limit/);
  });
  test("a file that is not UTF-8", () => {
    const file = path.join(dir, "latin1.yaml");
    fs.writeFileSync(file, Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    expectError(file, /not valid UTF-8 text; save it as UTF-8/);
  });
});
