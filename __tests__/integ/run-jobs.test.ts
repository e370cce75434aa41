import { ConcurrentRunsExceededException } from "@aws-sdk/client-glue";
import { FakeGlueAccount, serviceError, type FakeJob } from "./fake-glue";
import { runJobs, type RunJobsOptions } from "../../integ/run-jobs";
import { virtualClock } from "./virtual-clock";

const running = { JobRunState: "RUNNING" };

function options(overrides: Partial<RunJobsOptions> = {}): RunJobsOptions {
  return { concurrency: 10, maxDurationSeconds: 600, wait: { maxWaitMs: 60_000, ...virtualClock() }, ...overrides };
}

async function runOne(job: FakeJob, overrides: Partial<RunJobsOptions> = {}) {
  const lines: string[] = [];
  const [outcome] = await runJobs(new FakeGlueAccount([job]).client, [job.name], options(overrides), (line) => lines.push(line));
  return { outcome, lines };
}

describe("runJobs", () => {
  it("passes a job that SUCCEEDED in time, logging its start, state changes and verdict", async () => {
    const { outcome, lines } = await runOne({ name: "job", run: [running, { JobRunState: "SUCCEEDED", ExecutionTime: 30 }] });
    expect(outcome).toEqual({ jobName: "job", runId: "jr_job", state: "SUCCEEDED", seconds: 30, passed: true, reason: "SUCCEEDED in 30 s" });
    expect(lines).toEqual(["job: started run jr_job", "job: RUNNING", "job: SUCCEEDED", "job: PASS SUCCEEDED in 30 s"]);
  });

  it.each(["FAILED", "TIMEOUT", "STOPPED", "ERROR"])("fails a job whose run ends %s", async (state) => {
    const { outcome } = await runOne({ name: "job", run: [running, { JobRunState: state, ExecutionTime: 5 }] });
    expect(outcome).toMatchObject({ state, passed: false, reason: `ended ${state}` });
  });

  it("fails a job that succeeds too slowly", async () => {
    const { outcome } = await runOne({ name: "job", run: [{ JobRunState: "SUCCEEDED", ExecutionTime: 700 }] });
    expect(outcome).toMatchObject({ state: "SUCCEEDED", seconds: 700, passed: false, reason: "too slow: took 700 s, limit is under 600 s" });
  });

  it("fails a job stuck RUNNING once the wait bound is hit", async () => {
    const clock = virtualClock();
    const { outcome, lines } = await runOne({ name: "job", run: [running] }, { wait: { maxWaitMs: 5_000, minDelayMs: 1_000, ...clock } });
    expect(outcome).toMatchObject({ state: "WAIT_TIMEOUT", passed: false });
    expect(clock.now()).toBe(5_000);
    expect(lines.at(-1)).toBe("job: FAIL still RUNNING after waiting 5 s; the run was left running");
  });

  it("fails a job that cannot start, and still runs the others", async () => {
    const busy = new ConcurrentRunsExceededException({ message: "Concurrent runs exceeded for job", $metadata: {} });
    const account = new FakeGlueAccount([{ name: "busy", startError: busy }, { name: "fine" }]);
    const outcomes = await runJobs(account.client, ["busy", "fine"], options(), () => {});
    expect(outcomes.map((outcome) => [outcome.jobName, outcome.state, outcome.passed])).toEqual([
      ["busy", "START_FAILED", false],
      ["fine", "SUCCEEDED", true],
    ]);
    expect(outcomes[0].reason).toBe("could not start: ConcurrentRunsExceededException: Concurrent runs exceeded for job");
  });

  it("fails a job whose run cannot be read", async () => {
    const { outcome } = await runOne({ name: "job", pollError: serviceError("ThrottlingException", "Rate exceeded") });
    expect(outcome).toMatchObject({ runId: "jr_job", state: "POLL_FAILED", passed: false, reason: "could not read the run: ThrottlingException: Rate exceeded" });
  });

  it("keeps at most `concurrency` runs in flight, and runs every job", async () => {
    const jobs = Array.from({ length: 8 }, (_, index): FakeJob => ({
      name: `job-${index}`,
      // Uneven lengths, so slots free up at different times.
      run: [...Array(index % 3).fill(running), { JobRunState: "SUCCEEDED", ExecutionTime: 10 }],
    }));
    const account = new FakeGlueAccount(jobs);
    const outcomes = await runJobs(account.client, jobs.map((job) => job.name), options({ concurrency: 3 }), () => {});
    expect(account.maxRunsInFlight).toBe(3);
    expect([...account.started].sort()).toEqual(jobs.map((job) => job.name).sort());
    expect(outcomes.map((outcome) => outcome.jobName)).toEqual(jobs.map((job) => job.name));
    expect(outcomes.every((outcome) => outcome.passed)).toBe(true);
  });
});
