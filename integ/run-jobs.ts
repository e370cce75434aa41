import { GlueClient, StartJobRunCommand } from "@aws-sdk/client-glue";
import { mapWithConcurrency } from "./bounded-pool";
import { judgeRun } from "./judge-run";
import { describeError, POLL_FAILED, START_FAILED, type JobOutcome, type Log } from "./types";
import { waitForJobRun, type WaitOptions } from "./wait-for-run";

/** How to run a stage's jobs. */
export interface RunJobsOptions {
  /** Jobs started and followed at once. */
  readonly concurrency: number;
  /** A successful run must take fewer seconds than this. */
  readonly maxDurationSeconds: number;
  /** Polling and its bound, per run. */
  readonly wait: WaitOptions;
}

/**
 * Starts each job and follows its run to the end, at most `concurrency` at a
 * time, like the seed's pool of 10 threads. One job's failure never stops the
 * others: every job gets an outcome, in the order given.
 */
export function runJobs(glue: GlueClient, jobNames: readonly string[], options: RunJobsOptions, log: Log): Promise<JobOutcome[]> {
  return mapWithConcurrency(jobNames, options.concurrency, (jobName) => runOneJob(glue, jobName, options, log));
}

async function runOneJob(glue: GlueClient, jobName: string, options: RunJobsOptions, log: Log): Promise<JobOutcome> {
  let runId: string;
  try {
    runId = await startRun(glue, jobName);
  } catch (error) {
    return logged(log, { jobName, state: START_FAILED, passed: false, reason: `could not start: ${describeError(error)}` });
  }
  log(`${jobName}: started run ${runId}`);
  try {
    const result = await waitForJobRun(glue, jobName, runId, options.wait, (state) => log(`${jobName}: ${state}`));
    return logged(log, judgeRun(jobName, runId, result, options.maxDurationSeconds));
  } catch (error) {
    return logged(log, { jobName, runId, state: POLL_FAILED, passed: false, reason: `could not read the run: ${describeError(error)}` });
  }
}

async function startRun(glue: GlueClient, jobName: string): Promise<string> {
  const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: jobName }));
  if (!JobRunId) throw new Error("StartJobRun returned no JobRunId");
  return JobRunId;
}

function logged(log: Log, outcome: JobOutcome): JobOutcome {
  log(`${outcome.jobName}: ${outcome.passed ? "PASS" : "FAIL"} ${outcome.reason}`);
  return outcome;
}
