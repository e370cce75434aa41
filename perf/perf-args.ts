/** The command line of `npm run perf`, parsed and checked; nothing here runs anything. */
import * as path from "path";
import { parseArgs } from "node:util";
import { UsageError } from "../local-run/local-run-args";

export const DEFAULT_SCALES = [1, 4, 16] as const;
/** Copies of the sample per scale step: scale 1 of JoinLegislators is about 24,000 rows and 10 MB. */
export const DEFAULT_COPIES_PER_SCALE = 1000;
/** The generation's seed: fixed, so every run sees the same data. */
export const DEFAULT_SEED = 20261203;
export const DEFAULT_WORK_DIR = "perf/.work";

export const USAGE = `Usage: npm run perf -- --job NAME [--scale 1,4,16,64] [--json FILE] [--stage dev]
                      [--copies N] [--work-dir DIR] [--svg FILE] [--update-baseline]

Generates the job's inputs at each scale from its sample data (scale s holds s x N copies of the
sample, keys unique, references at the sample's match rate, hot keys kept hot), runs the job on local
Spark as npm run job does, and prints per scale the input, output, time, throughput, memory, shuffle
and longest stages; then the scaling exponent and, if the job declares capacity, the capacity plan.

Options:
  --job <name>         the job (a key of the stage's jobs)
  --scale <list>       scales to run, ascending (default ${DEFAULT_SCALES.join(",")})
  --json <file>        also write the figures as JSON
  --stage <name>       the stage whose arguments and capacity to use (default dev)
  --copies <n>         copies of the sample per scale step (default ${DEFAULT_COPIES_PER_SCALE})
  --work-dir <dir>     where data, outputs and the log go (default ${DEFAULT_WORK_DIR})
  --svg <file>         where the chart goes (default <work-dir>/<job>/scaling.svg)
  --update-baseline    write the figures into perf/baseline.json as the job's new baseline
  --help               show this text`;

export interface PerfOptions {
  readonly job: string;
  readonly stage: string;
  readonly scales: readonly number[];
  readonly copiesPerScale: number;
  readonly seed: number;
  /** Absolute. */
  readonly workDir: string;
  readonly jsonFile?: string;
  readonly svgFile: string;
  readonly updateBaseline: boolean;
}

export function parsePerfArgs(argv: readonly string[], projectDir: string, cwd: string): PerfOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        job: { type: "string" },
        scale: { type: "string" },
        json: { type: "string" },
        stage: { type: "string" },
        copies: { type: "string" },
        "work-dir": { type: "string" },
        svg: { type: "string" },
        "update-baseline": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (!v.job) throw new UsageError("name the job to measure: --job JoinLegislators");
  const scales = v.scale === undefined ? [...DEFAULT_SCALES] : parseScales(v.scale);
  const copies = v.copies === undefined ? DEFAULT_COPIES_PER_SCALE : Number(v.copies);
  if (!Number.isInteger(copies) || copies < 1) throw new UsageError(`--copies "${v.copies}" is not a whole number of at least 1; for example --copies ${DEFAULT_COPIES_PER_SCALE}`);
  const workDir = v["work-dir"] ? path.resolve(cwd, v["work-dir"]) : path.resolve(projectDir, DEFAULT_WORK_DIR);
  return {
    job: v.job,
    stage: v.stage ?? "dev",
    scales,
    copiesPerScale: copies,
    seed: DEFAULT_SEED,
    workDir,
    jsonFile: v.json ? path.resolve(cwd, v.json) : undefined,
    svgFile: v.svg ? path.resolve(cwd, v.svg) : path.join(workDir, v.job, "scaling.svg"),
    updateBaseline: v["update-baseline"] ?? false,
  };
}

/** `1,4,16`: whole numbers from 1, ascending, each once. */
export function parseScales(text: string): number[] {
  const scales = text.split(",").map((s) => s.trim());
  const numbers = scales.map(Number);
  if (scales.some((s, i) => s === "" || !Number.isInteger(numbers[i]) || numbers[i] < 1)) {
    throw new UsageError(`--scale "${text}" is not a list of whole numbers from 1; for example --scale 1,4,16`);
  }
  if (numbers.some((n, i) => i > 0 && n <= numbers[i - 1])) throw new UsageError(`--scale "${text}" must ascend, each scale once; for example --scale 1,4,16`);
  return numbers;
}
