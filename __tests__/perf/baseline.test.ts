/** The regression check of npm run bench: a slowed transform, more memory or more shuffle is named; noise and gains are not. */
import { compareWithBaseline, type JobBaseline } from "../../perf/baseline";

/** Figures as JoinLegislators' baseline holds them (normalised CPU time = CPU ÷ the calibration's CPU). */
const baseline: JobBaseline = {
  date: "2026-12-03T08:00:00.000Z",
  cores: 2,
  calibrationSeconds: 2.5,
  copiesPerScale: 1000,
  exponent: 0.62,
  bytesPerSecondPerCore: 2_000_000,
  scales: [
    { scale: 1, inputBytes: 9_867_164, outputRows: 9000, normalisedCpuTime: 4.0, normalisedWallTime: 4.0, driverPeakRssBytes: 1_100_000_000, shuffleBytes: 236 },
    { scale: 4, inputBytes: 39_468_656, outputRows: 36000, normalisedCpuTime: 6.0, normalisedWallTime: 6.0, driverPeakRssBytes: 1_200_000_000, shuffleBytes: 236 },
    { scale: 16, inputBytes: 157_874_624, outputRows: 144000, normalisedCpuTime: 14.0, normalisedWallTime: 14.0, driverPeakRssBytes: 1_300_000_000, shuffleBytes: 50_000_000 },
  ],
};

function run(change: (scale: JobBaseline["scales"][number]) => Partial<JobBaseline["scales"][number]>, extra: Partial<JobBaseline> = {}): JobBaseline {
  return { ...baseline, ...extra, scales: baseline.scales.map((s) => ({ ...s, ...change(s) })) };
}

test("the same figures hold", () => {
  expect(compareWithBaseline("JoinLegislators", baseline, baseline)).toEqual([]);
});

test("a transform slowed by half again is a time regression, named by job, scale and figure", () => {
  // What a deliberately slowed join measured: each scale 1.5x the baseline's normalised time.
  const slowed = run((s) => ({ normalisedCpuTime: s.normalisedCpuTime * 1.5 }));
  const findings = compareWithBaseline("JoinLegislators", baseline, slowed);
  expect(findings.map((f) => [f.job, f.scale, f.figure])).toEqual([
    ["JoinLegislators", 1, "normalisedCpuTime"],
    ["JoinLegislators", 4, "normalisedCpuTime"],
    ["JoinLegislators", 16, "normalisedCpuTime"],
  ]);
  expect(findings[2].message).toBe("JoinLegislators scale 16: normalisedCpuTime 14.00 → 21.00 (+50%, margin 30%)");
});

test("a transform slowed only at the largest scale is a regression of that scale and of the exponent", () => {
  const findings = compareWithBaseline("JoinLegislators", baseline, run((s) => (s.scale === 16 ? { normalisedCpuTime: 28 } : {}), { exponent: 0.95 }));
  expect(findings.map((f) => `${f.scale ?? "-"} ${f.figure}`)).toEqual(["16 normalisedCpuTime", "- exponent"]);
});

test("within the margin, or faster, is no regression", () => {
  expect(compareWithBaseline("JoinLegislators", baseline, run((s) => ({ normalisedCpuTime: s.normalisedCpuTime * 1.25 })))).toEqual([]);
  expect(compareWithBaseline("JoinLegislators", baseline, run((s) => ({ normalisedCpuTime: s.normalisedCpuTime / 2, driverPeakRssBytes: 1 })))).toEqual([]);
});

test("more memory or more shuffle than the margin is a regression of that figure", () => {
  const findings = compareWithBaseline("JoinLegislators", baseline, run((s) => ({ driverPeakRssBytes: s.driverPeakRssBytes * 1.3, shuffleBytes: s.shuffleBytes * 2 })));
  expect(findings.map((f) => `${f.scale} ${f.figure}`)).toEqual(["1 driverPeakRssBytes", "4 driverPeakRssBytes", "16 driverPeakRssBytes", "16 shuffleBytes"]);
});

test("shuffle growth counts only past a MiB", () => {
  const zero = run(() => ({ shuffleBytes: 0 }));
  expect(compareWithBaseline("JoinLegislators", zero, run(() => ({ shuffleBytes: 500 })))).toEqual([]);
  expect(compareWithBaseline("JoinLegislators", zero, run(() => ({ shuffleBytes: 5 * 2 ** 20 })))[0].message).toMatch(/shuffleBytes 0 bytes → 5.0 MiB \(from none/);
});

test("changed output rows make a scale incomparable, not a regression of its time", () => {
  const findings = compareWithBaseline("JoinLegislators", baseline, run((s) => (s.scale === 1 ? { outputRows: 8000, normalisedCpuTime: 40 } : {})));
  expect(findings).toHaveLength(1);
  expect(findings[0].message).toMatch(/scale 1: output rows 9000 → 8000: the job's result changed/);
});

test("a run of other data sizes is not compared", () => {
  const findings = compareWithBaseline("JoinLegislators", baseline, run(() => ({}), { copiesPerScale: 10 }));
  expect(findings.map((f) => f.message)).toEqual(["JoinLegislators: measured with 10 copies per scale, the baseline with 1000; run with --copies 1000"]);
});
