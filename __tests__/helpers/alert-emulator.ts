/**
 * The alert-delivery tests' emulator: a launcher with the dev account's administrator, a stack's
 * synthesized key, topic, topic policy and rules created from their blocks, and dev jobs whose scripts
 * the emulator really runs (gap glue-job-runs), as the job-runner role.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { resourcesOf } from "./synth-glue-stack";

export const DEV = { accountId: "222222222222", region: "eu-west-1" } as const;
type Json = Record<string, any>;

export interface AlertEmulator {
  readonly emulator: Emulator;
  readonly workDir: string;
  /** The dev administrator's client environment. */
  readonly env: Record<string, string>;
}

/** A rule as the set-up creates it: its name, pattern and its target's input transformer. */
export interface AlertRule {
  readonly name: string;
  readonly eventPattern: string;
  readonly inputTransformer: { readonly InputPathsMap: Record<string, string>; readonly InputTemplate: string };
}

export interface AlertPlanBlocks {
  readonly keyPolicy: string;
  readonly topicName: string;
  /** With TOPIC_ARN where the topic's ARN goes. */
  readonly topicPolicy: string;
  readonly rules: readonly AlertRule[];
}

/** Creates the key, the topic with its policy, and each rule with its target on the topic; prints the topic's ARN. */
const DEPLOY = `
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

/** A bucket of scripts, the job-runner role that reads it, and one Glue 5.1 job per script (by job name). */
const JOBS = `
import json, sys, boto3
from botocore.config import Config
scripts = json.load(sys.stdin)
s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"})); iam, glue = boto3.client("iam"), boto3.client("glue")
s3.create_bucket(Bucket="code-dev", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
iam.create_role(RoleName="job-runner", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "glue.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
iam.put_role_policy(RoleName="job-runner", PolicyName="run", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::code-dev/*"}]}))
for name, script in scripts.items():
    s3.put_object(Bucket="code-dev", Key=name + ".py", Body=script.encode())
    glue.create_job(Name=name, Role="arn:aws:iam::222222222222:role/job-runner", Command={"Name": "glueetl", "ScriptLocation": "s3://code-dev/" + name + ".py"}, GlueVersion="5.1", Timeout=5)
`;

/** Starts the launcher; with `jobs` (job name → script), its Glue runs them for real. */
export async function startAlertEmulator(prefix: string, jobs?: Record<string, string>): Promise<AlertEmulator> {
  const workDir = mkdtempSync(join(tmpdir(), prefix));
  const emulator = await startEmulator({ workDir, ...(jobs ? { glueJobRuns: "local-spark" as const } : {}) });
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, await emulator.adminCredentials(DEV.accountId), { dir: join(workDir, "aws"), region: DEV.region }) };
  if (jobs) execFileSync(VENV_PYTHON, ["-c", JOBS], { env, input: JSON.stringify(jobs) });
  return { emulator, workDir, env };
}

export async function stopAlertEmulator(running: AlertEmulator | undefined): Promise<void> {
  if (!running) return;
  await running.emulator.stop();
  rmSync(running.workDir, { recursive: true, force: true });
}

export function deployAlerts(running: AlertEmulator, blocks: AlertPlanBlocks): { topicArn: string } {
  return JSON.parse(execFileSync(VENV_PYTHON, ["-c", DEPLOY], { env: running.env, encoding: "utf8", input: JSON.stringify(blocks) }).trim());
}

/** Each synthesized rule with its target: the target names its rule by a reference to the rule's name. */
export function rulesWithTargets(json: Json): AlertRule[] {
  const rules = resourcesOf(json, "aws_cloudwatch_event_rule");
  return Object.values(resourcesOf(json, "aws_cloudwatch_event_target")).map((target: Json) => {
    const rule = rules[/^\$\{aws_cloudwatch_event_rule\.([^.]+)\.name\}$/.exec(target.rule)![1]];
    return { name: rule.name, eventPattern: rule.event_pattern, inputTransformer: { InputPathsMap: target.input_transformer.input_paths, InputTemplate: target.input_transformer.input_template } };
  });
}

/** The stack's key policy, topic policy (TOPIC_ARN for the topic) and rules, as the set-up takes them. */
export function alertBlocks(json: Json, topicName: string): AlertPlanBlocks {
  const only = (type: string): Json => Object.values(resourcesOf(json, type))[0];
  return {
    keyPolicy: only("aws_kms_key").policy,
    topicName,
    topicPolicy: only("aws_sns_topic_policy").policy.replace(/\$\{aws_sns_topic\.[^}]+\}/g, "TOPIC_ARN"),
    rules: rulesWithTargets(json),
  };
}
