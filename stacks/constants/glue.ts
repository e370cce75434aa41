/**
 * Glue job settings that the config may choose from, and the defaults it gets when it does not. The
 * worker types and what FLEX needs are in glue-worker-types.ts; the job run states in glue-job-run-states.ts.
 */
import type { WorkerType } from "./glue-worker-types";

export const GLUE_VERSIONS = ["5.1", "5.0", "4.0"] as const;
export type GlueVersion = (typeof GLUE_VERSIONS)[number];

export const EXECUTION_CLASSES = ["FLEX", "STANDARD"] as const;
export type ExecutionClass = (typeof EXECUTION_CLASSES)[number];

export const STAGE_NAMES = ["dev", "prod"] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export const JOB_DEFAULTS = {
  glueVersion: "5.1" as GlueVersion,
  workerType: "G.1X" as WorkerType,
  numberOfWorkers: 2,
  timeoutMinutes: 60,
  maxRetries: 0,
  maxConcurrentRuns: 1,
};

/**
 * Dev runs on spare capacity (cheaper, may start late) where the worker type allows it; prod needs
 * predictable start times.
 */
export const DEFAULT_EXECUTION_CLASS: Record<StageName, ExecutionClass> = {
  dev: "FLEX",
  prod: "STANDARD",
};

/** Job parameters the stack sets itself; a job's config may not set them. */
export const RESERVED_JOB_ARGUMENTS = [
  "JOB_NAME",
  "job-language",
  "TempDir",
  "extra-py-files",
  "enable-metrics",
  "enable-observability-metrics",
  "enable-continuous-cloudwatch-log",
  "enable-spark-ui",
  "spark-event-logs-path",
  "enable-auto-scaling",
  "enable-job-insights",
  "enable-glue-datacatalog",
];
