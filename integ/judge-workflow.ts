/**
 * The verdict on each job of a workflow run: its run's state and duration (as in per-job mode), that
 * it started only after every job it waits for had finished, and that every job of the stage is in
 * the workflow at all.
 */
import type { JobRun } from "@aws-sdk/client-glue";
import { isFinalJobRunState } from "../stacks/constants/glue-job-run-states";
import type { StageWorkflow } from "./discover-workflow";
import { judgeRun } from "./judge-run";
import type { WorkflowWaitResult } from "./run-workflow";
import { NOT_IN_WORKFLOW, NOT_STARTED, type JobOutcome } from "./types";
import { jobRunsOf } from "./workflow-graph";

export interface WorkflowVerdictInput {
  /** The jobs tagged as the stage's (stack_name = `<stage>-glue`). */
  readonly stageJobs: readonly string[];
  readonly workflow: StageWorkflow;
  readonly result: WorkflowWaitResult;
  readonly maxDurationSeconds: number;
}

/** One outcome per job of the stage or of the workflow, sorted by name. */
export function judgeWorkflowRun({ stageJobs, workflow, result, maxDurationSeconds }: WorkflowVerdictInput): JobOutcome[] {
  const runs = jobRunsOf(result.run?.Graph);
  const names = [...new Set([...stageJobs, ...workflow.jobs])].sort();
  return names.map((jobName): JobOutcome => {
    if (!workflow.jobs.includes(jobName)) {
      return { jobName, state: NOT_IN_WORKFLOW, passed: false, reason: `is a job of the stage, but no trigger of ${workflow.name} starts it` };
    }
    const run = runs[jobName];
    if (!run) return { jobName, state: NOT_STARTED, passed: false, reason: notStartedReason(jobName, workflow, runs, result) };
    const runId = run.Id ?? "-";
    const outcome =
      result.kind === "timed-out" && !isFinal(run)
        ? judgeRun(jobName, runId, { kind: "timed-out", run, waitedMs: result.waitedMs }, maxDurationSeconds)
        : judgeRun(jobName, runId, { kind: "finished", run }, maxDurationSeconds);
    const early = startedTooEarly(run, workflow.predecessors[jobName] ?? [], runs);
    return outcome.passed && early ? { ...outcome, passed: false, reason: early } : outcome;
  });
}

function isFinal(run: JobRun): boolean {
  return isFinalJobRunState(run.JobRunState);
}

/** Why a job has no run: the jobs it waits for did not all succeed, or the wait ended first. */
function notStartedReason(jobName: string, workflow: StageWorkflow, runs: Record<string, JobRun>, result: WorkflowWaitResult): string {
  const blockers = (workflow.predecessors[jobName] ?? []).flatMap((name) => {
    const run = runs[name];
    if (!run) return [`${name} was not started`];
    if (run.JobRunState === "SUCCEEDED") return [];
    return [isFinal(run) ? `${name} ended ${run.JobRunState}` : `${name} was still ${run.JobRunState ?? "UNKNOWN"}`];
  });
  if (blockers.length > 0) return `${result.kind === "timed-out" ? "not started" : "never started"}: ${blockers.join(", ")}`;
  if (result.kind === "timed-out") return `not started when the wait ended after ${Math.round(result.waitedMs / 1000)} s`;
  return `never started, although the jobs it waits for SUCCEEDED (workflow run ${result.run.Status})`;
}

/** A reason when the job started before a job it waits for had finished, else undefined. */
function startedTooEarly(run: JobRun, predecessors: readonly string[], runs: Record<string, JobRun>): string | undefined {
  for (const name of predecessors) {
    const before = runs[name];
    if (!before?.CompletedOn) return `started at ${iso(run.StartedOn)}, but ${name}, which it waits for, has no finished run`;
    if (!run.StartedOn || run.StartedOn.getTime() < before.CompletedOn.getTime()) {
      return `started at ${iso(run.StartedOn)}, before ${name}, which it waits for, finished at ${iso(before.CompletedOn)}`;
    }
  }
  return undefined;
}

function iso(date: Date | undefined): string {
  return date ? date.toISOString() : "an unknown time";
}
