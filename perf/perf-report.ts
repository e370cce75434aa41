/**
 * The figures of one `npm run perf` run: what perf_run.py measured, with the rates, the scaling fit and
 * the capacity plan worked out, and the text table that prints them.
 */
import type { ExecutionClass } from "../stacks/constants/glue";
import type { WorkerType } from "../stacks/constants/glue-worker-types";
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
  /** CPU seconds of the run (the JVM's and Python's): what a busy shared machine does not inflate. */
  readonly cpuSeconds: number;
  readonly calibrationCpuSeconds: number;
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
  /** Of wall time against input bytes. */
  readonly fit?: ScalingFit;
  /** Of CPU time against input bytes: the same growth, without the waits of a shared machine. */
  readonly cpuFit?: ScalingFit;
  /** Input bytes per CPU-second (a core kept busy) at the largest scale: what the capacity plan builds on. */
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
  const fitOf = (seconds: (s: MeasuredScale) => number) => (scales.length >= 2 ? fitScaling(scales.map((s) => ({ bytes: s.inputBytes, seconds: seconds(s) }))) : undefined);
  const fit = fitOf((s) => s.wallSeconds);
  const cpuFit = fitOf((s) => s.cpuSeconds);
  const largest = scales[scales.length - 1];
  const bytesPerSecondPerCore = largest.inputBytes / largest.cpuSeconds;
  const base = { job: run.job, stage, date: date.toISOString(), cores: run.cores, calibrationSeconds: run.calibrationSeconds, sample: run.sample, scales, fit, cpuFit, bytesPerSecondPerCore };
  if (!job.capacity) return base;
  const exponent = Math.max(fit?.exponent ?? 1, cpuFit?.exponent ?? 1);
  const estimate = estimateCapacity(job.capacity, { bytesPerSecondPerCore, exponent }, job.workerType, job.executionClass);
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
      s.cpuSeconds.toFixed(1),
      (s.cpuSeconds / s.calibrationCpuSeconds).toFixed(2),
      Math.round(s.rowsPerSecond),
      mib(s.bytesPerSecond),
      mib(s.driverPeakRssBytes),
      // A stage shorter than the executor heartbeat reports no peak: none measured, not zero.
      s.peakJvmHeapBytes > 0 ? mib(s.peakJvmHeapBytes) : "—",
      mib(s.shuffleReadBytes + s.shuffleWriteBytes),
    ].join(" | "),
  );
  const lines = [
    `${report.job} (${report.stage}) on ${report.cores} cores, calibration ${report.calibrationSeconds.toFixed(2)} s wall (median); rows/s and MiB/s are per wall second`,
    "",
    "| scale | rows in | MiB in | rows out | wall s | CPU s | CPU ÷ calibration | rows/s | MiB/s | driver peak RSS MiB | peak heap MiB | shuffle MiB |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r} |`),
    "",
    "Longest stages:",
    ...report.scales.map((s) => `  scale ${s.scale}: ${s.longestStages.map((st) => `${st.name} ${st.seconds.toFixed(1)} s (${st.tasks} tasks${st.shuffleBytes ? `, ${mib(st.shuffleBytes)} MiB shuffled` : ""})`).join("; ")}`),
    `Executors: ${report.scales[0]?.executors.join(", ")} (local mode: the executors run in the driver's JVM, so its peak RSS is theirs too)`,
    "",
  ];
  if (report.fit && report.cpuFit) {
    const above = report.fit.aboveLinear || report.cpuFit.aboveLinear;
    lines.push(
      `Scaling: wall time ∝ input^${report.fit.exponent.toFixed(2)} (r² ${report.fit.r2.toFixed(3)}), CPU time ∝ input^${report.cpuFit.exponent.toFixed(2)} (r² ${report.cpuFit.r2.toFixed(3)}); log-log least squares over ${report.scales.length} scales` +
        (above ? ` — ABOVE LINEAR: time grows faster than the input; look at the longest stages` : " — linear or better"),
    );
  } else {
    lines.push("Scaling: one scale only; give two or more (--scale 1,4,16) for the exponent");
  }
  lines.push(`Throughput: ${mib(report.bytesPerSecondPerCore)} MiB per CPU-second (a busy core) at scale ${report.scales[report.scales.length - 1].scale}`);
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
