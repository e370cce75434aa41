/**
 * The launcher's alert delivery (gaps events-sns-targets, events-input-transformer and
 * kms-service-principal-conditions) against the real launcher: the dev stack's job-alert rule, target,
 * topic policy and key policy as synthesized, a Glue state change event put on the bus, and an SQS queue
 * subscribed to the topic. The rehearsal does the same with events from real failed job runs.
 */
import { execFileSync } from "node:child_process";
import { followAlert, type AlertTrigger } from "../../rehearsal/alert-steps";
import { EMULATOR_DIR } from "../../rehearsal/emulator/emulator";
import { STATE_CHANGE_EVENT_STATES } from "../../stacks/constants/glue-job-run-states";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { synthGlueStack } from "../helpers/synth-glue-stack";
import { alertBlocks, deployAlerts, DEV, startAlertEmulator, stopAlertEmulator, type AlertEmulator } from "../helpers/alert-emulator";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

type Json = Record<string, any>;

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

// The dev stack's job-alerts key, topic policy, rule and target, as both suites deploy them.
const blocks = alertBlocks(synthGlueStack(writeTempProject(baseConfig()), "dev").json, "glue-dev-job-alerts");
const [rule] = blocks.rules;

describe("alert delivery: a Glue event through the deployed rule, the topic's key and SNS to a subscriber", () => {
  let running: AlertEmulator;

  beforeAll(async () => {
    running = await startAlertEmulator("alert-delivery-test-");
  }, 60_000);

  afterAll(() => stopAlertEmulator(running));

  test("a failed run's alert arrives once, its message as Glue wrote it; a successful run's event sends none", async () => {
    const { topicArn } = deployAlerts(running, { ...blocks, topicName: `${rule.name}-fixed` });
    const message = 'An error occurred while calling o97.json.\n: AnalysisException: [PATH_NOT_FOUND] Path does not exist: "s3://in/persons.json-missing" (C:\\tmp)';
    const triggers = [glueEvent("SUCCEEDED", "jr_ok", "Job run succeeded"), glueEvent("FAILED", "jr_bad", message)];
    const results = await followAlert(running.emulator, DEV, { topicArn, queueName: "follow-fixed", waitSeconds: 3, triggers }, running.workDir);
    expect(results.map((r) => r.messages)).toEqual([
      [],
      [
        `Glue job dev-ProcessLegislators of dev ended FAILED at 2026-11-25T02:00:00Z (run jr_bad): ${message} ` +
          "Run details: https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/job/dev-ProcessLegislators/run/jr_bad",
      ],
    ]);
  }, 120_000);

  test("with the key policy conditioned on aws:SourceArn, as it was, KMS refuses EventBridge and nothing arrives", async () => {
    const before = JSON.parse(blocks.keyPolicy);
    const events = before.Statement.find((s: Json) => s.Principal?.Service === "events.amazonaws.com");
    events.Condition = { ArnEquals: { "aws:SourceArn": `arn:aws:events:${DEV.region}:${DEV.accountId}:rule/${rule.name}-old` } };
    const { topicArn } = deployAlerts(running, { keyPolicy: JSON.stringify(before), topicName: `${rule.name}-old`, topicPolicy: blocks.topicPolicy, rules: [{ ...rule, name: `${rule.name}-old` }] });
    const results = await followAlert(running.emulator, DEV, { topicArn, queueName: "follow-old", waitSeconds: 3, triggers: [glueEvent("FAILED", "jr_old", "boom")] }, running.workDir);
    expect(results[0].messages).toEqual([]);
  }, 120_000);
});

/** Jobs of a dev stage whose runs really run (gap glue-job-runs): one succeeds, one raises Glue-like text. */
const JOBS = {
  "dev-Works": "print('done')\n",
  "dev-Fails": "raise FileNotFoundError('Path does not exist: \"s3://in/persons.json-missing/\" (see the log)')\n",
};

describe("alert delivery from a real run: the emulator's Glue sends the event when a run ends", () => {
  let running: AlertEmulator;

  beforeAll(async () => {
    running = await startAlertEmulator("alert-delivery-runs-test-", JOBS);
  }, 60_000);

  afterAll(() => stopAlertEmulator(running));

  test("a run that fails brings one alert with Glue's error; a run that succeeds, none", async () => {
    const { topicArn } = deployAlerts(running, blocks);
    const triggers: AlertTrigger[] = [
      { label: "works", kind: "glue-run", jobName: "dev-Works" },
      { label: "fails", kind: "glue-run", jobName: "dev-Fails" },
    ];
    const [works, fails] = await followAlert(running.emulator, DEV, { topicArn, queueName: "follow-runs", waitSeconds: 4, runTimeoutSeconds: 120, triggers }, running.workDir);
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
