/** The alert steps' verdicts: one alert for the failure, with its run named; none for a success. */
import { driftNoticeStep, executionStateChange, failingRunOf, judgeAlerts, type TriggerResult } from "../../rehearsal/alert-steps";
import { loadConfig } from "../../stacks/config";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const result = (label: string, state: string, messages: string[], runId: string | null = null): TriggerResult => ({ label, runId, state, error: null, messages });
const expectation = { alerting: "fails", alertingState: "FAILED", mustMention: (r: TriggerResult) => [r.runId ?? ""], silent: [{ label: "succeeds", state: "SUCCEEDED" }] };

describe("judgeAlerts", () => {
  test("passes with one alert naming the failed run and none for the success, and hands back the alert's text", () => {
    const verdict = judgeAlerts([result("succeeds", "SUCCEEDED", []), result("fails", "FAILED", ["Glue job j ended FAILED (run jr_1): boom"], "jr_1")], expectation);
    expect(verdict).toEqual({ problems: [], message: "Glue job j ended FAILED (run jr_1): boom" });
  });

  test("fails when the success sends an alert, when the failure sends none or two, or when the alert names another run", () => {
    expect(judgeAlerts([result("succeeds", "SUCCEEDED", ["x"]), result("fails", "FAILED", ["jr_1"], "jr_1")], expectation).problems).toEqual([
      "succeeds: the subscriber received 1 alert(s), expected none: x",
    ]);
    expect(judgeAlerts([result("succeeds", "SUCCEEDED", []), result("fails", "FAILED", [], "jr_1")], expectation).problems[0]).toMatch(/received 0 alert\(s\), expected 1/);
    expect(judgeAlerts([result("succeeds", "SUCCEEDED", []), result("fails", "FAILED", ["jr_1", "jr_1"], "jr_1")], expectation).problems[0]).toMatch(/received 2 alert/);
    expect(judgeAlerts([result("succeeds", "SUCCEEDED", []), result("fails", "FAILED", ["run jr_2"], "jr_1")], expectation).problems).toEqual(["fails: the alert does not mention jr_1: run jr_2"]);
  });

  test("fails when a run ends otherwise than expected, or did not run", () => {
    expect(judgeAlerts([result("succeeds", "FAILED", []), result("fails", "SUCCEEDED", ["jr_1"], "jr_1")], expectation).problems).toEqual([
      "succeeds: ended FAILED, expected SUCCEEDED",
      "fails: ended SUCCEEDED, expected FAILED",
    ]);
    expect(judgeAlerts([], expectation).problems).toEqual(["succeeds: did not run", "fails: did not run"]);
  });
});

describe("failingRunOf", () => {
  test("points the S3 input of the dev job with fewest inputs at a location under it that does not exist", () => {
    const config = loadConfig(writeTempProject(baseConfig()));
    const run = failingRunOf(config)!;
    const job = Object.values(config.stages.dev.jobs).find((j) => j.glueJobName === run.jobName)!;
    expect(run.jobName).toMatch(/^dev-/);
    const [[argument, location]] = Object.entries(run.arguments);
    const input = job.inputs[argument.replace(/^--/, "")];
    expect(input).toMatch(/^s3:\/\//);
    expect(location).toBe(`${input.replace(/\/$/, "")}-missing/`);
    expect(Object.values(config.stages.dev.jobs).every((j) => Object.keys(j.inputs).length >= Object.keys(job.inputs).length)).toBe(true);
  });
});

describe("executionStateChange", () => {
  test("is the event CodePipeline sends, which the failure-notice rule's pattern and paths read", () => {
    const event = executionStateChange("arn:aws:codepipeline:eu-west-1:111111111111:glue-pipeline", "e-1", "FAILED");
    expect(event).toMatchObject({ Source: "aws.codepipeline", DetailType: "CodePipeline Pipeline Execution State Change", Resources: ["arn:aws:codepipeline:eu-west-1:111111111111:glue-pipeline"] });
    expect(JSON.parse(event.Detail as string)).toMatchObject({ pipeline: "glue-pipeline", "execution-id": "e-1", state: "FAILED" });
  });
});

describe("driftNoticeStep", () => {
  const change = { job: "dev-ProcessLegislators", attribute: "number_of_workers" };
  test("passes with one notice naming the job and the attribute, whose text it reports", () => {
    const notice = "dev-glue: 1 resource changed outside Terraform\n  ~ dev-ProcessLegislators number_of_workers: was 2, is now 5";
    expect(driftNoticeStep([notice], Date.now(), change)).toMatchObject({ name: "DriftNoticeAlert", result: "passed", message: notice });
  });

  test("fails with no notice, two, or one that names something else", () => {
    expect(driftNoticeStep([], Date.now(), change)).toMatchObject({ result: "failed", error: expect.stringContaining("received 0 drift notice(s)") });
    expect(driftNoticeStep(["dev-ProcessLegislators number_of_workers", "again"], Date.now(), change).result).toBe("failed");
    expect(driftNoticeStep(["the drift check failed"], Date.now(), change).error).toContain("does not mention dev-ProcessLegislators");
  });
});
