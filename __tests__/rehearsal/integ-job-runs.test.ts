import { formatJUnitXml } from "../../integ/junit-xml";
import type { IntegReport } from "../../integ/types";
import { jobRunsOfJUnit } from "../../rehearsal/integ-job-runs";
import { formatJobRuns } from "../../rehearsal/report";

const REPORT: IntegReport = {
  stageName: "dev",
  account: "123456789012",
  region: "eu-west-1",
  startedAt: "2026-01-01T00:00:00.000Z",
  finishedAt: "2026-01-01T00:00:40.000Z",
  maxDurationSeconds: 600,
  outcomes: [
    { jobName: "dev-JoinLegislators", runId: "jr_1", state: "SUCCEEDED", seconds: 13, passed: true, reason: "SUCCEEDED in 13 s" },
    { jobName: "dev-SummarizeLegislators", runId: "jr_2", state: "FAILED", seconds: 4, passed: false, reason: `ended FAILED: KeyError: 'org_id' <in "history">` },
    { jobName: "dev-ProcessLegislators", state: "START_FAILED", passed: false, reason: "ConcurrentRunsExceededException: Concurrent runs exceeded" },
  ],
  passed: false,
};

describe("jobRunsOfJUnit: the job runs in the integration test's own JUnit report", () => {
  test("one per job, with run id, state, seconds and a failed run's reason, unescaped", () => {
    expect(jobRunsOfJUnit(formatJUnitXml(REPORT))).toEqual([
      { job: "dev-JoinLegislators", runId: "jr_1", state: "SUCCEEDED", seconds: 13, passed: true },
      { job: "dev-SummarizeLegislators", runId: "jr_2", state: "FAILED", seconds: 4, passed: false, reason: `ended FAILED: KeyError: 'org_id' <in "history">` },
      { job: "dev-ProcessLegislators", state: "START_FAILED", seconds: 0, passed: false, reason: "ConcurrentRunsExceededException: Concurrent runs exceeded" },
    ]);
  });

  test("the test's own error (no job matched) is not a job run", () => {
    expect(jobRunsOfJUnit(formatJUnitXml({ ...REPORT, outcomes: [], error: "no Glue job is tagged stack_name=dev-glue" }))).toEqual([]);
  });

  test("formatJobRuns prints a row per run with its seconds, and why a run failed", () => {
    const text = formatJobRuns(jobRunsOfJUnit(formatJUnitXml(REPORT)));
    expect(text.split("\n")).toEqual([
      "JOB RUN                    STATE         SECONDS  RESULT",
      "  dev-JoinLegislators      SUCCEEDED          13  PASSED",
      `  dev-SummarizeLegislators FAILED              4  FAILED: ended FAILED: KeyError: 'org_id' <in "history">`,
      "  dev-ProcessLegislators   START_FAILED        0  FAILED: ConcurrentRunsExceededException: Concurrent runs exceeded",
    ]);
  });
});
