/**
 * What `python -m data_plan.driver` runs and what it answers (job_scripts/data_plan/driver.py): each
 * side's jobs in workflow order with `npm run job`'s arguments, the outputs to describe, and the
 * outputs to compare by their keys.
 */
import { join } from "node:path";
import type { JobConfig, StageConfig } from "../../stacks/config";
import { localJobRun } from "../../local-run/local-run-args";
import { chainSpec } from "../../local-run/local-workflow";
import type { ContractColumn } from "../../stacks/config";

export type Side = "base" | "head";

export interface SideRun {
  readonly side: Side;
  readonly stage: StageConfig;
  readonly jobs: readonly JobConfig[];
  readonly scriptsDir: string;
}

export interface DriverSpec {
  readonly warehouse: string;
  readonly sides: readonly {
    side: Side;
    scriptsDir: string;
    jobs: ReturnType<typeof chainSpec>;
    outputs: { job: string; output: string; location: string; columns: readonly ContractColumn[] | null; keys: readonly string[] | null }[];
  }[];
  readonly compare: readonly { job: string; output: string; keys: readonly string[] | null; base: string; head: string }[];
}

export interface DriverRun {
  readonly side: Side;
  readonly job: string;
  readonly ok: boolean;
  readonly exitCode: number;
  readonly seconds: number;
  readonly error?: string;
}

export interface DescribedOutput {
  readonly job: string;
  readonly output: string;
  readonly written: boolean;
  readonly error?: string;
  readonly columns?: ContractColumn[];
  readonly rows?: number;
  readonly nulls?: Record<string, number>;
  readonly violations?: string[];
}

/** Rows of one output, base against head (row_diff.py). */
export interface RowDiff {
  readonly job: string;
  readonly output: string;
  readonly keys: string[];
  readonly keyed: boolean;
  readonly error?: string;
  readonly rowsBase?: number;
  readonly rowsHead?: number;
  readonly rowsOnlyInBase?: number;
  readonly rowsOnlyInHead?: number;
  /** Keyed comparisons only. */
  readonly rowsChanged?: number;
  readonly rowsMatched?: number;
  readonly columnsOnlyInBase?: string[];
  readonly columnsOnlyInHead?: string[];
  /** How many values of each shared column differ (keyed comparisons, columns that differ only). */
  readonly columns?: { column: string; differing: number }[];
  readonly examples?: { onlyInBase: unknown[]; onlyInHead: unknown[]; changed: unknown[] };
}

export interface DriverResult {
  readonly runs: DriverRun[];
  readonly outputs: Partial<Record<Side, DescribedOutput[]>>;
  readonly rowDiffs: RowDiff[];
  readonly sparkStartSeconds: number;
  readonly seconds: number;
}

/** The spec for the sides given; each side's outputs land under `workDir/<side>`, inputs come from `localDataDir`. */
export function driverSpec(sides: readonly SideRun[], workDir: string, localDataDir: string): DriverSpec {
  const located = new Map<string, string>();
  const specSides = sides.map((side) => {
    const folders = { localDataDir, outputDir: join(workDir, side.side) };
    const outputs = side.jobs.flatMap((job) =>
      Object.entries(localJobRun(job, folders).outputs).map(([output, location]) => {
        located.set(`${side.side}:${job.name}:${output}`, location);
        const contract = job.outputContracts[output];
        return { job: job.name, output, location, columns: contract?.columns ?? null, keys: contract?.keys ?? null };
      }),
    );
    return { side: side.side, scriptsDir: side.scriptsDir, jobs: chainSpec(side.jobs, folders), outputs };
  });
  const head = sides.find((s) => s.side === "head");
  const base = sides.find((s) => s.side === "base");
  const compare = (head?.jobs ?? []).flatMap((job) =>
    Object.keys(job.outputs)
      .filter((output) => located.has(`base:${job.name}:${output}`))
      .map((output) => ({
        job: job.name,
        output,
        keys: job.outputContracts[output]?.keys ?? base?.jobs.find((j) => j.name === job.name)?.outputContracts[output]?.keys ?? null,
        base: located.get(`base:${job.name}:${output}`)!,
        head: located.get(`head:${job.name}:${output}`)!,
      })),
  );
  return { warehouse: join(workDir, "spark-warehouse"), sides: specSides, compare };
}
