/**
 * The pure parts of `npm run job`: its command line, the choice of job, and the mapping of a job's
 * S3 locations onto local folders (`s3://BUCKET/KEY` -> `<dir>/BUCKET/KEY`).
 */
import * as path from "path";
import { parseArgs } from "node:util";
import type { JobConfig } from "../stacks/config";
import { qualityArguments } from "../stacks/config/quality-arguments";
import { tableArguments } from "../stacks/config/table-arguments";

/** Where inputs are read from unless --local-data says otherwise (relative to the project). */
export const DEFAULT_LOCAL_DATA_DIR = "job_scripts/sample_data";
/** Where outputs are written unless --output-dir says otherwise (relative to the project). */
export const DEFAULT_OUTPUT_DIR = "job_scripts/.local-output";
export const DEFAULT_STAGE = "dev";

export const USAGE = `Usage: npm run job -- <JobName> [--stage dev] [--local-data DIR] [--output-dir DIR]
       npm run job -- <JobName> --s3 [--stage dev]
       npm run job -- --workflow [--stage dev] [--local-data DIR] [--output-dir DIR]
       npm run job -- --graph [--stage dev]

Runs one Glue job of a stage on local Spark, with the stage's arguments from the config, or with
--workflow every job of the stage in the order of their after, in one JVM (python -m glue_runtime.chain),
so that one job's tables feed the next. --graph prints the stage's workflow and runs nothing.
Every s3://BUCKET/KEY input is read from <local-data>/BUCKET/KEY and every output is written to
<output-dir>/BUCKET/KEY; an input read from a table is the writing job's output, under <output-dir>.
Spark's catalog keeps its warehouse in <output-dir>/spark-warehouse ($GLUE_LOCAL_WAREHOUSE).
With --s3 the job runs as the rehearsal runs it: in a local AWS emulator, as its synthesized role, its
Spark reading the sample data from and writing its outputs to the emulator's S3 through S3A; the run's
state, its S3 actions and its folder are printed (a job that reads another job's output has none there).

Options:
  --stage <name>       the stage whose jobs and arguments to use (default ${DEFAULT_STAGE})
  --workflow           run every job of the stage, in workflow order, in one JVM
  --graph              print the stage's workflow as text
  --local-data <dir>   where inputs are read (default ${DEFAULT_LOCAL_DATA_DIR})
  --output-dir <dir>   where outputs are written (default ${DEFAULT_OUTPUT_DIR})
  --s3                 run the job in the emulator, through S3A, as its role
  --help               show this text

Exit codes: the job script's own (with --workflow, the first failing job's); 2 for a bad command line,
config, job or stage name.`;

/** Bad command-line input, or a job or stage the config does not have; the message says what is valid. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Where a local run reads and writes. */
export interface LocalFolders {
  /** Absolute. */
  readonly localDataDir: string;
  /** Absolute. */
  readonly outputDir: string;
}

/** One job (`job`), every job of the stage in one JVM (`workflow`), or the stage's workflow drawn (`graph`). */
export type LocalRunOptions =
  | (LocalFolders & { readonly mode: "job"; readonly jobName: string; readonly stage: string })
  | { readonly mode: "s3"; readonly jobName: string; readonly stage: string }
  | (LocalFolders & { readonly mode: "workflow"; readonly stage: string })
  | { readonly mode: "graph"; readonly stage: string };

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
        workflow: { type: "boolean" },
        graph: { type: "boolean" },
        s3: { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  if (parsed.values.help) return "help";
  const { workflow, graph, s3 } = parsed.values;
  const stage = parsed.values.stage ?? DEFAULT_STAGE;
  const folder = (given: string | undefined, fallback: string) =>
    given ? path.resolve(cwd, given) : path.resolve(projectDir, fallback);
  const folders = {
    localDataDir: folder(parsed.values["local-data"], DEFAULT_LOCAL_DATA_DIR),
    outputDir: folder(parsed.values["output-dir"], DEFAULT_OUTPUT_DIR),
  };
  if (s3 && (workflow || graph)) throw new UsageError(`--s3 runs one job; drop ${workflow ? "--workflow" : "--graph"}`);
  if (s3 && (parsed.values["local-data"] || parsed.values["output-dir"])) throw new UsageError("--s3 reads and writes the emulator's S3; drop --local-data and --output-dir");
  if (workflow || graph) {
    if (workflow && graph) throw new UsageError("give --workflow (run the stage's jobs) or --graph (print its workflow), not both");
    const flag = workflow ? "--workflow" : "--graph";
    if (parsed.positionals.length > 0) {
      throw new UsageError(`${flag} takes every job of the stage; drop ${parsed.positionals.join(", ")}, or drop ${flag} to run one job`);
    }
    if (graph && (parsed.values["local-data"] || parsed.values["output-dir"])) throw new UsageError("--graph runs nothing; drop --local-data and --output-dir");
    return workflow ? { mode: "workflow", stage, ...folders } : { mode: "graph", stage };
  }
  if (parsed.positionals.length !== 1) {
    throw new UsageError(
      parsed.positionals.length === 0
        ? "name the job to run, e.g. npm run job -- JoinLegislators --stage dev, or run them all with --workflow"
        : `name one job to run, got ${parsed.positionals.join(", ")}; run them all with --workflow`,
    );
  }
  if (s3) return { mode: "s3", jobName: parsed.positionals[0], stage };
  return { mode: "job", jobName: parsed.positionals[0], stage, ...folders };
}

/** Spark's local catalog warehouse of a run: under its output folder, so that its tables sit next to their data. */
export function localWarehouse(outputDir: string): string {
  return path.join(outputDir, "spark-warehouse");
}

/** The stage of a config, or a UsageError listing the stages. */
export function selectStage<Stage>(stages: Readonly<Record<string, Stage>>, stage: string): Stage {
  if (!Object.hasOwn(stages, stage)) throw new UsageError(`unknown stage "${stage}"; the stages are: ${Object.keys(stages).join(", ")}`);
  return stages[stage];
}

/** The job of a stage, or a UsageError listing the stages or the stage's jobs. */
export function selectJob<Job>(
  stages: Readonly<Record<string, { readonly jobs: Readonly<Record<string, Job>> }>>,
  stage: string,
  jobName: string,
): Job {
  const stageConfig = selectStage(stages, stage);
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
 * output, table and other argument), with S3 inputs and outputs mapped onto the local folders.
 * An input read from a table is another job's output, so it maps onto the output folder.
 * An input that is not an s3:// location (a local path in a custom config) is passed as it is.
 */
export function localJobRun(
  job: Pick<JobConfig, "glueJobName" | "inputs" | "outputs" | "arguments" | "inputTables" | "outputTables"> & Partial<Pick<JobConfig, "outputQuality">>,
  options: LocalFolders,
): LocalJobRun {
  const mapped = (location: string, baseDir: string) => (S3_URI.test(location) ? localPathFor(location, baseDir) : location);
  const inputs = Object.fromEntries(
    Object.entries(job.inputs).map(([name, location]) => [name, mapped(location, Object.hasOwn(job.inputTables, name) ? options.outputDir : options.localDataDir)]),
  );
  const outputs = mapValues(job.outputs, (location) => mapped(location, options.outputDir));
  const named = { ...job.arguments, ...inputs, ...outputs, ...tableArguments(job), ...qualityArguments(job) };
  return {
    args: ["--JOB_NAME", job.glueJobName, ...Object.entries(named).flatMap(([name, value]) => [`--${name}`, value])],
    outputs,
  };
}

function mapValues(record: Readonly<Record<string, string>>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
