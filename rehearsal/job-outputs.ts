/**
 * What the jobs wrote: after IntegTest has run the dev stage's jobs for real, each job's outputs must
 * be Parquet in the emulator's S3 with the rows the sample data gives (counted from the files' footers,
 * as an administrator of the stage's account, by count_output_rows.py).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import type { StageConfig } from "../stacks/config";
import { VENV_PYTHON } from "./emulator/moto-server";
import type { Emulator } from "./emulator/emulator";
import { awsClientEnv } from "./emulator/emulator-override";

const COUNTER = join(__dirname, "count_output_rows.py");

/**
 * Rows each shipped script writes on the project's sample data (job_scripts/sample_data, made by
 * make_sample_data.py), by script and output: 8 persons; 9 memberships joined to their person and
 * organization; 2 organization and role pairs in the summary. A job of another script must write
 * something, however much.
 */
export const SAMPLE_DATA_ROWS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "process_legislators.py": { output_path: 8 },
  "join_legislators.py": { output_path: 9 },
  "summarize_legislators.py": { output_path: 2 },
};

export interface ExpectedOutput {
  readonly job: string;
  readonly output: string;
  readonly location: string;
  /** undefined: at least one row */
  readonly rows?: number;
}

export interface OutputVerdict extends ExpectedOutput {
  readonly files: number;
  readonly found: number;
  readonly passed: boolean;
}

/** Every output of every job of the stage, with the rows the sample data gives where known. */
export function expectedOutputs(stage: Pick<StageConfig, "jobs">): ExpectedOutput[] {
  return Object.values(stage.jobs).flatMap((job) =>
    Object.entries(job.outputs).map(([output, location]) => ({ job: job.glueJobName, output, location, rows: SAMPLE_DATA_ROWS[job.script]?.[output] })),
  );
}

/** Counts the rows at each location and judges them. */
export async function checkOutputs(emulator: Emulator, stage: Pick<StageConfig, "jobs" | "account">, workDir: string): Promise<OutputVerdict[]> {
  const expected = expectedOutputs(stage);
  if (expected.length === 0) return [];
  const admin = await emulator.adminCredentials(stage.account.awsAccountId);
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", "job-outputs"), region: stage.account.awsRegion }) };
  const counts = await new Promise<Record<string, { files: number; rows: number }>>((resolve, reject) =>
    execFile(VENV_PYTHON, [COUNTER, ...expected.map((e) => e.location)], { env }, (error, stdout, stderr) =>
      error ? reject(new Error(`counting the outputs' rows failed: ${stderr.trim() || error.message}`)) : resolve(JSON.parse(stdout)),
    ),
  );
  return expected.map((e) => {
    const { files, rows } = counts[e.location] ?? { files: 0, rows: 0 };
    const passed = files > 0 && (e.rows === undefined ? rows > 0 : rows === e.rows);
    return { ...e, files, found: rows, passed };
  });
}

/** One line per output: `dev-JoinLegislators output_path: 9 rows (expected 9)`. */
export function describeOutputs(verdicts: readonly OutputVerdict[]): string {
  return verdicts
    .map((v) => `${v.job} ${v.output}: ${v.files === 0 ? `no Parquet at ${v.location}` : `${v.found} rows`} (expected ${v.rows ?? "at least 1"})`)
    .join("\n");
}
