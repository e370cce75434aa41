/**
 * The states of a Glue job run, as GetJobRun reports them (JobRun.JobRunState), and which of them are
 * final: after those Glue changes nothing more about the run.
 *
 * Sources:
 * - "Job runs - JobRun structure", https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-runs.html
 *   (JobRunState: STARTING | RUNNING | STOPPING | STOPPED | SUCCEEDED | FAILED | TIMEOUT | ERROR | WAITING | EXPIRED)
 * - "AWS Glue job run statuses", https://docs.aws.amazon.com/glue/latest/dg/job-run-statuses.html
 *   (what FAILED, ERROR, TIMEOUT and WAITING mean, and the transitions between the states)
 * - "Automating AWS Glue with EventBridge", https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html
 *   ("Glue Job State Change" events are generated for SUCCEEDED, FAILED, TIMEOUT and STOPPED; "Glue Job Run Status"
 *   events for RUNNING, STARTING and STOPPING runs past the delay threshold), with the event list of the EventBridge
 *   reference, "AWS Glue events", https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-glue.html
 * `stateChangeEvent`: whether a "Glue Job State Change" event carries the state. ERROR and EXPIRED are run states
 * that no such event carries, so an event pattern that lists them matches nothing more.
 */

export const GLUE_JOB_RUN_STATES = {
  STARTING: { final: false, stateChangeEvent: false, meaning: "the run is being set up" },
  RUNNING: { final: false, stateChangeEvent: false, meaning: "the job's script runs" },
  STOPPING: { final: false, stateChangeEvent: false, meaning: "a stop was asked for and is under way" },
  STOPPED: { final: true, stateChangeEvent: true, meaning: "stopped by a BatchStopJobRun request" },
  SUCCEEDED: { final: true, stateChangeEvent: true, meaning: "the script ended without error" },
  FAILED: { final: true, stateChangeEvent: true, meaning: "the job exceeded its maximum concurrent runs, or ended with an unknown exit code" },
  TIMEOUT: { final: true, stateChangeEvent: true, meaning: "the run time exceeded the job's timeout" },
  ERROR: { final: true, stateChangeEvent: false, meaning: "a workflow, schedule trigger or event trigger tried to run a deleted job" },
  WAITING: { final: false, stateChangeEvent: false, meaning: "the run waits for resources (FLEX, or job run queuing)" },
  EXPIRED: { final: true, stateChangeEvent: false, meaning: "in the API's list of states; the statuses page does not describe it, and no later state follows" },
} as const satisfies Record<string, { readonly final: boolean; readonly stateChangeEvent: boolean; readonly meaning: string }>;

export type GlueJobRunState = keyof typeof GLUE_JOB_RUN_STATES;

export const JOB_RUN_STATES = Object.keys(GLUE_JOB_RUN_STATES) as GlueJobRunState[];

/** The states after which Glue changes nothing more about the run. */
export const FINAL_JOB_RUN_STATES: readonly GlueJobRunState[] = JOB_RUN_STATES.filter((s) => GLUE_JOB_RUN_STATES[s].final);

export function isFinalJobRunState(state: string | undefined): boolean {
  return (FINAL_JOB_RUN_STATES as readonly string[]).includes(state ?? "");
}

/** The states a "Glue Job State Change" event carries (SUCCEEDED, FAILED, TIMEOUT, STOPPED). */
export const STATE_CHANGE_EVENT_STATES: readonly GlueJobRunState[] = JOB_RUN_STATES.filter((s) => GLUE_JOB_RUN_STATES[s].stateChangeEvent);
