/** The plan review's capacity lines: the estimate of each job with capacity, and the warnings on its declared workers. */
import { loadConfig } from "../../stacks/config";
import { capacityReview, formatCapacityReview } from "../../review/capacity-review";
import type { BaselineFile } from "../../perf/baseline";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

type Json = Record<string, any>;

/** JoinLegislators measured at 1 MB/s per core: 40 GB in 15 min with a 1.5 safety factor needs 19 G.1X workers. */
const baseline: BaselineFile = {
  about: "fixture",
  jobs: { JoinLegislators: { date: "2026-12-03T08:00:00.000Z", cores: 2, calibrationSeconds: 2, copiesPerScale: 1000, exponent: 1, bytesPerSecondPerCore: 1e6, scales: [] } },
};

function configWith(change: (config: Json) => void) {
  const config = baseConfig();
  config.jobs.JoinLegislators.capacity = { volumePerRun: "40 GB", deadline: "15m" };
  change(config);
  return loadConfig(writeTempProject(config));
}

test("fewer workers than the estimate is a warning naming stage, job, estimate and declared workers", () => {
  const review = capacityReview(configWith((c) => (c.stages.prod.jobs = { JoinLegislators: { numberOfWorkers: 4 } })), baseline);
  expect(review.warnings).toEqual([
    expect.stringMatching(/^WARNING dev JoinLegislators \(40 GB a run, within 15m\): needs about 19 G.1X workers, [\d.]+ DPU-hours, \$[\d.]+ a run; 2 G.1X declared, fewer than the estimate: the deadline would be missed$/),
    expect.stringMatching(/^WARNING prod JoinLegislators .*; 4 G.1X declared, fewer than the estimate/),
  ]);
});

test("only the planned stages' jobs are reviewed", () => {
  const review = capacityReview(configWith(() => {}), baseline, ["pipeline", "prod-glue"]);
  expect(review.lines).toEqual([expect.stringMatching(/^WARNING prod JoinLegislators/)]);
});

test("workers that fit are a plain line; more than 4x the estimate is a warning", () => {
  const review = capacityReview(
    configWith((c) => {
      c.jobs.JoinLegislators.numberOfWorkers = 20;
      c.stages.prod.jobs = { JoinLegislators: { numberOfWorkers: 80 } };
    }),
    baseline,
  );
  expect(review.lines[0]).toMatch(/^dev JoinLegislators .*; 20 G.1X declared, which fits$/);
  expect(review.warnings).toEqual([expect.stringMatching(/^WARNING prod JoinLegislators .*; 80 G.1X declared, more than 4x the estimate: paid for and idle$/)]);
});

test("a deadline shorter than Glue's start-up is a warning; a job never measured says how to measure it", () => {
  const review = capacityReview(configWith((c) => (c.jobs.JoinLegislators.capacity = { volumePerRun: "1 GB", deadline: "30s" })), baseline);
  expect(review.warnings[0]).toMatch(/WARNING dev JoinLegislators .*not longer than Glue's start-up allowance \(60 s\); no number of workers meets it/);
  const unmeasured = capacityReview(configWith(() => {}), { about: "", jobs: {} });
  expect(unmeasured.lines[0]).toBe("dev JoinLegislators (40 GB a run, within 15m): no measured throughput in perf/baseline.json; run npm run perf -- --job JoinLegislators --update-baseline");
  expect(unmeasured.warnings).toEqual([]);
});

test("no job with capacity, no section", () => {
  const review = capacityReview(loadConfig(writeTempProject(baseConfig())), baseline);
  expect(review.lines).toEqual([]);
  expect(formatCapacityReview(review, baseline)).toBe("");
});
