/**
 * Workflow mode: one StartWorkflowRun of the stage's workflow, followed with GetWorkflowRun (and its
 * graph, which holds each job's run) until the run ends or the bound passes.
 */
import { GetWorkflowRunCommand, StartWorkflowRunCommand, type GlueClient, type WorkflowRun } from "@aws-sdk/client-glue";
import type { Log } from "./types";
import type { WaitOptions } from "./wait-for-run";
import { jobRunsOf } from "./workflow-graph";

/** WorkflowRunStatus values after which Glue starts no more jobs of the run. */
export const FINAL_WORKFLOW_STATES: ReadonlySet<string> = new Set(["COMPLETED", "STOPPED", "ERROR"]);

/** How the wait ended: a final status, or the bound ran out first (with the run as last seen). */
export type WorkflowWaitResult =
  | { readonly kind: "finished"; readonly run: WorkflowRun }
  | { readonly kind: "timed-out"; readonly run?: WorkflowRun; readonly waitedMs: number };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the workflow and returns its run id. */
export async function startWorkflowRun(glue: GlueClient, workflowName: string): Promise<string> {
  const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: workflowName }));
  if (!RunId) throw new Error("StartWorkflowRun returned no RunId");
  return RunId;
}

/**
 * Polls GetWorkflowRun with its graph, backing off like the per-job wait (1 s doubling to 60 s), until
 * the run's status is final or `maxWaitMs` passes. `onChange` hears the status and the jobs' states
 * whenever one of them changes.
 */
export async function waitForWorkflowRun(
  glue: GlueClient,
  workflowName: string,
  runId: string,
  options: WaitOptions,
  log: Log = () => {},
): Promise<WorkflowWaitResult> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const deadline = startedAt + options.maxWaitMs;
  let delayMs = options.minDelayMs ?? 1_000;
  let lastSeen = "";
  for (;;) {
    const { Run: run } = await glue.send(new GetWorkflowRunCommand({ Name: workflowName, RunId: runId, IncludeGraph: true }));
    const status = run?.Status ?? "UNKNOWN";
    const seen = describeProgress(run);
    if (seen !== lastSeen) log(`${workflowName}: ${seen}`);
    lastSeen = seen;
    if (run && FINAL_WORKFLOW_STATES.has(status)) return { kind: "finished", run };
    const remainingMs = deadline - now();
    if (remainingMs <= 0) return { kind: "timed-out", run, waitedMs: now() - startedAt };
    await sleep(Math.min(delayMs, remainingMs));
    delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 60_000);
  }
}

/** `RUNNING (JoinLegislators SUCCEEDED, SummarizeLegislators RUNNING)`: the run and its started jobs. */
function describeProgress(run: WorkflowRun | undefined): string {
  const jobs = Object.entries(jobRunsOf(run?.Graph)).map(([name, jobRun]) => `${name} ${jobRun.JobRunState ?? "UNKNOWN"}`);
  return `${run?.Status ?? "UNKNOWN"}${jobs.length > 0 ? ` (${jobs.join(", ")})` : ""}`;
}
