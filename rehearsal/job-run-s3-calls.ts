/**
 * The S3 calls of each IntegTest job run, as the emulator's Glue runner tallied them in the run's folder
 * (<glue runs dir>/<job>/<run id>/s3-calls.json, written by moto_support/glue_run_s3_calls.py): the S3
 * connector the job's Spark used and each S3 action with its count, judged against the job's role.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { JobRunReport } from "./integ-job-runs";

/** What a run's s3-calls.json holds. */
export interface RunS3Calls {
  /** The S3 connector of the job's Spark: "s3a", as on Glue 5.1. */
  readonly s3Connector: string;
  readonly roleArn: string;
  /** S3 actions the script and its Spark made, with counts. */
  readonly s3Actions: Readonly<Record<string, number>>;
  /** S3 actions of Glue's fetch of the script and --extra-py-files, with counts. */
  readonly fetchActions: Readonly<Record<string, number>>;
  readonly denied: readonly { readonly action: string; readonly resource: unknown; readonly decision: string }[];
}

export const S3_CALLS_FILE = "s3-calls.json";

/** The runs, each with its S3 calls where the emulator ran it and left its folder. */
export function withS3Calls(runs: readonly JobRunReport[], glueRunsDir: string | undefined): JobRunReport[] {
  if (!glueRunsDir) return [...runs];
  return runs.map((run) => {
    const file = run.runId ? join(glueRunsDir, run.job, run.runId, S3_CALLS_FILE) : undefined;
    if (!file || !existsSync(file)) return run;
    const calls = JSON.parse(readFileSync(file, "utf8")) as RunS3Calls;
    return { ...run, s3Connector: calls.s3Connector, s3Actions: calls.s3Actions, s3Denied: calls.denied.length };
  });
}

/** `s3:GetObject 12, s3:ListBucket 30` */
export function formatS3Actions(actions: Readonly<Record<string, number>>): string {
  return Object.entries(actions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([action, count]) => `${action} ${count}`)
    .join(", ");
}
