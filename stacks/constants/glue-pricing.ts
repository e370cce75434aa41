/**
 * What a Glue Spark job costs, as data: DPUs per worker, and the price of a DPU-hour per region and
 * execution class, each with the date it was read and its source. The data plan reads this table and
 * never fetches a price while it runs; a region or worker family missing here is priced as unknown.
 *
 * DPUs per worker come from the worker-type table, glue-worker-types.ts (with its AWS source); R types
 * count memory-optimized M-DPUs, priced apart and not listed below. `npm run perf`'s capacity plan
 * (perf/glue-facts.ts) reads its us-east-1 prices from this table too.
 * Billing: "AWS Glue pricing", https://aws.amazon.com/glue/pricing/ — Spark jobs (Glue 2.0 and later)
 * are billed per second with a 1-minute minimum, for STANDARD and FLEX alike.
 */
import type { ExecutionClass } from "./glue";
import { GLUE_WORKER_TYPES, type WorkerType } from "./glue-worker-types";

/** DPUs billed per worker of a type (M-DPUs for the R types). */
export function dpusPerWorker(workerType: WorkerType): number {
  return GLUE_WORKER_TYPES[workerType].dpu;
}

/** R types are billed by the M-DPU-hour, a price of its own. */
export function priceFamily(workerType: WorkerType): "DPU" | "M-DPU" {
  return workerType.startsWith("R.") ? "M-DPU" : "DPU";
}

/** Glue bills a Spark job run (Glue 2.0 and later) for at least one minute. */
export const MINIMUM_BILLED_MINUTES = 1;

export interface Price {
  /** USD per DPU-hour. */
  readonly usdPerDpuHour: number;
  /** When the price was read from its source (YYYY-MM-DD). */
  readonly asOf: string;
  readonly source: string;
}

const PRICING_PAGE = "https://aws.amazon.com/glue/pricing/";
const FLEX_LAUNCH = "https://aws.amazon.com/blogs/big-data/introducing-aws-glue-flex-jobs-cost-savings-on-etl-workloads/";
/** The AWS Price List's AWSGlue offer ("$0.44 per Data Processing Unit-Hour"), effective 2024-11-01. */
const STANDARD: Price = { usdPerDpuHour: 0.44, asOf: "2024-11-01", source: `${PRICING_PAGE} (AWS Price List, AWSGlue offer, effective 2024-11-01)` };
/** The Flex class's price as AWS announced it, unchanged on the pricing page since. */
const FLEX: Price = { usdPerDpuHour: 0.29, asOf: "2022-08-09", source: `${FLEX_LAUNCH}; ${PRICING_PAGE}` };

/** DPU-hour prices (DPU family) per region and execution class. */
export const DPU_HOUR_PRICES: Readonly<Record<string, Readonly<Record<ExecutionClass, Price>>>> = {
  "us-east-1": { STANDARD, FLEX },
  "us-east-2": { STANDARD, FLEX },
  "us-west-2": { STANDARD, FLEX },
  "eu-west-1": { STANDARD, FLEX },
};

/** The price of a DPU-hour, or undefined where the table has none (another region, an M-DPU worker). */
export function dpuHourPrice(region: string, workerType: WorkerType, executionClass: ExecutionClass): Price | undefined {
  if (priceFamily(workerType) !== "DPU") return undefined;
  return DPU_HOUR_PRICES[region]?.[executionClass];
}
