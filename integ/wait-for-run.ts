import { GetJobRunCommand, GlueClient, type JobRun } from "@aws-sdk/client-glue";
import { FINAL_JOB_RUN_STATES } from "../stacks/constants/glue-job-run-states";

/** How long and how often to poll a run. */
export interface WaitOptions {
  /** Hard bound on the wait for one run, in milliseconds. */
  readonly maxWaitMs: number;
  /** First pause between polls; each pause doubles up to maxDelayMs. @default 1000 */
  readonly minDelayMs?: number;
  /** Longest pause between polls. @default 60000 (the seed's fixed 60 s poll) */
  readonly maxDelayMs?: number;
  /** Injected so tests can run the clock instead of waiting. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected so tests can run the clock instead of waiting. @default Date.now */
  readonly now?: () => number;
}

/** How the wait ended: a final state from Glue, or the bound ran out first. */
export type WaitResult =
  | { readonly kind: "finished"; readonly run: JobRun }
  | { readonly kind: "timed-out"; readonly run?: JobRun; readonly waitedMs: number };

/** JobRunStates after which Glue changes nothing more. */
export const FINAL_STATES: ReadonlySet<string> = new Set(FINAL_JOB_RUN_STATES);

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls GetJobRun until the run reaches a final state or maxWaitMs passes.
 * Pauses back off exponentially (1 s, 2 s, 4 s ... 60 s): short jobs are seen
 * finishing quickly, long ones cost few calls. The last pause is cut to the
 * bound, and the run is polled once more at the bound before giving up.
 * `onState` hears the first state and every change after it.
 */
export async function waitForJobRun(
  glue: GlueClient,
  jobName: string,
  runId: string,
  options: WaitOptions,
  onState: (state: string, run: JobRun) => void = () => {},
): Promise<WaitResult> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const maxDelayMs = options.maxDelayMs ?? 60_000;
  const startedAt = now();
  const deadline = startedAt + options.maxWaitMs;
  let delayMs = options.minDelayMs ?? 1_000;
  let lastState: string | undefined;
  for (;;) {
    const { JobRun: run } = await glue.send(new GetJobRunCommand({ JobName: jobName, RunId: runId }));
    const state = run?.JobRunState ?? "UNKNOWN";
    if (run && state !== lastState) onState(state, run);
    lastState = state;
    if (run && FINAL_STATES.has(state)) return { kind: "finished", run };
    const remainingMs = deadline - now();
    if (remainingMs <= 0) return { kind: "timed-out", run, waitedMs: now() - startedAt };
    await sleep(Math.min(delayMs, remainingMs));
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }
}
