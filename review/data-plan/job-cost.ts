/**
 * What a job costs on Glue: DPU-hours per run (DPUs per worker × workers × expected duration, at
 * least the billed minimum), runs per month at its stage's schedule, the price per run and per month
 * for STANDARD and FLEX, and whether its timeout × workers could cost more than the ceiling per run.
 * Prices come from stacks/constants/glue-pricing.ts, never from the network.
 */
import type { JobConfig, StageConfig } from "../../stacks/config";
import { averageRunsPerMonth } from "../../stacks/config/schedule";
import type { ExecutionClass } from "../../stacks/constants/glue";
import { dpuHourPrice, dpusPerWorker, MINIMUM_BILLED_MINUTES, type Price } from "../../stacks/constants/glue-pricing";
import { FLEX_WORKER_TYPES } from "../../stacks/constants/glue-worker-types";

/** Where a run's expected duration came from. */
export type DurationSource = "config" | "measured on the sample data" | "timeout (worst case: no duration in the config, no run measured)";

export interface ClassPrice {
  readonly usdPerRun: number;
  readonly usdPerMonth?: number;
  readonly usdPerDpuHour: number;
  readonly asOf: string;
  readonly source: string;
}

export interface JobCost {
  readonly workerType: string;
  readonly workers: number;
  readonly executionClass: ExecutionClass;
  readonly durationMinutes: number;
  readonly durationSource: DurationSource;
  readonly dpuHoursPerRun: number;
  /** Runs and DPU-hours in an average month at the stage's schedule; undefined for a stage started on demand. */
  readonly perMonth?: { readonly runs: number; readonly dpuHours: number; readonly usd?: number };
  readonly schedule?: string;
  /** Per execution class; a class Glue does not run this worker type on, or a price the table lacks, is left out. */
  readonly prices: Partial<Record<ExecutionClass, ClassPrice>>;
  /** What the job's own class charges for a run that lasts its whole timeout, and whether that is over the ceiling. */
  readonly worstCasePerRun?: { readonly usd: number; readonly ceiling: number; readonly over: boolean };
  /** Why a price is missing, if one is. */
  readonly note?: string;
}

export interface CostInput {
  readonly job: Pick<JobConfig, "workerType" | "numberOfWorkers" | "executionClass" | "timeoutMinutes" | "expectedDurationMinutes">;
  readonly stage: Pick<StageConfig, "schedule" | "account">;
  /** Seconds the job took on the sample data, if it ran. */
  readonly measuredSeconds?: number;
  /** USD; see DataPlanSettings.costCeilingPerRun. */
  readonly ceiling: number;
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

export function jobCost({ job, stage, measuredSeconds, ceiling }: CostInput): JobCost {
  const [durationMinutes, durationSource]: [number, DurationSource] =
    job.expectedDurationMinutes !== undefined
      ? [job.expectedDurationMinutes, "config"]
      : measuredSeconds !== undefined
        ? [measuredSeconds / 60, "measured on the sample data"]
        : [job.timeoutMinutes, "timeout (worst case: no duration in the config, no run measured)"];
  const dpus = dpusPerWorker(job.workerType) * job.numberOfWorkers;
  const dpuHoursPerRun = (dpus * Math.max(durationMinutes, MINIMUM_BILLED_MINUTES)) / 60;
  const runs = stage.schedule ? averageRunsPerMonth(stage.schedule) : undefined;
  const region = stage.account.awsRegion;
  const classes: ExecutionClass[] = FLEX_WORKER_TYPES.includes(job.workerType) ? ["STANDARD", "FLEX"] : ["STANDARD"];
  const prices: Partial<Record<ExecutionClass, ClassPrice>> = {};
  for (const executionClass of classes) {
    const price = dpuHourPrice(region, job.workerType, executionClass);
    if (price) prices[executionClass] = classPrice(price, dpuHoursPerRun, runs);
  }
  const own = dpuHourPrice(region, job.workerType, job.executionClass);
  const worst = own ? round((dpus * job.timeoutMinutes * own.usdPerDpuHour) / 60, 2) : undefined;
  const ownUsdPerRun = prices[job.executionClass]?.usdPerRun;
  return {
    workerType: job.workerType,
    workers: job.numberOfWorkers,
    executionClass: job.executionClass,
    durationMinutes: round(durationMinutes, 2),
    durationSource,
    dpuHoursPerRun: round(dpuHoursPerRun),
    ...(runs !== undefined
      ? { perMonth: { runs: round(runs, 2), dpuHours: round(dpuHoursPerRun * runs, 2), ...(ownUsdPerRun !== undefined ? { usd: round(ownUsdPerRun * runs, 2) } : {}) } }
      : {}),
    ...(stage.schedule ? { schedule: stage.schedule } : {}),
    prices,
    ...(worst !== undefined ? { worstCasePerRun: { usd: worst, ceiling, over: worst > ceiling } } : {}),
    ...(own ? {} : { note: `no ${job.workerType.startsWith("R.") ? "M-DPU" : "DPU"}-hour price for ${region} in stacks/constants/glue-pricing.ts` }),
  };
}

function classPrice(price: Price, dpuHoursPerRun: number, runs: number | undefined): ClassPrice {
  const usdPerRun = round(dpuHoursPerRun * price.usdPerDpuHour);
  return {
    usdPerRun,
    ...(runs !== undefined ? { usdPerMonth: round(usdPerRun * runs, 2) } : {}),
    usdPerDpuHour: price.usdPerDpuHour,
    asOf: price.asOf,
    source: price.source,
  };
}

/** Whether what drives the cost differs between two costs (workers, type, class, duration, schedule). */
export function costChanged(base: JobCost, head: JobCost): boolean {
  return (
    base.workerType !== head.workerType ||
    base.workers !== head.workers ||
    base.executionClass !== head.executionClass ||
    base.dpuHoursPerRun !== head.dpuHoursPerRun ||
    base.schedule !== head.schedule
  );
}
