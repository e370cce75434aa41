/** Types shared by the integration test's modules. */

/** Writes one progress line; the CLI prints it, tests collect it. */
export type Log = (line: string) => void;

/**
 * The verdict on one job. `state` is Glue's JobRunState, or one of the
 * states this test adds for runs it could not follow to the end.
 */
export interface JobOutcome {
  /** Glue job name. */
  readonly jobName: string;
  /** Glue run id; absent when StartJobRun failed. */
  readonly runId?: string;
  /** JobRunState, or WAIT_TIMEOUT / START_FAILED / POLL_FAILED, or in workflow mode NOT_STARTED / NOT_IN_WORKFLOW. */
  readonly state: string;
  /** Run time in seconds, when Glue reported one. */
  readonly seconds?: number;
  /** True only for SUCCEEDED within the duration threshold. */
  readonly passed: boolean;
  /** Why it passed or failed, in one sentence. */
  readonly reason: string;
}

/** Everything the report files and the summary are written from. */
export interface IntegReport {
  readonly stageName: string;
  readonly account: string;
  readonly region: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly maxDurationSeconds: number;
  readonly outcomes: readonly JobOutcome[];
  /** Workflow mode: the workflow run the jobs ran in. @default absent: each job was run on its own */
  readonly workflow?: WorkflowRunSummary;
  /** Set when the test could not run the jobs at all (e.g. no job matched), or the workflow run did not complete. */
  readonly error?: string;
  /** True when every job passed and there was no error. */
  readonly passed: boolean;
}

/** Test states added to Glue's JobRunState values. */
export const WAIT_TIMEOUT = "WAIT_TIMEOUT";
export const START_FAILED = "START_FAILED";
export const POLL_FAILED = "POLL_FAILED";
/** Workflow mode: a job of the workflow that no trigger started in the run. */
export const NOT_STARTED = "NOT_STARTED";
/** Workflow mode: a job of the stage that is not part of the stage's workflow. */
export const NOT_IN_WORKFLOW = "NOT_IN_WORKFLOW";

/** The name and message of anything thrown, for one-line reports. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message;
  }
  return String(error);
}

/** The workflow run of a workflow-mode test. */
export interface WorkflowRunSummary {
  readonly name: string;
  readonly runId: string;
  /** WorkflowRunStatus, or WAIT_TIMEOUT. */
  readonly status: string;
}
