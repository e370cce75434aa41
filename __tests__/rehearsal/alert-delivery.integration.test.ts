/**
 * The launcher's alert delivery (gaps events-sns-targets, events-input-transformer and
 * kms-service-principal-conditions) against the real launcher: the dev stack's job-alert rule, target,
 * topic policy and key policy as synthesized, a Glue state change event put on the bus, and an SQS queue
 * subscribed to the topic. The rehearsal does the same with events from real failed job runs.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { followAlert, type AlertTrigger } from "../../rehearsal/alert-steps";
import { EMULATOR_DIR, startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";
import { STATE_CHANGE_EVENT_STATES } from "../../stacks/constants/glue-job-run-states";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { resourcesOf, synthGlueStack } from "../helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const dev = { accountId: "222222222222", region: "eu-west-1" };
type Json = Record<string, any>;
const only = (json: Json, type: string): Json => Object.values(resourcesOf(json, type))[0];

/** Creates the key, the topic, its policy, the rule and its target from the synthesized blocks; prints the topic's ARN. */
const SETUP = `
import json, sys, boto3
plan = json.load(sys.stdin)
kms, sns, events = boto3.client("kms"), boto3.client("sns"), boto3.client("events")
key = kms.create_key(Policy=plan["keyPolicy"])["KeyMetadata"]["Arn"]
topic = sns.create_topic(Name=plan["topicName"], Attributes={"KmsMasterKeyId": key})["TopicArn"]
sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=plan["topicPolicy"].replace("TOPIC_ARN", topic))
events.put_rule(Name=plan["ruleName"], EventPattern=plan["eventPattern"])
events.put_targets(Rule=plan["ruleName"], Targets=[{"Id": "t", "Arn": topic, "InputTransformer": plan["inputTransformer"]}])
print(json.dumps({"topicArn": topic, "keyArn": key}))
`;

const glueEvent = (state: string, runId: string, message: string): AlertTrigger => ({
  label: `${state} ${runId}`,
  kind: "put-event",
  entry: {
    Source: "aws.glue",
    DetailType: "Glue Job State Change",
    Time: new Date("2026-11-25T02:00:00Z"),
    Detail: JSON.stringify({ jobName: "dev-ProcessLegislators", severity: state === "SUCCEEDED" ? "INFO" : "ERROR", state, jobRunId: runId, message }),
  },
});

describe("alert delivery: a Glue event through the deployed rule, the topic's key and SNS to a subscriber", () => {
  let emulator: Emulator;
  let workDir: string;
  let env: Record<string, string>;
  const json = synthGlueStack(writeTempProject(baseConfig()), "dev").json;
  const rule = only(json, "aws_cloudwatch_event_rule");
  const target = only(json, "aws_cloudwatch_event_target");
  const topicPolicy = only(json, "aws_sns_topic_policy").policy.replace(/\$\{aws_sns_topic\.[^}]+\}/g, "TOPIC_ARN");

  const setUp = (keyPolicy: string, suffix: string): { topicArn: string } =>
    JSON.parse(
      execFileSync(VENV_PYTHON, ["-c", SETUP], {
        env,
        encoding: "utf8",
        input: JSON.stringify({
          keyPolicy,
          topicName: `${rule.name}-${suffix}`,
          topicPolicy,
          ruleName: `${rule.name}${suffix === "fixed" ? "" : `-${suffix}`}`,
          eventPattern: rule.event_pattern,
          inputTransformer: { InputPathsMap: target.input_transformer.input_paths, InputTemplate: target.input_transformer.input_template },
        }),
      }).trim(),
    );

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "alert-delivery-test-"));
    emulator = await startEmulator({ workDir });
    env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, await emulator.adminCredentials(dev.accountId), { dir: join(workDir, "aws"), region: dev.region }) };
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a failed run's alert arrives once, its message as Glue wrote it; a successful run's event sends none", async () => {
    const { topicArn } = setUp(only(json, "aws_kms_key").policy, "fixed");
    const message = 'An error occurred while calling o97.json.\n: AnalysisException: [PATH_NOT_FOUND] Path does not exist: "s3://in/persons.json-missing" (C:\\tmp)';
    const results = await followAlert(emulator, dev, { topicArn, queueName: "follow-fixed", waitSeconds: 3, triggers: [glueEvent("SUCCEEDED", "jr_ok", "Job run succeeded"), glueEvent("FAILED", "jr_bad", message)] }, workDir);
    expect(results.map((r) => r.messages)).toEqual([
      [],
      [
        `Glue job dev-ProcessLegislators of dev ended FAILED at 2026-11-25T02:00:00Z (run jr_bad): ${message} ` +
          "Run details: https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/job/dev-ProcessLegislators/run/jr_bad",
      ],
    ]);
  }, 120_000);

  test("with the key policy conditioned on aws:SourceArn, as it was, KMS refuses EventBridge and nothing arrives", async () => {
    const before = JSON.parse(only(json, "aws_kms_key").policy);
    const events = before.Statement.find((s: Json) => s.Principal?.Service === "events.amazonaws.com");
    events.Condition = { ArnEquals: { "aws:SourceArn": `arn:aws:events:${dev.region}:${dev.accountId}:rule/${rule.name}-old` } };
    const { topicArn } = setUp(JSON.stringify(before), "old");
    const results = await followAlert(emulator, dev, { topicArn, queueName: "follow-old", waitSeconds: 3, triggers: [glueEvent("FAILED", "jr_old", "boom")] }, workDir);
    expect(results[0].messages).toEqual([]);
  }, 120_000);
});

/** Jobs of a dev stage whose runs really run (gap glue-job-runs): one succeeds, one raises Glue-like text. */
const JOB_SETUP = `
import json, boto3
from botocore.config import Config
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"})); iam, glue = boto3.client("iam"), boto3.client("glue")
s3.create_bucket(Bucket="code-dev", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
s3.put_object(Bucket="code-dev", Key="works.py", Body=b"print('done')\\n")
s3.put_object(Bucket="code-dev", Key="fails.py", Body=b"raise FileNotFoundError('Path does not exist: \\"s3://in/persons.json-missing/\\" (see the log)')\\n")
iam.create_role(RoleName="job-runner", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
iam.put_role_policy(RoleName="job-runner", PolicyName="run", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::code-dev/*"}]}))
for name, script in (("dev-Works", "works.py"), ("dev-Fails", "fails.py")):
    glue.create_job(Name=name, Role="arn:aws:iam::222222222222:role/job-runner", Command={"Name": "glueetl", "ScriptLocation": "s3://code-dev/" + script}, GlueVersion="5.1", Timeout=5)
`;

describe("alert delivery from a real run: the emulator's Glue sends the event when a run ends", () => {
  let emulator: Emulator;
  let workDir: string;
  let env: Record<string, string>;
  const json = synthGlueStack(writeTempProject(baseConfig()), "dev").json;
  const rule = only(json, "aws_cloudwatch_event_rule");
  const target = only(json, "aws_cloudwatch_event_target");

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "alert-delivery-runs-test-"));
    emulator = await startEmulator({ workDir, glueJobRuns: "local-spark" });
    env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, await emulator.adminCredentials(dev.accountId), { dir: join(workDir, "aws"), region: dev.region }) };
    execFileSync(VENV_PYTHON, ["-c", JOB_SETUP], { env });
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a run that fails brings one alert with Glue's error; a run that succeeds, none", async () => {
    const plan = {
      keyPolicy: only(json, "aws_kms_key").policy,
      topicName: rule.name,
      topicPolicy: only(json, "aws_sns_topic_policy").policy.replace(/\$\{aws_sns_topic\.[^}]+\}/g, "TOPIC_ARN"),
      ruleName: rule.name,
      eventPattern: rule.event_pattern,
      inputTransformer: { InputPathsMap: target.input_transformer.input_paths, InputTemplate: target.input_transformer.input_template },
    };
    const { topicArn } = JSON.parse(execFileSync(VENV_PYTHON, ["-c", SETUP], { env, encoding: "utf8", input: JSON.stringify(plan) }).trim());
    const triggers: AlertTrigger[] = [
      { label: "works", kind: "glue-run", jobName: "dev-Works" },
      { label: "fails", kind: "glue-run", jobName: "dev-Fails" },
    ];
    const [works, fails] = await followAlert(emulator, dev, { topicArn, queueName: "follow-runs", waitSeconds: 4, runTimeoutSeconds: 120, triggers }, workDir);
    expect(works).toMatchObject({ state: "SUCCEEDED", messages: [] });
    expect(fails.state).toBe("FAILED");
    expect(fails.error).toContain('Path does not exist: "s3://in/persons.json-missing/" (see the log)');
    expect(fails.messages).toEqual([expect.stringContaining(`Glue job dev-Fails of dev ended FAILED at `)]);
    expect(fails.messages[0]).toContain(`(run ${fails.runId}): ${fails.error} Run details: https://eu-west-1.console.aws.amazon.com/`);
  }, 240_000);
});

test("the emulator's Glue sends state change events for the states of stacks/constants/glue-job-run-states.ts", () => {
  const program = "import json, sys\nsys.path.insert(0, sys.argv[1])\nfrom moto_patches.glue_state_change_events import STATE_CHANGE_EVENT_STATES\nprint(json.dumps(sorted(STATE_CHANGE_EVENT_STATES)))";
  expect(JSON.parse(execFileSync(VENV_PYTHON, ["-c", program, EMULATOR_DIR], { encoding: "utf8" }))).toEqual([...STATE_CHANGE_EVENT_STATES].sort());
});
