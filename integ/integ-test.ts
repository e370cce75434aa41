import type { GlueClient } from "@aws-sdk/client-glue";
import type { IntegOptions } from "./args";
import { discoverStageJobs, stageStackName, type DiscoverOptions } from "./discover-jobs";
import { findStageWorkflow, type StageWorkflow } from "./discover-workflow";
import { judgeWorkflowRun } from "./judge-workflow";
import { runJobs } from "./run-jobs";
import { startWorkflowRun, waitForWorkflowRun } from "./run-workflow";
import { describeError, WAIT_TIMEOUT, type IntegReport, type JobOutcome, type Log } from "./types";
import type { WaitOptions } from "./wait-for-run";
import { hasDependencies, longestChain } from "./workflow-graph";

/** Knobs tests turn; production uses the defaults. */
export interface IntegOverrides {
  /** Polling pace and clock, minus the bound that comes from --max-wait-minutes. */
  readonly wait?: Omit<WaitOptions, "maxWaitMs">;
  readonly discover?: DiscoverOptions;
  /** Clock for the report's timestamps. @default () => new Date() */
  readonly clock?: () => Date;
}

/**
 * The whole test for one stage: find its jobs, run them, judge them. Finding
 * no job is a failure, not a pass: it means the deploy, the tags or the
 * arguments are wrong. When a job of the stage's workflow waits for another
 * (or --mode workflow), the jobs run as one workflow run; otherwise each on
 * its own. AWS errors (credentials, access) are thrown.
 */
export async function runIntegrationTest(
  glue: GlueClient,
  options: IntegOptions,
  log: Log,
  overrides: IntegOverrides = {},
): Promise<IntegReport> {
  const clock = overrides.clock ?? (() => new Date());
  const startedAt = clock();
  const jobNames = await discoverStageJobs(glue, options, log, { concurrency: options.concurrency, ...overrides.discover });
  if (jobNames.length === 0) {
    const error =
      `no Glue job in account ${options.account}, region ${options.region} is tagged ` +
      `stack_name=${stageStackName(options.stageName)}. Check that the ${stageStackName(options.stageName)} stack is deployed ` +
      `and that --account, --region and --stage-name name it.`;
    return buildReport(options, startedAt, clock(), [], error);
  }
  const workflow = options.mode === "jobs" ? undefined : await findStageWorkflow(glue, options.stageName);
  if (options.mode === "workflow" && !workflow) {
    const error = `--mode workflow, but the stage ${options.stageName} has no workflow in account ${options.account}, region ${options.region}; deploy ${stageStackName(options.stageName)}, or use --mode jobs`;
    return buildReport(options, startedAt, clock(), [], error);
  }
  if (workflow && (options.mode === "workflow" || hasDependencies(workflow))) {
    return runWorkflowTest(glue, workflow, jobNames, options, log, overrides, startedAt);
  }
  const maxWaitMs = options.maxWaitMinutes * 60_000;
  log(
    `run: ${jobNames.length} job(s), ${options.concurrency} at a time, waiting up to ${options.maxWaitMinutes} min per run, ` +
      `each must succeed in under ${options.maxDurationSeconds} s`,
  );
  const outcomes = await runJobs(
    glue,
    jobNames,
    { concurrency: options.concurrency, maxDurationSeconds: options.maxDurationSeconds, wait: { ...overrides.wait, maxWaitMs } },
    log,
  );
  return buildReport(options, startedAt, clock(), outcomes);
}

/**
 * One run of the stage's workflow, waited for up to --max-wait-minutes per job of its longest chain,
 * then every job judged from the run's graph: its state and duration, and its start after the jobs it waits for.
 */
async function runWorkflowTest(
  glue: GlueClient,
  workflow: StageWorkflow,
  stageJobs: readonly string[],
  options: IntegOptions,
  log: Log,
  overrides: IntegOverrides,
  startedAt: Date,
): Promise<IntegReport> {
  const clock = overrides.clock ?? (() => new Date());
  const chain = Math.max(1, longestChain(workflow));
  const maxWaitMinutes = options.maxWaitMinutes * chain;
  log(
    `run: workflow ${workflow.name}: ${workflow.jobs.length} job(s), at most ${chain} one after another, waiting up to ${maxWaitMinutes} min ` +
      `for the run, each job must succeed in under ${options.maxDurationSeconds} s and start after the jobs it waits for`,
  );
  let runId: string;
  try {
    runId = await startWorkflowRun(glue, workflow.name);
  } catch (error) {
    return buildReport(options, startedAt, clock(), [], `could not start ${workflow.name}: ${describeError(error)}`);
  }
  log(`${workflow.name}: started run ${runId}`);
  const result = await waitForWorkflowRun(glue, workflow.name, runId, { ...overrides.wait, maxWaitMs: maxWaitMinutes * 60_000 }, log);
  const outcomes = judgeWorkflowRun({ stageJobs, workflow, result, maxDurationSeconds: options.maxDurationSeconds });
  for (const outcome of outcomes) log(`${outcome.jobName}: ${outcome.passed ? "PASS" : "FAIL"} ${outcome.reason}`);
  const status = result.kind === "finished" ? (result.run.Status ?? "UNKNOWN") : WAIT_TIMEOUT;
  const error =
    result.kind === "timed-out"
      ? `workflow run ${runId} of ${workflow.name} still ${result.run?.Status ?? "UNKNOWN"} after waiting ${Math.round(result.waitedMs / 1000)} s; the run was left running`
      : status === "COMPLETED"
        ? undefined
        : `workflow run ${runId} of ${workflow.name} ended ${status}${result.run.ErrorMessage ? `: ${result.run.ErrorMessage}` : ""}`;
  return { ...buildReport(options, startedAt, clock(), outcomes, error), workflow: { name: workflow.name, runId, status } };
}

/** A report; `error` marks a test that could not run its jobs. */
export function buildReport(
  options: Pick<IntegOptions, "stageName" | "account" | "region" | "maxDurationSeconds">,
  startedAt: Date,
  finishedAt: Date,
  outcomes: readonly JobOutcome[],
  error?: string,
): IntegReport {
  return {
    stageName: options.stageName,
    account: options.account,
    region: options.region,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    maxDurationSeconds: options.maxDurationSeconds,
    outcomes,
    ...(error === undefined ? {} : { error }),
    passed: error === undefined && outcomes.length > 0 && outcomes.every((outcome) => outcome.passed),
  };
}
