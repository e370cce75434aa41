/**
 * What the capacity plan takes from AWS as given: worker sizes, start-up time and price. Each with its
 * source; the price also with the date it was read, since prices change.
 *
 * The worker types' names are stacks/constants/glue.ts's (WORKER_TYPES); their sizes are kept here
 * until that file holds them.
 */
import type { WorkerType } from "../stacks/constants/glue";

export interface WorkerSpec {
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** DPUs billed per worker (R types: M-DPUs, billed as DPUs). */
  readonly dpus: number;
}

/** AWS Glue worker types, https://docs.aws.amazon.com/glue/latest/dg/worker-types.html ("Available worker types"). */
export const WORKER_SPECS: Readonly<Record<WorkerType, WorkerSpec>> = {
  "G.025X": { vcpus: 2, memoryGiB: 4, dpus: 0.25 },
  "G.1X": { vcpus: 4, memoryGiB: 16, dpus: 1 },
  "G.2X": { vcpus: 8, memoryGiB: 32, dpus: 2 },
  "G.4X": { vcpus: 16, memoryGiB: 64, dpus: 4 },
  "G.8X": { vcpus: 32, memoryGiB: 128, dpus: 8 },
  "G.12X": { vcpus: 48, memoryGiB: 192, dpus: 12 },
  "G.16X": { vcpus: 64, memoryGiB: 256, dpus: 16 },
  "R.1X": { vcpus: 4, memoryGiB: 32, dpus: 1 },
  "R.2X": { vcpus: 8, memoryGiB: 64, dpus: 2 },
  "R.4X": { vcpus: 16, memoryGiB: 128, dpus: 4 },
  "R.8X": { vcpus: 32, memoryGiB: 256, dpus: 8 },
};
export const WORKER_SPECS_SOURCE = "AWS Glue worker types, https://docs.aws.amazon.com/glue/latest/dg/worker-types.html";

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

/** Glue 2.0 and later bill Spark jobs per second with a 1-minute minimum (AWS Glue pricing). */
export const GLUE_MINIMUM_BILLED_SECONDS = 60;

/**
 * USD per DPU-hour of Spark ETL jobs in us-east-1, from https://aws.amazon.com/glue/pricing/ (its ETL-job
 * example: "The price of 1 DPU-Hour is $0.44"; Flex: $0.29). Written down on the date below, from the
 * page as quoted then, not fetched by the tool. Other regions differ. This is the project's minimal table
 * until the data plan's price table is on main; then that one is the source.
 */
export const GLUE_PRICE = {
  region: "us-east-1",
  asOf: "2026-12-03",
  source: "https://aws.amazon.com/glue/pricing/",
  usdPerDpuHour: { STANDARD: 0.44, FLEX: 0.29 },
} as const;
