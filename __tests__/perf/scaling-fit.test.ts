import { fitScaling, predictSeconds } from "../../perf/scaling-fit";

test("a linear job has exponent 1, and the fit predicts its time", () => {
  const fit = fitScaling([1e6, 4e6, 16e6].map((bytes) => ({ bytes, seconds: bytes / 2e6 })));
  expect(fit.exponent).toBeCloseTo(1, 10);
  expect(fit.r2).toBeCloseTo(1, 10);
  expect(fit.aboveLinear).toBe(false);
  expect(predictSeconds(fit, 64e6)).toBeCloseTo(32, 6);
});

test("a quadratic job is flagged above linear", () => {
  const fit = fitScaling([1, 4, 16, 64].map((s) => ({ bytes: s * 1e6, seconds: 0.1 * s * s })));
  expect(fit.exponent).toBeCloseTo(2, 10);
  expect(fit.aboveLinear).toBe(true);
});

test("a fixed start-up cost makes a job look sublinear at small sizes", () => {
  const fit = fitScaling([1, 4, 16].map((s) => ({ bytes: s * 1e7, seconds: 10 + s })));
  expect(fit.exponent).toBeLessThan(0.5);
  expect(fit.r2).toBeLessThan(1);
});

test("least squares over noisy points", () => {
  // log2 sizes 0, 2, 4 with log2 times 0, 2.2, 3.8: slope (0*... ) = 0.95
  const fit = fitScaling([
    { bytes: 1, seconds: 1 },
    { bytes: 4, seconds: 2 ** 2.2 },
    { bytes: 16, seconds: 2 ** 3.8 },
  ]);
  expect(fit.exponent).toBeCloseTo(0.95, 10);
});

test("one size is no line", () => {
  expect(() => fitScaling([{ bytes: 5, seconds: 1 }, { bytes: 5, seconds: 2 }])).toThrow(/at least two scales of different input sizes/);
});
