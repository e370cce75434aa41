/**
 * What a Glue Spark job costs, as data: DPUs per worker, and the price of a DPU-hour per region and
 * execution class, each with the date it was read and its source. The data plan reads this table and
 * never fetches a price while it runs; a region or worker family missing here is priced as unknown.
 *
 * DPUs per worker: "AWS Glue worker types", https://docs.aws.amazon.com/glue/latest/dg/worker-types.html
 * (G.1X 1 DPU … G.16X 16; R types count memory-optimized M-DPUs, priced apart, not listed below).
 * The worker-type table is also being gathered into stacks/constants/glue.ts; until that lands on main
 * it lives here.
 * Billing: "AWS Glue pricing", https://aws.amazon.com/glue/pricing/ — Spark jobs (Glue 2.0 and later)
 * are billed per second with a 1-minute minimum, for STANDARD and FLEX alike.
 */
import type { ExecutionClass, WorkerType } from "./glue";

export const DPUS_PER_WORKER: Readonly<Record<WorkerType, number>> = {
  "G.025X": 0.25,
  "G.1X": 1,
  "G.2X": 2,
  "G.4X": 4,
  "G.8X": 8,
  "G.12X": 12,
  "G.16X": 16,
  "R.1X": 1,
  "R.2X": 2,
  "R.4X": 4,
  "R.8X": 8,
};

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
