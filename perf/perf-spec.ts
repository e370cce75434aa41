/**
 * What perf/spark/perf_run.py is told to do for one job: its sample inputs and, per scale, where the
 * generated inputs go and the arguments the job runs with (npm run job's mapping of s3:// onto folders).
 */
import * as path from "path";
import type { JobConfig } from "../stacks/config";
import { localJobRun, localPathFor, UsageError } from "../local-run/local-run-args";
import type { PerfOptions } from "./perf-args";

export interface PerfSpec {
  readonly job: string;
  readonly script: string;
  readonly seed: number;
  readonly resultFile: string;
  readonly inputs: readonly { readonly name: string; readonly sample: string }[];
  readonly scales: readonly {
    readonly scale: number;
    readonly copies: number;
    readonly inputs: Readonly<Record<string, string>>;
    readonly args: readonly string[];
    readonly outputs: Readonly<Record<string, string>>;
  }[];
}

/** The job's data folders at a scale: <work>/<job>/scale-<n>/{data,output}. */
export function scaleFolders(options: Pick<PerfOptions, "workDir" | "job">, scale: number) {
  const base = path.join(options.workDir, options.job, `scale-${scale}`);
  return { localDataDir: path.join(base, "data"), outputDir: path.join(base, "output") };
}

export function perfSpec(job: JobConfig, options: PerfOptions, sampleDataDir: string): PerfSpec {
  const tableInputs = Object.keys(job.inputTables);
  if (tableInputs.length > 0) {
    throw new UsageError(
      `${job.name} reads the table input ${tableInputs.join(", ")}, which another job writes; perf generates only S3 inputs from sample data. ` +
        `Measure the job that writes it (npm run perf -- --job <writer>) instead`,
    );
  }
  if (Object.keys(job.outputs).length === 0) throw new UsageError(`${job.name} has no outputs, so perf has no rows out to count; give it an output in the config`);
  const inputs = Object.entries(job.inputs).map(([name, location]) => ({ name, sample: localPathFor(location, sampleDataDir) }));
  return {
    job: job.name,
    script: job.scriptPath,
    seed: options.seed,
    resultFile: path.join(options.workDir, job.name, "result.json"),
    inputs,
    scales: options.scales.map((scale) => {
      const folders = scaleFolders(options, scale);
      const run = localJobRun(job, folders);
      return {
        scale,
        copies: scale * options.copiesPerScale,
        inputs: Object.fromEntries(Object.entries(job.inputs).map(([name, location]) => [name, localPathFor(location, folders.localDataDir)])),
        args: run.args,
        outputs: run.outputs,
      };
    }),
  };
}
