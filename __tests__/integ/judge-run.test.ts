import { judgeRun, runSeconds } from "../../integ/judge-run";

const finished = (run: object) => ({ kind: "finished" as const, run });

describe("runSeconds", () => {
  it("prefers Glue's ExecutionTime", () => {
    expect(runSeconds({ ExecutionTime: 95, StartedOn: new Date(0), CompletedOn: new Date(500_000) })).toBe(95);
  });

  it("falls back to CompletedOn - StartedOn when ExecutionTime is missing or 0", () => {
    expect(runSeconds({ ExecutionTime: 0, StartedOn: new Date(0), CompletedOn: new Date(61_400) })).toBe(61);
    expect(runSeconds({ StartedOn: new Date(0), CompletedOn: new Date(2_000) })).toBe(2);
  });

  it("is undefined when neither is known", () => {
    expect(runSeconds({ StartedOn: new Date(0) })).toBeUndefined();
    expect(runSeconds(undefined)).toBeUndefined();
  });
});

describe("judgeRun", () => {
  it("passes a run that SUCCEEDED under the limit", () => {
    expect(judgeRun("job", "jr_1", finished({ JobRunState: "SUCCEEDED", ExecutionTime: 599 }), 600)).toEqual({
      jobName: "job",
      runId: "jr_1",
      state: "SUCCEEDED",
      seconds: 599,
      passed: true,
      reason: "SUCCEEDED in 599 s",
    });
  });

  it("fails a run that SUCCEEDED but took the limit or longer", () => {
    expect(judgeRun("job", "jr_1", finished({ JobRunState: "SUCCEEDED", ExecutionTime: 600 }), 600)).toMatchObject({
      passed: false,
      reason: "too slow: took 600 s, limit is under 600 s",
    });
  });

  it("fails a run that SUCCEEDED without any time to check", () => {
    expect(judgeRun("job", "jr_1", finished({ JobRunState: "SUCCEEDED" }), 600)).toMatchObject({ passed: false });
  });

  it("fails a failed run and quotes Glue's error message", () => {
    expect(judgeRun("job", "jr_1", finished({ JobRunState: "FAILED", ExecutionTime: 12, ErrorMessage: "NameError: x" }), 600)).toMatchObject({
      state: "FAILED",
      seconds: 12,
      passed: false,
      reason: "ended FAILED: NameError: x",
    });
  });

  it("fails a run the wait gave up on, saying it was left running", () => {
    const outcome = judgeRun("job", "jr_1", { kind: "timed-out", run: { JobRunState: "RUNNING" }, waitedMs: 1_800_000 }, 600);
    expect(outcome).toMatchObject({ state: "WAIT_TIMEOUT", passed: false });
    expect(outcome.reason).toBe("still RUNNING after waiting 1800 s; the run was left running");
  });
});
