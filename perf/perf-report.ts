/**
 * The figures of one `npm run perf` run: what perf_run.py measured, with the rates, the scaling fit and
 * the capacity plan worked out, and the text table that prints them.
 */
import type { ExecutionClass, WorkerType } from "../stacks/constants/glue";
import type { JobCapacity } from "../stacks/config";
import { estimateCapacity, judgeWorkers, type CapacityEstimate } from "./capacity-estimate";
import { GLUE_PRICE, GLUE_START_UP_SECONDS } from "./glue-facts";
import { fitScaling, type ScalingFit } from "./scaling-fit";

/** One scale as perf_run.py writes it. */
export interface MeasuredScale {
  readonly scale: number;
  readonly copies: number;
  readonly inputRows: number;
  readonly inputBytes: number;
  readonly outputRows: number;
  readonly wallSeconds: number;
  readonly generateSeconds: number;
  /** The calibration's seconds around this scale (mean of the one before and after). */
  readonly calibrationSeconds: number;
  readonly driverPeakRssBytes: number;
  readonly peakJvmHeapBytes: number;
  readonly peakExecutorRssBytes: number;
  readonly shuffleReadBytes: number;
  readonly shuffleWriteBytes: number;
  readonly executorRunSeconds: number;
  readonly executors: readonly string[];
  readonly longestStages: readonly { readonly stageId: number; readonly name: string; readonly seconds: number; readonly tasks: number; readonly shuffleBytes: number }[];
}

export interface MeasuredRun {
  readonly job: string;
  readonly cores: number;
  /** The median of the scales' calibrations. */
  readonly calibrationSeconds: number;
  readonly sample: readonly string[];
  readonly scales: readonly MeasuredScale[];
}

export interface ScaleFigures extends MeasuredScale {
  readonly rowsPerSecond: number;
  readonly bytesPerSecond: number;
}

export interface PerfReport {
  readonly job: string;
  readonly stage: string;
  readonly date: string;
  readonly cores: number;
  readonly calibrationSeconds: number;
  readonly sample: readonly string[];
  readonly scales: readonly ScaleFigures[];
  readonly fit?: ScalingFit;
  /** Input bytes per second per core at the largest scale: what the capacity plan builds on. */
  readonly bytesPerSecondPerCore: number;
  readonly capacity?: {
    readonly declared: JobCapacity;
    readonly declaredWorkers: number;
    readonly estimate: CapacityEstimate;
    readonly verdict: ReturnType<typeof judgeWorkers>;
  };
}

export interface JobSizing {
  readonly workerType: WorkerType;
  readonly numberOfWorkers: number;
  readonly executionClass: ExecutionClass;
  readonly capacity?: JobCapacity;
}

export function buildReport(run: MeasuredRun, stage: string, job: JobSizing, date = new Date()): PerfReport {
  const scales = run.scales.map((s) => ({ ...s, rowsPerSecond: s.inputRows / s.wallSeconds, bytesPerSecond: s.inputBytes / s.wallSeconds }));
  const fit = scales.length >= 2 ? fitScaling(scales.map((s) => ({ bytes: s.inputBytes, seconds: s.wallSeconds }))) : undefined;
  const largest = scales[scales.length - 1];
  const bytesPerSecondPerCore = largest.bytesPerSecond / run.cores;
  const base = { job: run.job, stage, date: date.toISOString(), cores: run.cores, calibrationSeconds: run.calibrationSeconds, sample: run.sample, scales, fit, bytesPerSecondPerCore };
  if (!job.capacity) return base;
  const estimate = estimateCapacity(job.capacity, { bytesPerSecondPerCore, exponent: fit?.exponent ?? 1 }, job.workerType, job.executionClass);
  return { ...base, capacity: { declared: job.capacity, declaredWorkers: job.numberOfWorkers, estimate, verdict: judgeWorkers(job.numberOfWorkers, estimate) } };
}

const MiB = 2 ** 20;
const mib = (bytes: number) => (bytes / MiB).toFixed(1);

export function formatReport(report: PerfReport): string {
  const rows = report.scales.map((s) =>
    [
      s.scale,
      s.inputRows,
      mib(s.inputBytes),
      s.outputRows,
      s.wallSeconds.toFixed(1),
      (s.wallSeconds / s.calibrationSeconds).toFixed(2),
      Math.round(s.rowsPerSecond),
      mib(s.bytesPerSecond),
      mib(s.driverPeakRssBytes),
      // A stage shorter than the executor heartbeat reports no peak: none measured, not zero.
      s.peakJvmHeapBytes > 0 ? mib(s.peakJvmHeapBytes) : "—",
      mib(s.shuffleReadBytes + s.shuffleWriteBytes),
    ].join(" | "),
  );
  const lines = [
    `${report.job} (${report.stage}) on ${report.cores} cores, calibration ${report.calibrationSeconds.toFixed(2)} s (median; each scale's time is also shown ÷ its own)`,
    "",
    "| scale | rows in | MiB in | rows out | wall s | ÷ calibration | rows/s | MiB/s | driver peak RSS MiB | peak heap MiB | shuffle MiB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r} |`),
    "",
    "Longest stages:",
    ...report.scales.map((s) => `  scale ${s.scale}: ${s.longestStages.map((st) => `${st.name} ${st.seconds.toFixed(1)} s (${st.tasks} tasks${st.shuffleBytes ? `, ${mib(st.shuffleBytes)} MiB shuffled` : ""})`).join("; ")}`),
    `Executors: ${report.scales[0]?.executors.join(", ")} (local mode: the executors run in the driver's JVM, so its peak RSS is theirs too)`,
    "",
  ];
  if (report.fit) {
    const { exponent, r2, aboveLinear } = report.fit;
    lines.push(
      `Scaling: time ∝ input^${exponent.toFixed(2)} (log-log least squares over ${report.scales.length} scales, r² ${r2.toFixed(3)})` +
        (aboveLinear ? ` — ABOVE LINEAR: time grows faster than the input; look at the longest stages` : " — linear or better"),
    );
  } else {
    lines.push("Scaling: one scale only; give two or more (--scale 1,4,16) for the exponent");
  }
  lines.push(`Throughput: ${mib(report.bytesPerSecondPerCore)} MiB/s per core at scale ${report.scales[report.scales.length - 1].scale}`);
  lines.push("", ...formatCapacity(report));
  return lines.join("\n");
}

function formatCapacity(report: PerfReport): string[] {
  if (!report.capacity) {
    return [`Capacity: ${report.job} declares none; add jobs.${report.job}.capacity: { volumePerRun: "40 GB", deadline: "15m" } to the config for a plan`];
  }
  const { declared, declaredWorkers, estimate, verdict } = report.capacity;
  const head = `Capacity (${declared.declared}, safety factor ${declared.safetyFactor}, Glue start-up ${GLUE_START_UP_SECONDS} s, ${estimate.workerType} ${estimate.executionClass}):`;
  if (estimate.workers === undefined) return [head, ...estimate.notes.map((n) => `  ${n}`)];
  const verdicts = {
    short: `WARNING: ${declaredWorkers} declared workers are fewer than the ${estimate.workers} estimated; the deadline would be missed`,
    oversized: `WARNING: ${declaredWorkers} declared workers are more than 4x the ${estimate.workers} estimated`,
    fits: `${declaredWorkers} declared workers fit the estimate`,
    impossible: "",
  };
  return [
    head,
    `  ${estimate.workers} workers (one for the driver), about ${(estimate.runSeconds! / 60).toFixed(1)} min a run, ` +
      `${estimate.dpuHours!.toFixed(2)} DPU-hours, $${estimate.usdPerRun!.toFixed(2)} a run (${GLUE_PRICE.region} price of ${GLUE_PRICE.asOf})` +
      (declared.runsPerDay ? `, $${(estimate.usdPerRun! * declared.runsPerDay).toFixed(2)} a day` : ""),
    `  ${verdicts[verdict]}`,
    ...estimate.notes.map((n) => `  note: ${n}`),
  ];
}
