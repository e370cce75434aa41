import { FakeGlueAccount, serviceError } from "./fake-glue";
import { virtualClock } from "./virtual-clock";
import { waitForJobRun } from "../../integ/wait-for-run";

const running = { JobRunState: "RUNNING" };

describe("waitForJobRun", () => {
  it("reports the first state and each change, and returns the final run", async () => {
    const account = new FakeGlueAccount([
      { name: "job", run: [{ JobRunState: "STARTING" }, running, running, { JobRunState: "SUCCEEDED", ExecutionTime: 42 }] },
    ]);
    const clock = virtualClock();
    const states: string[] = [];
    const result = await waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 60_000, ...clock }, (state) => states.push(state));
    expect(states).toEqual(["STARTING", "RUNNING", "SUCCEEDED"]);
    expect(result).toMatchObject({ kind: "finished", run: { JobRunState: "SUCCEEDED", ExecutionTime: 42 } });
    expect(account.calls.filter((call) => call.command === "GetJobRunCommand")).toHaveLength(4);
  });

  it.each(["FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"])("stops polling at the final state %s", async (state) => {
    const account = new FakeGlueAccount([{ name: "job", run: [running, { JobRunState: state }] }]);
    const result = await waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 60_000, ...virtualClock() });
    expect(result).toMatchObject({ kind: "finished", run: { JobRunState: state } });
    expect(account.calls).toHaveLength(2);
  });

  it("backs off exponentially up to the longest pause", async () => {
    const account = new FakeGlueAccount([{ name: "job", run: [...Array(7).fill(running), { JobRunState: "SUCCEEDED" }] }]);
    const clock = virtualClock();
    await waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 3_600_000, minDelayMs: 1_000, maxDelayMs: 10_000, ...clock });
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it("gives up on a run stuck RUNNING at the bound, after one last poll at the bound", async () => {
    const account = new FakeGlueAccount([{ name: "job", run: [running] }]);
    const clock = virtualClock();
    const result = await waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 10_000, minDelayMs: 1_000, ...clock });
    expect(result).toMatchObject({ kind: "timed-out", waitedMs: 10_000, run: { JobRunState: "RUNNING" } });
    // 1 + 2 + 4 s, then the last pause is cut from 8 s to the 3 s left.
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 3_000]);
    expect(account.calls).toHaveLength(5);
  });

  it("is bounded in real time too: fake timers, default sleep and clock", async () => {
    jest.useFakeTimers();
    try {
      const account = new FakeGlueAccount([{ name: "job", run: [running] }]);
      const waiting = waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 30 * 60_000 });
      let settled = false;
      void waiting.finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(30 * 60_000 - 1);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await expect(waiting).resolves.toMatchObject({ kind: "timed-out", waitedMs: 30 * 60_000 });
      // Pauses of 1, 2, 4, 8, 16, 32 s, then 28 of 60 s, then the 57 s left: 36 polls in all.
      expect(account.calls).toHaveLength(36);
    } finally {
      jest.useRealTimers();
    }
  });

  it("passes GetJobRun errors on", async () => {
    const account = new FakeGlueAccount([{ name: "job", pollError: serviceError("EntityNotFoundException", "run jr_1 not found") }]);
    await expect(waitForJobRun(account.client, "job", "jr_1", { maxWaitMs: 1_000, ...virtualClock() })).rejects.toThrow("not found");
  });
});
