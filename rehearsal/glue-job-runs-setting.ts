/**
 * Whether the rehearsal's Glue job runs really run: REHEARSAL_GLUE_JOB_RUNS=moto turns them off (moto's
 * own runs, each SUCCEEDED at once with nothing run), to measure what real runs cost (`npm run bench`).
 * Unset, or local-spark, they run on local Spark.
 */
import type { GlueJobRuns } from "./emulator/emulator";

export const GLUE_JOB_RUNS_ENV = "REHEARSAL_GLUE_JOB_RUNS";

export function rehearsalGlueJobRuns(env: NodeJS.ProcessEnv = process.env): GlueJobRuns {
  const value = env[GLUE_JOB_RUNS_ENV];
  if (value === undefined || value === "" || value === "local-spark") return "local-spark";
  if (value === "moto") return "moto";
  throw new Error(`${GLUE_JOB_RUNS_ENV}=${value}: expected local-spark (the default: jobs really run) or moto (moto's runs, nothing run)`);
}
