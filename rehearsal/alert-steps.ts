/**
 * The rehearsal's alerts, followed to a subscriber: an SQS queue subscribed to the deployed topic receives
 * what a person's email or chat channel would.
 * - JobFailureAlert: a dev job run that succeeds (no alert), then one of the same job whose input argument
 *   points at input that does not exist, which fails for real on local Spark; Glue's state change event
 *   (emulator), the deployed rule's pattern and input transformer, the topic's key policy (judged by
 *   stacks/constants/service-key-conditions.ts) and SNS bring its alert to the queue.
 * - PipelineFailureAlert: the execution the rehearsal ran ends SUCCEEDED (no alert); a second one, whose
 *   Approval a person rejects, ends FAILED. The rehearsal plays CodePipeline, so it puts the event
 *   CodePipeline sends at each end (gap codepipeline-execution-events); the deployed rule does the rest.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { AppConfig } from "../stacks/config";
import { jobAlertsName } from "../stacks/constructs/job-alerts";
import { noticeTopicName } from "../stacks/pipeline/failure-notice";
import { PIPELINE_NAME } from "../stacks/names";
import type { Emulator } from "./emulator/emulator";
import { awsClientEnv } from "./emulator/emulator-override";
import { VENV_PYTHON } from "./emulator/moto-server";
import type { StepReport } from "./report";
import type { TopologyAccount } from "./emulator/emulator-inventory";

const FOLLOWER = join(__dirname, "follow_alert.py");

export type AlertTrigger =
  | { readonly label: string; readonly kind: "glue-run"; readonly jobName: string; readonly arguments?: Readonly<Record<string, string>> }
  | { readonly label: string; readonly kind: "put-event"; readonly entry: Readonly<Record<string, unknown>> };

export interface AlertPlan {
  readonly topicArn: string;
  readonly queueName: string;
  /** How long the queue is read after each trigger. */
  readonly waitSeconds: number;
  readonly runTimeoutSeconds?: number;
  readonly triggers: readonly AlertTrigger[];
}

export interface TriggerResult {
  readonly label: string;
  readonly runId: string | null;
  readonly state: string;
  readonly error: string | null;
  /** The texts the subscriber received after this trigger. */
  readonly messages: readonly string[];
}

/** Runs follow_alert.py with `plan`, as the account's administrator; its last line of output, parsed. */
async function runFollower<T>(emulator: Emulator, account: TopologyAccount, plan: object, workDir: string): Promise<T> {
  const admin = await emulator.adminCredentials(account.accountId);
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", `alerts-${account.accountId}`), region: account.region }) };
  return new Promise((resolve, reject) => {
    const child = execFile(VENV_PYTHON, [FOLLOWER], { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`following the alert failed: ${stderr.trim() || error.message}`)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as T),
    );
    child.stdin?.end(JSON.stringify(plan));
  });
}

/** Subscribes a queue, runs each trigger and collects what arrives after it; the queue is gone afterwards. */
export async function followAlert(emulator: Emulator, account: TopologyAccount, plan: AlertPlan, workDir: string): Promise<TriggerResult[]> {
  return (await runFollower<{ results: TriggerResult[] }>(emulator, account, plan, workDir)).results;
}

export interface NoticeQueue {
  readonly account: TopologyAccount;
  readonly queueUrl: string;
  readonly subscriptionArn: string;
}

/** A queue subscribed to the topic, for notices another step publishes; read it with collectNotices. */
export async function subscribeNotices(emulator: Emulator, account: TopologyAccount, topicArn: string, queueName: string, workDir: string): Promise<NoticeQueue> {
  const queue = await runFollower<{ queueUrl: string; subscriptionArn: string }>(emulator, account, { mode: "subscribe", topicArn, queueName }, workDir);
  return { account, ...queue };
}

/** What the queue received; then it is unsubscribed and deleted. */
export async function collectNotices(emulator: Emulator, queue: NoticeQueue, workDir: string): Promise<string[]> {
  const plan = { mode: "collect", queueUrl: queue.queueUrl, subscriptionArn: queue.subscriptionArn, waitSeconds: 3 };
  return (await runFollower<{ messages: string[] }>(emulator, queue.account, plan, workDir)).messages;
}

/** What one step expects: the trigger that must bring exactly one alert, and those that must bring none. */
export interface AlertExpectation {
  readonly alerting: string;
  /** Text the alert must hold, e.g. the run's id. */
  readonly mustMention: (result: TriggerResult) => readonly string[];
  /** The state the alerting trigger must end in (a job run's), if any. */
  readonly alertingState?: string;
  readonly silent: readonly { readonly label: string; readonly state?: string }[];
}

/** The step's verdict from what the subscriber received: a problem per line, or none. */
export function judgeAlerts(results: readonly TriggerResult[], expected: AlertExpectation): { problems: string[]; message?: string } {
  const problems: string[] = [];
  const byLabel = new Map(results.map((r) => [r.label, r]));
  for (const silent of expected.silent) {
    const result = byLabel.get(silent.label);
    if (!result) problems.push(`${silent.label}: did not run`);
    else {
      if (silent.state && result.state !== silent.state) problems.push(`${silent.label}: ended ${result.state}, expected ${silent.state}${result.error ? ` (${result.error})` : ""}`);
      if (result.messages.length > 0) problems.push(`${silent.label}: the subscriber received ${result.messages.length} alert(s), expected none: ${result.messages.join(" | ")}`);
    }
  }
  const alerting = byLabel.get(expected.alerting);
  if (!alerting) return { problems: [...problems, `${expected.alerting}: did not run`] };
  if (expected.alertingState && alerting.state !== expected.alertingState) problems.push(`${expected.alerting}: ended ${alerting.state}, expected ${expected.alertingState}`);
  if (alerting.messages.length !== 1) problems.push(`${expected.alerting}: the subscriber received ${alerting.messages.length} alert(s), expected 1 (the emulator's log names a refused delivery: events-sns-targets)`);
  const message = alerting.messages[0];
  if (message !== undefined) {
    const missing = expected.mustMention(alerting).filter((text) => !message.includes(text));
    if (missing.length > 0) problems.push(`${expected.alerting}: the alert does not mention ${missing.join(", ")}: ${message}`);
  }
  return { problems, message };
}

/** The dev job with the fewest S3 inputs, and the arguments of a run whose first input does not exist. */
export function failingRunOf(config: AppConfig): { jobName: string; arguments: Record<string, string> } | undefined {
  const candidates = Object.values(config.stages.dev.jobs)
    .map((job) => ({ job, inputs: Object.entries(job.inputs).filter(([name, location]) => /^s3:\/\//.test(location) && !Object.hasOwn(job.inputTables, name)) }))
    .filter((c) => c.inputs.length > 0)
    .sort((a, b) => a.inputs.length - b.inputs.length || a.job.glueJobName.localeCompare(b.job.glueJobName));
  const chosen = candidates[0];
  if (!chosen) return undefined;
  const [name, location] = chosen.inputs[0];
  // Within the input's prefix, so the job role may read there: the run fails on missing data, not on a denial.
  return { jobName: chosen.job.glueJobName, arguments: { [`--${name}`]: `${location.replace(/\/$/, "")}-missing/` } };
}

const step = (name: string, started: number, ran: string, verdict: { problems: string[]; message?: string }, notRehearsed: string[]): StepReport => ({
  name,
  result: verdict.problems.length === 0 ? "passed" : "failed",
  seconds: (Date.now() - started) / 1000,
  ran,
  notRehearsed,
  ...(verdict.problems.length > 0 ? { error: verdict.problems.join("\n") } : {}),
  ...(verdict.message !== undefined ? { message: verdict.message } : {}),
});

export async function jobFailureAlertStep(emulator: Emulator, config: AppConfig, dev: TopologyAccount, workDir: string): Promise<StepReport> {
  const started = Date.now();
  const name = "JobFailureAlert";
  const failing = failingRunOf(config);
  if (!failing) return { name, result: "failed", seconds: 0, ran: "no dev job reads an S3 input", notRehearsed: [], error: "no dev job has an S3 input to point at missing data" };
  const topicArn = `arn:aws:sns:${dev.region}:${dev.accountId}:${jobAlertsName("dev")}`;
  try {
    const results = await followAlert(
      emulator,
      dev,
      {
        topicArn,
        queueName: `rehearsal-${jobAlertsName("dev")}`,
        waitSeconds: 8,
        triggers: [
          { label: "run that succeeds", kind: "glue-run", jobName: failing.jobName },
          { label: "run that fails", kind: "glue-run", jobName: failing.jobName, arguments: failing.arguments },
        ],
      },
      workDir,
    );
    const verdict = judgeAlerts(results, {
      alerting: "run that fails",
      alertingState: "FAILED",
      mustMention: (r) => [failing.jobName, r.runId ?? "", "ended FAILED"],
      silent: [{ label: "run that succeeds", state: "SUCCEEDED" }],
    });
    const [arg, value] = Object.entries(failing.arguments)[0];
    return step(name, started, `${failing.jobName} run twice (${arg} ${value} the 2nd time); an SQS queue on ${jobAlertsName("dev")}`, verdict, [
      "email and https subscriptions: an SQS queue subscribes instead and receives the same text",
    ]);
  } catch (error) {
    return { name, result: "failed", seconds: (Date.now() - started) / 1000, ran: `${failing.jobName} run twice`, notRehearsed: [], error: (error as Error).message };
  }
}

/** The event CodePipeline sends when an execution ends. */
export function executionStateChange(pipelineArn: string, executionId: string, state: "SUCCEEDED" | "FAILED"): Record<string, unknown> {
  return {
    Source: "aws.codepipeline",
    DetailType: "CodePipeline Pipeline Execution State Change",
    Resources: [pipelineArn],
    Detail: JSON.stringify({ pipeline: pipelineArn.split(":").at(-1), "execution-id": executionId, "execution-trigger": { "trigger-type": "StartPipelineExecution" }, state, version: 1 }),
  };
}

export async function pipelineFailureAlertStep(emulator: Emulator, pipeline: TopologyAccount, executionId: string, workDir: string): Promise<StepReport> {
  const started = Date.now();
  const name = "PipelineFailureAlert";
  const pipelineArn = `arn:aws:codepipeline:${pipeline.region}:${pipeline.accountId}:${PIPELINE_NAME}`;
  const rejected = randomUUID();
  try {
    const results = await followAlert(
      emulator,
      pipeline,
      {
        topicArn: `arn:aws:sns:${pipeline.region}:${pipeline.accountId}:${noticeTopicName(PIPELINE_NAME)}`,
        queueName: `rehearsal-${noticeTopicName(PIPELINE_NAME)}`,
        waitSeconds: 5,
        triggers: [
          { label: "execution that succeeded", kind: "put-event", entry: executionStateChange(pipelineArn, executionId, "SUCCEEDED") },
          { label: "execution whose approval is rejected", kind: "put-event", entry: executionStateChange(pipelineArn, rejected, "FAILED") },
        ],
      },
      workDir,
    );
    const verdict = judgeAlerts(results, { alerting: "execution whose approval is rejected", mustMention: () => [PIPELINE_NAME, rejected], silent: [{ label: "execution that succeeded" }] });
    return step(name, started, `execution ${executionId.slice(0, 8)} SUCCEEDED, ${rejected.slice(0, 8)} FAILED; an SQS queue on ${noticeTopicName(PIPELINE_NAME)}`, verdict, [
      "CodePipeline's own event: the rehearsal plays the executions and puts the event CodePipeline sends at their end",
      "the rejected execution's stages before Approval: the first execution ran them",
    ]);
  } catch (error) {
    return { name, result: "failed", seconds: (Date.now() - started) / 1000, ran: "two executions' end events", notRehearsed: [], error: (error as Error).message };
  }
}

/** The drift check's notices as the subscriber received them: one, naming the job changed out of band and its attribute. */
export function driftNoticeStep(messages: readonly string[], started: number, change: { job: string; attribute: string }): StepReport {
  const problems: string[] = [];
  if (messages.length !== 1) problems.push(`the subscriber received ${messages.length} drift notice(s), expected 1 (the check after the re-apply publishes none)`);
  const message = messages[0];
  if (message !== undefined) for (const text of [change.job, change.attribute]) if (!message.includes(text)) problems.push(`the notice does not mention ${text}: ${message}`);
  return step("DriftNoticeAlert", started, `an SQS queue on ${noticeTopicName(PIPELINE_NAME)} during both drift checks`, { problems, message }, [
    "email subscriptions: an SQS queue subscribes instead and receives the same text",
  ]);
}
