import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JobRunReport } from "../../rehearsal/integ-job-runs";
import { formatS3Actions, withS3Calls, type RunS3Calls } from "../../rehearsal/job-run-s3-calls";
import { formatJobRuns } from "../../rehearsal/report";

const RUNS: JobRunReport[] = [
  { job: "dev-ProcessLegislators", runId: "jr_1", state: "SUCCEEDED", seconds: 21, passed: true },
  { job: "dev-JoinLegislators", runId: "jr_2", state: "FAILED", seconds: 9, passed: false, reason: "S3 denied s3:GetObject on arn:aws:s3:::b/output" },
  { job: "dev-SummarizeLegislators", state: "START_FAILED", seconds: 0, passed: false, reason: "ConcurrentRunsExceededException" },
];
const calls = (s3Actions: Record<string, number>, denied: RunS3Calls["denied"] = []): RunS3Calls => ({
  s3Connector: "s3a",
  roleArn: "arn:aws:iam::123456789012:role/glue-job-dev-ProcessLegislators",
  s3Actions,
  fetchActions: { "s3:GetObject": 2 },
  denied,
});

describe("withS3Calls: each IntegTest run with the S3 calls the emulator tallied in its folder", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "job-run-s3-calls-"));
    const write = (job: string, runId: string, content: RunS3Calls) => {
      mkdirSync(join(dir, job, runId), { recursive: true });
      writeFileSync(join(dir, job, runId, "s3-calls.json"), JSON.stringify(content));
    };
    write("dev-ProcessLegislators", "jr_1", calls({ "s3:ListBucket": 40, "s3:GetObject": 31, "s3:PutObject": 9, "s3:DeleteObject": 12 }));
    write("dev-JoinLegislators", "jr_2", calls({ "s3:GetObject": 3 }, [{ action: "s3:GetObject", resource: "arn:aws:s3:::b/output", decision: "denied: no identity policy allows it" }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("adds the connector, the S3 actions with their counts and the denied count; a run without a folder stays as it is", () => {
    const runs = withS3Calls(RUNS, dir);
    expect(runs[0]).toEqual({ ...RUNS[0], s3Connector: "s3a", s3Actions: { "s3:ListBucket": 40, "s3:GetObject": 31, "s3:PutObject": 9, "s3:DeleteObject": 12 }, s3Denied: 0 });
    expect(runs[1]).toMatchObject({ s3Connector: "s3a", s3Actions: { "s3:GetObject": 3 }, s3Denied: 1 });
    expect(runs[2]).toEqual(RUNS[2]);
  });

  test("with moto's own runs (no runs folder) the runs are as the integration test reported them", () => {
    expect(withS3Calls(RUNS, undefined)).toEqual(RUNS);
  });

  test("the report's job-run table shows each run's S3 actions under it, sorted by action", () => {
    const text = formatJobRuns(withS3Calls(RUNS, dir));
    expect(text).toContain("    S3 through s3a: s3:DeleteObject 12, s3:GetObject 31, s3:ListBucket 40, s3:PutObject 9\n");
    expect(text).toContain("    S3 through s3a: s3:GetObject 3 (1 denied)\n");
    expect(formatS3Actions({})).toBe("");
  });
});
