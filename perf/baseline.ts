/**
 * The regression baseline: each example job's figures per scale, normalised for the machine, and the
 * comparison of a new run with them. The job's CPU time (JVM and Python, from /proc) is divided by
 * the CPU time of a calibration run in the same process around the same scale (perf_run.py's fixed
 * hash-and-group workload, before and after): CPU time does not grow while others hold the cores,
 * and a slower machine moves both alike;
 * memory, shuffle and rows are taken as they are.
 */
import type { PerfReport } from "./perf-report";

/** How much worse a figure may get before it is a regression: a shared 2-core machine is noisy. */
export const REGRESSION_MARGINS = {
  /** CPU time ÷ the calibration's CPU time. */
  normalisedCpuTime: 0.3,
  driverPeakRssBytes: 0.25,
  shuffleBytes: 0.25,
} as const;
/** Growth below these is noise whatever its ratio: a broadcast of a few hundred bytes doubling is no regression. */
const NOISE_FLOORS: Readonly<Record<Figure, number>> = { normalisedCpuTime: 0, driverPeakRssBytes: 0, shuffleBytes: 2 ** 20 };
/** The scaling exponent (of CPU time) may grow by this much (absolute) before it is a regression. */
export const EXPONENT_MARGIN = 0.15;

export type Figure = keyof typeof REGRESSION_MARGINS;

export interface BaselineScale {
  readonly scale: number;
  readonly inputBytes: number;
  readonly outputRows: number;
  readonly normalisedCpuTime: number;
  /** Wall time ÷ the calibration's wall time: shown, not compared (a shared machine's waits are in it). */
  readonly normalisedWallTime: number;
  readonly driverPeakRssBytes: number;
  readonly shuffleBytes: number;
}

export interface JobBaseline {
  readonly date: string;
  readonly cores: number;
  readonly calibrationSeconds: number;
  readonly copiesPerScale: number;
  readonly exponent?: number;
  /** What the plan review's capacity check builds on (input bytes per CPU-second, this machine). */
  readonly bytesPerSecondPerCore: number;
  readonly scales: readonly BaselineScale[];
}

export interface BaselineFile {
  readonly about: string;
  readonly jobs: Readonly<Record<string, JobBaseline>>;
}

export function baselineOf(report: PerfReport, copiesPerScale: number): JobBaseline {
  return {
    date: report.date,
    cores: report.cores,
    calibrationSeconds: round(report.calibrationSeconds),
    copiesPerScale,
    exponent: report.cpuFit ? round(report.cpuFit.exponent) : undefined,
    bytesPerSecondPerCore: Math.round(report.bytesPerSecondPerCore),
    scales: report.scales.map((s) => ({
      scale: s.scale,
      inputBytes: s.inputBytes,
      outputRows: s.outputRows,
      normalisedCpuTime: round(s.cpuSeconds / s.calibrationCpuSeconds),
      normalisedWallTime: round(s.wallSeconds / s.calibrationSeconds),
      driverPeakRssBytes: s.driverPeakRssBytes,
      shuffleBytes: s.shuffleReadBytes + s.shuffleWriteBytes,
    })),
  };
}

export interface Finding {
  readonly job: string;
  readonly scale?: number;
  readonly figure: Figure | "exponent" | "outputRows" | "scale";
  readonly baseline: number;
  readonly current: number;
  readonly message: string;
}

/** Regressions and changes of `current` against `baseline` for one job; empty when it holds. */
export function compareWithBaseline(job: string, baseline: JobBaseline, current: JobBaseline): Finding[] {
  const findings: Finding[] = [];
  if (baseline.copiesPerScale !== current.copiesPerScale) {
    return [{ job, figure: "scale", baseline: baseline.copiesPerScale, current: current.copiesPerScale, message: `${job}: measured with ${current.copiesPerScale} copies per scale, the baseline with ${baseline.copiesPerScale}; run with --copies ${baseline.copiesPerScale}` }];
  }
  for (const base of baseline.scales) {
    const now = current.scales.find((s) => s.scale === base.scale);
    if (!now) continue;
    if (now.outputRows !== base.outputRows) {
      findings.push({ job, scale: base.scale, figure: "outputRows", baseline: base.outputRows, current: now.outputRows, message: `${job} scale ${base.scale}: output rows ${base.outputRows} → ${now.outputRows}: the job's result changed, so its figures are not comparable; update the baseline if that is intended` });
      continue;
    }
    for (const figure of Object.keys(REGRESSION_MARGINS) as Figure[]) {
      const margin = REGRESSION_MARGINS[figure];
      const ratio = base[figure] === 0 ? (now[figure] === 0 ? 1 : Infinity) : now[figure] / base[figure];
      if (ratio > 1 + margin && now[figure] - base[figure] > NOISE_FLOORS[figure]) {
        findings.push({
          job,
          scale: base.scale,
          figure,
          baseline: base[figure],
          current: now[figure],
          message: `${job} scale ${base.scale}: ${figure} ${show(figure, base[figure])} → ${show(figure, now[figure])} (${Number.isFinite(ratio) ? `+${((ratio - 1) * 100).toFixed(0)}%` : "from none"}, margin ${(margin * 100).toFixed(0)}%)`,
        });
      }
    }
  }
  if (baseline.exponent !== undefined && current.exponent !== undefined && current.exponent > baseline.exponent + EXPONENT_MARGIN) {
    findings.push({ job, figure: "exponent", baseline: baseline.exponent, current: current.exponent, message: `${job}: scaling exponent ${baseline.exponent.toFixed(2)} → ${current.exponent.toFixed(2)} (margin +${EXPONENT_MARGIN})` });
  }
  return findings;
}

function show(figure: Figure, value: number): string {
  if (figure === "normalisedCpuTime") return value.toFixed(2);
  return value >= 2 ** 20 ? `${(value / 2 ** 20).toFixed(1)} MiB` : `${value} bytes`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
