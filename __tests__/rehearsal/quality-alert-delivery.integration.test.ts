/**
 * A data-quality failure followed to a subscriber (gap glue-data-quality-events): a run's evaluation,
 * published by the job runtime (glue_runtime.quality_results) as it publishes every local evaluation,
 * becomes Glue Data Quality's "Data Quality Evaluation Results Available" event when the run ends; the dev
 * stack's quality-alerts rule and input transformer, the topic's key policy and SNS bring it to an SQS
 * queue, next to the run's own job-failure alert. The rehearsal's job runs publish the same way, with Deequ.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { followAlert, type AlertTrigger } from "../../rehearsal/alert-steps";
import { startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { PROJECT_DIR } from "../../stacks/config";
import { resourcesOf, synthGlueStack } from "../helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const dev = { accountId: "222222222222", region: "eu-west-1" };
type Json = Record<string, any>;

/** The dev stack of a config whose ProcessLegislators output has rules: its job-alerts and quality-alerts rules. */
function synthWithRules(): Json {
  const input = baseConfig();
  input.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process_legislators/", quality: { rules: ["RowCount > 0", 'IsUnique "id"'] } };
  return synthGlueStack(writeTempProject(input), "dev").json;
}

/** Each rule with its target, for the set-up: the target names its rule by a reference to the rule's name. */
function rulesWithTargets(json: Json): Json[] {
  const rules = resourcesOf(json, "aws_cloudwatch_event_rule");
  return Object.values(resourcesOf(json, "aws_cloudwatch_event_target")).map((target: Json) => {
    const rule = rules[/^\$\{aws_cloudwatch_event_rule\.([^.]+)\.name\}$/.exec(target.rule)![1]];
    return { name: rule.name, eventPattern: rule.event_pattern, inputTransformer: { InputPathsMap: target.input_transformer.input_paths, InputTemplate: target.input_transformer.input_template } };
  });
}

/** The key, the topic with its policy, every rule with its target on the topic; prints the topic's ARN. */
const SETUP = `
import json, sys, boto3
plan = json.load(sys.stdin)
kms, sns, events = boto3.client("kms"), boto3.client("sns"), boto3.client("events")
key = kms.create_key(Policy=plan["keyPolicy"])["KeyMetadata"]["Arn"]
topic = sns.create_topic(Name=plan["topicName"], Attributes={"KmsMasterKeyId": key})["TopicArn"]
sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=plan["topicPolicy"].replace("TOPIC_ARN", topic))
for rule in plan["rules"]:
    events.put_rule(Name=rule["name"], EventPattern=rule["eventPattern"])
    events.put_targets(Rule=rule["name"], Targets=[{"Id": "t", "Arn": topic, "InputTransformer": rule["inputTransformer"]}])
print(json.dumps({"topicArn": topic}))
`;

/**
 * Two dev jobs whose scripts publish an evaluation through the job runtime, as a job's output check does
 * after Deequ measured it: one whose rules pass, one with a failed rule that exits as a failed check does.
 */
const evaluationScript = (rowCount: number) => `
import sys
sys.path.insert(0, ${JSON.stringify(join(PROJECT_DIR, "job_scripts"))})
from types import SimpleNamespace
from glue_runtime.quality import RuleResult
from glue_runtime.quality_results import publish_locally
job = sys.argv[sys.argv.index("--JOB_NAME") + 1]
quality = SimpleNamespace(context=job + "-output_path", output="output_path", left_to_glue=['DetectAnomalies "RowCount"'])
publish_locally(quality, [RuleResult("RowCount > 0", ${rowCount} > 0, {"Dataset.*.RowCount": ${rowCount}}), RuleResult('IsUnique "id"', True, {"Column.id.Uniqueness": 1.0})])
if ${rowCount} == 0:
    sys.exit("error: " + job + ": data quality of output output_path failed 1 of 2 rules: RowCount > 0 (measured RowCount 0); the output was not written")
`;

const JOB_SETUP = (scripts: Record<string, string>) => `
import json, boto3
from botocore.config import Config
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"})); iam, glue = boto3.client("iam"), boto3.client("glue")
scripts = json.loads(${JSON.stringify(JSON.stringify(scripts))})
s3.create_bucket(Bucket="code-dev", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
iam.create_role(RoleName="job-runner", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
iam.put_role_policy(RoleName="job-runner", PolicyName="run", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::code-dev/*"}]}))
for name, script in scripts.items():
    s3.put_object(Bucket="code-dev", Key=name + ".py", Body=script.encode())
    glue.create_job(Name=name, Role="arn:aws:iam::222222222222:role/job-runner", Command={"Name": "glueetl", "ScriptLocation": "s3://code-dev/" + name + ".py"}, GlueVersion="5.1", Timeout=5)
`;

describe("a data-quality failure followed to a subscriber: the evaluation's event, the deployed rule, the topic's key and SNS", () => {
  const json = synthWithRules();
  let emulator: Emulator;
  let workDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "quality-alert-delivery-test-"));
    emulator = await startEmulator({ workDir, glueJobRuns: "local-spark" });
    env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, await emulator.adminCredentials(dev.accountId), { dir: join(workDir, "aws"), region: dev.region }) };
    execFileSync(VENV_PYTHON, ["-c", JOB_SETUP({ "dev-Passes": evaluationScript(8), "dev-FailsQuality": evaluationScript(0) })], { env });
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a failed rule brings the quality alert (job, run, output, counts, score) beside the job's; rules that pass, none", async () => {
    const rules = rulesWithTargets(json);
    expect(rules.map((r) => r.name).sort()).toEqual(["glue-dev-job-alerts", "glue-dev-quality-alerts"]);
    const plan = {
      keyPolicy: Object.values(resourcesOf(json, "aws_kms_key"))[0].policy,
      topicName: "glue-dev-job-alerts",
      topicPolicy: Object.values(resourcesOf(json, "aws_sns_topic_policy"))[0].policy.replace(/\$\{aws_sns_topic\.[^}]+\}/g, "TOPIC_ARN"),
      rules,
    };
    const { topicArn } = JSON.parse(execFileSync(VENV_PYTHON, ["-c", SETUP], { env, encoding: "utf8", input: JSON.stringify(plan) }).trim());
    const triggers: AlertTrigger[] = [
      { label: "rules pass", kind: "glue-run", jobName: "dev-Passes" },
      { label: "a rule fails", kind: "glue-run", jobName: "dev-FailsQuality" },
    ];
    const [passes, fails] = await followAlert(emulator, dev, { topicArn, queueName: "follow-quality", waitSeconds: 4, runTimeoutSeconds: 120, triggers }, workDir);

    expect(passes).toMatchObject({ state: "SUCCEEDED", messages: [] });
    expect(fails.state).toBe("FAILED");
    const quality = fails.messages.filter((m) => m.startsWith("Data quality of Glue job"));
    expect(quality).toEqual([
      expect.stringMatching(
        new RegExp(`^Data quality of Glue job dev-FailsQuality of dev FAILED at \\S+ \\(run ${fails.runId}, output dev-FailsQuality-output_path\\): 1 rule\\(s\\) failed, 1 passed, score 0\\.5\\. `),
      ),
    ]);
    expect(fails.messages.filter((m) => m.startsWith("Glue job dev-FailsQuality of dev ended FAILED"))).toHaveLength(1);
    expect(fails.messages).toHaveLength(2);
  }, 240_000);
});
