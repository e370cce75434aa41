import type { JobRun } from "@aws-sdk/client-glue";
import { WAIT_TIMEOUT, type JobOutcome } from "./types";
import type { WaitResult } from "./wait-for-run";

/**
 * Seconds the run took: Glue's ExecutionTime when it reports one, else the
 * span from StartedOn to CompletedOn. Undefined when neither is known.
 */
export function runSeconds(run: JobRun | undefined): number | undefined {
  if (!run) return undefined;
  if (typeof run.ExecutionTime === "number" && run.ExecutionTime > 0) return run.ExecutionTime;
  if (run.StartedOn && run.CompletedOn) {
    return Math.round((run.CompletedOn.getTime() - run.StartedOn.getTime()) / 1000);
  }
  return undefined;
}

/** The verdict on a run that was started and waited for. */
export function judgeRun(jobName: string, runId: string, result: WaitResult, maxDurationSeconds: number): JobOutcome {
  if (result.kind === "timed-out") {
    const state = result.run?.JobRunState ?? "UNKNOWN";
    return {
      jobName,
      runId,
      state: WAIT_TIMEOUT,
      passed: false,
      // The test role may not stop runs, so the run is left to Glue's own job timeout.
      reason: `still ${state} after waiting ${Math.round(result.waitedMs / 1000)} s; the run was left running`,
    };
  }
  const { run } = result;
  const state = run.JobRunState ?? "UNKNOWN";
  const seconds = runSeconds(run);
  const base = { jobName, runId, state, seconds };
  if (state !== "SUCCEEDED") {
    const detail = run.ErrorMessage ? `: ${run.ErrorMessage}` : "";
    return { ...base, passed: false, reason: `ended ${state}${detail}` };
  }
  if (seconds === undefined) {
    return { ...base, passed: false, reason: "SUCCEEDED but Glue reported no execution time to check" };
  }
  if (seconds >= maxDurationSeconds) {
    return { ...base, passed: false, reason: `too slow: took ${seconds} s, limit is under ${maxDurationSeconds} s` };
  }
  return { ...base, passed: true, reason: `SUCCEEDED in ${seconds} s` };
}
