/**
 * The states of a Glue job run, as GetJobRun reports them (JobRun.JobRunState), and which of them are
 * final: after those Glue changes nothing more about the run.
 *
 * Sources:
 * - "Job runs - JobRun structure", https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-runs.html
 *   (JobRunState: STARTING | RUNNING | STOPPING | STOPPED | SUCCEEDED | FAILED | TIMEOUT | ERROR | WAITING | EXPIRED)
 * - "AWS Glue job run statuses", https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html
 *   (what FAILED, ERROR, TIMEOUT and WAITING mean, and the transitions between the states)
 * The states that Glue's EventBridge events carry are another list, kept with the events.
 */

export const GLUE_JOB_RUN_STATES = {
  STARTING: { final: false, meaning: "the run is being set up" },
  RUNNING: { final: false, meaning: "the job's script runs" },
  STOPPING: { final: false, meaning: "a stop was asked for and is under way" },
  STOPPED: { final: true, meaning: "stopped by a BatchStopJobRun request" },
  SUCCEEDED: { final: true, meaning: "the script ended without error" },
  FAILED: { final: true, meaning: "the job exceeded its maximum concurrent runs, or ended with an unknown exit code" },
  TIMEOUT: { final: true, meaning: "the run time exceeded the job's timeout" },
  ERROR: { final: true, meaning: "a workflow, schedule trigger or event trigger tried to run a deleted job" },
  WAITING: { final: false, meaning: "the run waits for resources (FLEX, or job run queuing)" },
  EXPIRED: { final: true, meaning: "in the API's list of states; the statuses page does not describe it, and no later state follows" },
} as const satisfies Record<string, { readonly final: boolean; readonly meaning: string }>;

export type GlueJobRunState = keyof typeof GLUE_JOB_RUN_STATES;

export const JOB_RUN_STATES = Object.keys(GLUE_JOB_RUN_STATES) as GlueJobRunState[];

/** The states after which Glue changes nothing more about the run. */
export const FINAL_JOB_RUN_STATES: readonly GlueJobRunState[] = JOB_RUN_STATES.filter((s) => GLUE_JOB_RUN_STATES[s].final);

export function isFinalJobRunState(state: string | undefined): boolean {
  return (FINAL_JOB_RUN_STATES as readonly string[]).includes(state ?? "");
}
