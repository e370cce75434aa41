import type { IntegReport } from "../../integ/types";

/** A report with one passing and one failing job, for the report format tests. */
export const mixedReport: IntegReport = {
  stageName: "dev",
  account: "123456789012",
  region: "eu-west-1",
  startedAt: "2025-01-01T10:00:00.000Z",
  finishedAt: "2025-01-01T10:02:30.500Z",
  maxDurationSeconds: 600,
  outcomes: [
    { jobName: "ProcessLegislators", runId: "jr_a1", state: "SUCCEEDED", seconds: 95, passed: true, reason: "SUCCEEDED in 95 s" },
    { jobName: "JoinLegislators", runId: "jr_b2", state: "FAILED", seconds: 7, passed: false, reason: `ended FAILED: "x" < 1 & y` },
  ],
  passed: false,
};

/** A report of a test that found no job to run. */
export const noJobsReport: IntegReport = {
  ...mixedReport,
  outcomes: [],
  error: "no Glue job is tagged stack_name=dev-glue",
};
