import { formatSummaryTable } from "../../integ/summary-table";

describe("formatSummaryTable", () => {
  it("lines up job, run id, state and seconds, then counts passes and lists failures", () => {
    const table = formatSummaryTable([
      { jobName: "ProcessLegislators", runId: "jr_a1", state: "SUCCEEDED", seconds: 95, passed: true, reason: "SUCCEEDED in 95 s" },
      { jobName: "JoinLegislators", runId: "jr_b2", state: "FAILED", seconds: 7, passed: false, reason: "ended FAILED: boom" },
      { jobName: "Busy", state: "START_FAILED", passed: false, reason: "could not start: busy" },
    ]);
    expect(table).toBe(
      [
        "JOB                 RUN ID  STATE         SECONDS  RESULT",
        "------------------  ------  ------------  -------  ------",
        "ProcessLegislators  jr_a1   SUCCEEDED          95  PASS",
        "JoinLegislators     jr_b2   FAILED              7  FAIL",
        "Busy                -       START_FAILED        -  FAIL",
        "",
        "1 of 3 job(s) passed",
        "Failures:",
        "  JoinLegislators: ended FAILED: boom",
        "  Busy: could not start: busy",
      ].join("\n"),
    );
  });

  it("has no failure list when everything passed", () => {
    const table = formatSummaryTable([{ jobName: "a", runId: "jr_1", state: "SUCCEEDED", seconds: 1, passed: true, reason: "ok" }]);
    expect(table).toContain("1 of 1 job(s) passed");
    expect(table).not.toContain("Failures:");
  });
});
