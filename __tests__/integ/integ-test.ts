import type { GlueClient } from "@aws-sdk/client-glue";
import type { IntegOptions } from "./args";
import { discoverStageJobs, stageStackName, type DiscoverOptions } from "./discover-jobs";
import { runJobs } from "./run-jobs";
import type { IntegReport, JobOutcome, Log } from "./types";
import type { WaitOptions } from "./wait-for-run";

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
 * arguments are wrong. AWS errors (credentials, access) are thrown.
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
