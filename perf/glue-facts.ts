/**
 * What the capacity plan takes from AWS as given: worker sizes, start-up time and price. Each with its
 * source; the price also with the date it was written down, since prices change.
 */
import { DPU_HOUR_PRICES, MINIMUM_BILLED_MINUTES } from "../stacks/constants/glue-pricing";
import { GLUE_WORKER_TYPES, type WorkerType } from "../stacks/constants/glue-worker-types";

export interface WorkerSpec {
  readonly vcpus: number;
  readonly memoryGb: number;
  /** DPUs billed per worker (R types: M-DPUs, billed as DPUs). */
  readonly dpu: number;
}

/** vCPUs, memory and DPUs of a worker type, from the project's one table (stacks/constants/glue-worker-types.ts, with its AWS source). */
export function workerSpec(workerType: WorkerType): WorkerSpec {
  return GLUE_WORKER_TYPES[workerType];
}

/**
 * Seconds a run is allowed before its first task: Glue 2.0 and later start Spark jobs in "under a
 * minute" (AWS What's New, 2020-08-10, "AWS Glue version 2.0 featuring 10x faster job start times and
 * 1-minute minimum billing duration"; the Glue guide, "Running Spark ETL jobs with reduced startup times",
 * https://docs.aws.amazon.com/glue/latest/dg/reduced-start-times-spark-etl-jobs.html, gives no figure).
 * It is a planning allowance, not a guarantee: FLEX runs may wait longer for spare capacity.
 */
export const GLUE_START_UP_SECONDS = 60;
export const GLUE_START_UP_SOURCE =
  "AWS What's New 2020-08-10, https://aws.amazon.com/about-aws/whats-new/2020/08/aws-glue-version-2-featuring-10x-faster-job-start-times-1-minute-minimum-billing-duration/";

/** Glue 2.0 and later bill Spark jobs per second with a 1-minute minimum (AWS Glue pricing; stacks/constants/glue-pricing.ts). */
export const GLUE_MINIMUM_BILLED_SECONDS = MINIMUM_BILLED_MINUTES * 60;

const PRICE_REGION = "us-east-1";
const { STANDARD, FLEX } = DPU_HOUR_PRICES[PRICE_REGION]!;

/**
 * USD per DPU-hour of Spark ETL jobs in us-east-1, read from the project's price table
 * (stacks/constants/glue-pricing.ts, each price with its date and source; never fetched by the tool).
 * Other regions differ. `asOf` gives each class's date when they differ.
 */
export const GLUE_PRICE = {
  region: PRICE_REGION,
  asOf: STANDARD.asOf === FLEX.asOf ? STANDARD.asOf : `${STANDARD.asOf} (STANDARD), ${FLEX.asOf} (FLEX)`,
  source: STANDARD.source,
  usdPerDpuHour: { STANDARD: STANDARD.usdPerDpuHour, FLEX: FLEX.usdPerDpuHour },
} as const;
