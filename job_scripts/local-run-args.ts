/**
 * The pure parts of `npm run job`: its command line, the choice of job, and the mapping of a job's
 * S3 locations onto local folders (`s3://BUCKET/KEY` -> `<dir>/BUCKET/KEY`).
 */
import * as path from "path";
import { parseArgs } from "node:util";
import type { JobConfig } from "../stacks/config";

/** Where inputs are read from unless --local-data says otherwise (relative to the project). */
export const DEFAULT_LOCAL_DATA_DIR = "job_scripts/sample_data";
/** Where outputs are written unless --output-dir says otherwise (relative to the project). */
export const DEFAULT_OUTPUT_DIR = "job_scripts/.local-output";
export const DEFAULT_STAGE = "dev";

export const USAGE = `Usage: npm run job -- <JobName> [--stage dev] [--local-data DIR] [--output-dir DIR]

Runs one Glue job of a stage on local Spark, with the stage's arguments from the config.
Every s3://BUCKET/KEY input is read from <local-data>/BUCKET/KEY and every output is written to
<output-dir>/BUCKET/KEY.

Options:
  --stage <name>       the stage whose job and arguments to use (default ${DEFAULT_STAGE})
  --local-data <dir>   where inputs are read (default ${DEFAULT_LOCAL_DATA_DIR})
  --output-dir <dir>   where outputs are written (default ${DEFAULT_OUTPUT_DIR})
  --help               show this text

Exit codes: the job script's own; 2 for a bad command line, config, job or stage name.`;

/** Bad command-line input, or a job or stage the config does not have; the message says what is valid. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface LocalRunOptions {
  readonly jobName: string;
  readonly stage: string;
  /** Absolute. */
  readonly localDataDir: string;
  /** Absolute. */
  readonly outputDir: string;
}

/** Parses argv (without node and script); relative defaults resolve against projectDir, given folders against cwd. */
export function parseLocalRunArgs(argv: readonly string[], projectDir: string, cwd: string): LocalRunOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: true,
      options: {
        stage: { type: "string" },
        "local-data": { type: "string" },
        "output-dir": { type: "string" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  if (parsed.values.help) return "help";
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? "name the job to run, e.g. npm run job -- JoinLegislators --stage dev"
        : `name one job to run, got ${parsed.positionals.join(", ")}`,
    );
  }
  const folder = (given: string | undefined, fallback: string) =>
    given ? path.resolve(cwd, given) : path.resolve(projectDir, fallback);
  return {
    jobName: parsed.positionals[0],
    stage: parsed.values.stage ?? DEFAULT_STAGE,
    localDataDir: folder(parsed.values["local-data"], DEFAULT_LOCAL_DATA_DIR),
    outputDir: folder(parsed.values["output-dir"], DEFAULT_OUTPUT_DIR),
  };
}

/** The job of a stage, or a UsageError listing the stages or the stage's jobs. */
export function selectJob<Job>(
  stages: Readonly<Record<string, { readonly jobs: Readonly<Record<string, Job>> }>>,
  stage: string,
  jobName: string,
): Job {
  const stageConfig = Object.hasOwn(stages, stage) ? stages[stage] : undefined;
  if (!stageConfig) {
    throw new UsageError(`unknown stage "${stage}"; the stages are: ${Object.keys(stages).join(", ")}`);
  }
  const job = Object.hasOwn(stageConfig.jobs, jobName) ? stageConfig.jobs[jobName] : undefined;
  if (job === undefined) {
    const names = Object.keys(stageConfig.jobs);
    throw new UsageError(
      `unknown job "${jobName}" in stage ${stage}; ` +
        (names.length > 0 ? `its jobs are: ${names.join(", ")}` : "it has no jobs"),
    );
  }
  return job;
}

const S3_URI = /^s3:\/\/([^/]+)(?:\/(.*))?$/;

/** `s3://BUCKET/KEY` as `<baseDir>/BUCKET/KEY` (a trailing slash kept); anything else is not a location to map. */
export function localPathFor(location: string, baseDir: string): string {
  const match = S3_URI.exec(location);
  if (!match) throw new UsageError(`"${location}" is not an s3://BUCKET/KEY location, so it has no local copy`);
  const [, bucket, key = ""] = match;
  const parts = [bucket, ...key.split("/")];
  // A key may hold any characters; one that climbs out of baseDir must not be written outside it.
  if (parts.some((part) => part === ".." || part === ".")) {
    throw new UsageError(`"${location}" has a . or .. path segment, which would map outside ${baseDir}`);
  }
  return path.join(baseDir, ...parts) + (key.endsWith("/") ? path.sep : "");
}

/** What `npm run job` runs: the script's arguments with local paths, and the local outputs by name. */
export interface LocalJobRun {
  readonly args: readonly string[];
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * The job's arguments as Glue passes them (`--JOB_NAME`, then `--name value` for every input,
 * output and other argument), with S3 inputs and outputs mapped onto the local folders.
 * An input that is not an s3:// location (a local path in a custom config) is passed as it is.
 */
export function localJobRun(
  job: Pick<JobConfig, "glueJobName" | "inputs" | "outputs" | "arguments">,
  options: Pick<LocalRunOptions, "localDataDir" | "outputDir">,
): LocalJobRun {
  const mapped = (location: string, baseDir: string) => (S3_URI.test(location) ? localPathFor(location, baseDir) : location);
  const inputs = mapValues(job.inputs, (location) => mapped(location, options.localDataDir));
  const outputs = mapValues(job.outputs, (location) => mapped(location, options.outputDir));
  const named = { ...job.arguments, ...inputs, ...outputs };
  return {
    args: ["--JOB_NAME", job.glueJobName, ...Object.entries(named).flatMap(([name, value]) => [`--${name}`, value])],
    outputs,
  };
}

function mapValues(record: Readonly<Record<string, string>>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
