/**
 * How a job's time grows with its input: the least-squares line through (log bytes, log seconds),
 * whose slope is the exponent k of time ≈ c · bytes^k. k = 1 is linear; a join that sorts grows a
 * little faster (n log n), a job that compares every row with every other grows with k = 2.
 */

/** Above this exponent a job is flagged: time grows clearly faster than its input. */
export const ABOVE_LINEAR_EXPONENT = 1.15;

export interface ScalingPoint {
  readonly bytes: number;
  readonly seconds: number;
}

export interface ScalingFit {
  /** k in seconds ≈ coefficient · bytes^k. */
  readonly exponent: number;
  readonly coefficient: number;
  /** Share of the variance of log seconds that the line explains (1 = every point on it). */
  readonly r2: number;
  readonly aboveLinear: boolean;
}

/** The fit through two or more points of distinct sizes; throws otherwise, since no line is defined. */
export function fitScaling(points: readonly ScalingPoint[]): ScalingFit {
  const usable = points.filter((p) => p.bytes > 0 && p.seconds > 0);
  const xs = usable.map((p) => Math.log(p.bytes));
  const ys = usable.map((p) => Math.log(p.seconds));
  if (new Set(xs).size < 2) {
    throw new Error(`a scaling exponent needs at least two scales of different input sizes; got ${usable.length} usable point(s). Run with --scale 1,4,16`);
  }
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent, coefficient: Math.exp(intercept), r2, aboveLinear: exponent > ABOVE_LINEAR_EXPONENT };
}

/** Seconds the fit predicts for an input of `bytes`. */
export function predictSeconds(fit: Pick<ScalingFit, "exponent" | "coefficient">, bytes: number): number {
  return fit.coefficient * bytes ** fit.exponent;
}
