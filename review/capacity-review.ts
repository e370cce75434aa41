/**
 * The plan review's capacity lines: for every job that declares `capacity`, the workers its measured
 * throughput (perf/baseline.json, from npm run perf) says it needs, the cost of a run, and a warning
 * when the job declares fewer workers than that, or more than 4x it (docs/performance-tests.md).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig } from "../stacks/config";
import { PROJECT_DIR } from "../stacks/config";
import type { BaselineFile } from "../perf/baseline";
import { estimateCapacity, judgeWorkers, OVERSIZED_FACTOR } from "../perf/capacity-estimate";
import { GLUE_PRICE } from "../perf/glue-facts";

export const BASELINE_PATH = join(PROJECT_DIR, "perf", "baseline.json");

export interface CapacityReview {
  /** One line per job with capacity, in stage and job order. */
  readonly lines: readonly string[];
  /** The lines that are warnings, also counted in `lines`. */
  readonly warnings: readonly string[];
}

export function readBaseline(file = BASELINE_PATH): BaselineFile | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BaselineFile) : undefined;
}

/** `stacks`: the stacks planned; a stage's jobs are reviewed with its stack (`<stage>-glue`). @default every stage */
export function capacityReview(config: Pick<AppConfig, "stages">, baseline: BaselineFile | undefined, stacks?: readonly string[]): CapacityReview {
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const stage of Object.values(config.stages)) {
    if (stacks && !stacks.includes(`${stage.name}-glue`)) continue;
    for (const job of Object.values(stage.jobs)) {
      if (!job.capacity) continue;
      const where = `${stage.name} ${job.name} (${job.capacity.declared})`;
      const measured = baseline?.jobs[job.name];
      if (!measured) {
        lines.push(`${where}: no measured throughput in perf/baseline.json; run npm run perf -- --job ${job.name} --update-baseline`);
        continue;
      }
      const estimate = estimateCapacity(job.capacity, { bytesPerSecondPerCore: measured.bytesPerSecondPerCore, exponent: measured.exponent ?? 1 }, job.workerType, job.executionClass);
      const declared = `${job.numberOfWorkers} ${job.workerType} declared`;
      if (estimate.workers === undefined) {
        const line = `WARNING ${where}: ${estimate.notes.join("; ")}; no number of workers meets it`;
        lines.push(line);
        warnings.push(line);
        continue;
      }
      const estimated = `needs about ${estimate.workers} ${job.workerType} workers, ${estimate.dpuHours!.toFixed(2)} DPU-hours, $${estimate.usdPerRun!.toFixed(2)} a run`;
      const verdict = judgeWorkers(job.numberOfWorkers, estimate);
      if (verdict === "fits") {
        lines.push(`${where}: ${estimated}; ${declared}, which fits`);
        continue;
      }
      const why = verdict === "short" ? "fewer than the estimate: the deadline would be missed" : `more than ${OVERSIZED_FACTOR}x the estimate: paid for and idle`;
      const line = `WARNING ${where}: ${estimated}; ${declared}, ${why}`;
      lines.push(line);
      warnings.push(line);
    }
  }
  return { lines, warnings };
}

/** The capacity section of the text summary; empty when no job declares capacity. */
export function formatCapacityReview(review: CapacityReview, baseline: BaselineFile | undefined): string {
  if (review.lines.length === 0) return "";
  const dates = baseline ? [...new Set(Object.values(baseline.jobs).map((j) => j.date.slice(0, 10)))].join(", ") : "never";
  return [`Capacity (throughput measured by npm run perf on ${dates}; ${GLUE_PRICE.region} prices of ${GLUE_PRICE.asOf}):`, ...review.lines.map((l) => `  ${l}`)].join("\n");
}
