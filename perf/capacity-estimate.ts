/**
 * The capacity plan of a job: from its measured throughput per core, how many Glue workers meet its
 * deadline, and what a run costs. Pure arithmetic; docs/performance-tests.md explains each step and
 * what it cannot know (S3's throughput, the real data's skew, how long Glue really takes to start).
 */
import type { ExecutionClass } from "../stacks/constants/glue";
import type { WorkerType } from "../stacks/constants/glue-worker-types";
import { ABOVE_LINEAR_EXPONENT } from "./scaling-fit";
import { GLUE_MINIMUM_BILLED_SECONDS, GLUE_PRICE, GLUE_START_UP_SECONDS, workerSpec } from "./glue-facts";

/** Glue's smallest Spark ETL job has 2 workers (the config's numberOfWorkers floor). */
export const MIN_WORKERS = 2;
/** Declared workers more than this many times the estimate are flagged as waste. */
export const OVERSIZED_FACTOR = 4;

export interface CapacityDemand {
  readonly volumePerRunBytes: number;
  readonly deadlineSeconds: number;
  /** Multiplies the measured work: the margin for what the measurement does not see. */
  readonly safetyFactor: number;
}

export interface MeasuredThroughput {
  /** Input bytes per second per core, at the largest measured scale. */
  readonly bytesPerSecondPerCore: number;
  /** The fitted scaling exponent; above linear, the estimate is optimistic. */
  readonly exponent: number;
}

export interface CapacityEstimate {
  readonly workerType: WorkerType;
  readonly executionClass: ExecutionClass;
  /** Workers to meet the deadline, the driver's included; undefined when no number can (start-up alone exceeds the deadline). */
  readonly workers?: number;
  /** Seconds of the run with those workers, start-up included. */
  readonly runSeconds?: number;
  readonly dpuHours?: number;
  readonly usdPerRun?: number;
  /** vCPU-seconds of work, safety factor included. */
  readonly coreSeconds: number;
  readonly notes: readonly string[];
}

/**
 * Workers = executors for the work plus one for the driver. The work is volume ÷ throughput per core ×
 * safety factor, in core-seconds; the time for it is the deadline less Glue's start-up.
 */
export function estimateCapacity(demand: CapacityDemand, measured: MeasuredThroughput, workerType: WorkerType, executionClass: ExecutionClass): CapacityEstimate {
  const spec = workerSpec(workerType);
  const coreSeconds = (demand.volumePerRunBytes / measured.bytesPerSecondPerCore) * demand.safetyFactor;
  const notes: string[] = [];
  if (measured.exponent > ABOVE_LINEAR_EXPONENT) {
    notes.push(`time grew as input^${measured.exponent.toFixed(2)} locally: above linear, so a larger volume needs more than this linear estimate`);
  }
  if (executionClass === "FLEX") notes.push("FLEX runs may start late; a deadline is only as safe as the start");
  const budget = demand.deadlineSeconds - GLUE_START_UP_SECONDS;
  if (budget <= 0) {
    notes.push(`the deadline (${demand.deadlineSeconds} s) is not longer than Glue's start-up allowance (${GLUE_START_UP_SECONDS} s)`);
    return { workerType, executionClass, coreSeconds, notes };
  }
  const executors = Math.ceil(coreSeconds / budget / spec.vcpus);
  const workers = Math.max(MIN_WORKERS, executors + 1);
  const runSeconds = GLUE_START_UP_SECONDS + coreSeconds / ((workers - 1) * spec.vcpus);
  // Billed from start to end, at least a minute; start-up counted, to err on the dear side.
  const dpuHours = (workers * spec.dpu * Math.max(GLUE_MINIMUM_BILLED_SECONDS, runSeconds)) / 3600;
  return { workerType, executionClass, workers, runSeconds, dpuHours, usdPerRun: dpuHours * GLUE_PRICE.usdPerDpuHour[executionClass], coreSeconds, notes };
}

/** Whether declared workers are short of the estimate, or more than OVERSIZED_FACTOR times it. */
export function judgeWorkers(declared: number, estimate: CapacityEstimate): "short" | "oversized" | "fits" | "impossible" {
  if (estimate.workers === undefined) return "impossible";
  if (declared < estimate.workers) return "short";
  if (declared > OVERSIZED_FACTOR * estimate.workers) return "oversized";
  return "fits";
}
