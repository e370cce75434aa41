import { estimateCapacity, judgeWorkers } from "../../perf/capacity-estimate";
import { GLUE_START_UP_SECONDS } from "../../perf/glue-facts";

const measured = { bytesPerSecondPerCore: 1e6, exponent: 1 };

test("workers: the work in core-seconds over the time left after start-up, per worker's vCPUs, plus the driver", () => {
  // 40 GB at 1 MB/s per core x 1.5 = 60,000 core-seconds; 840 s left of 15 min; 4 vCPUs a G.1X worker.
  const estimate = estimateCapacity({ volumePerRunBytes: 40e9, deadlineSeconds: 900, safetyFactor: 1.5 }, measured, "G.1X", "STANDARD");
  expect(GLUE_START_UP_SECONDS).toBe(60);
  expect(estimate.coreSeconds).toBe(60000);
  expect(estimate.workers).toBe(Math.ceil(60000 / 840 / 4) + 1);
  expect(estimate.workers).toBe(19);
  // 18 executors x 4 vCPUs do the work in 833 s, plus start-up: 893 s, within the deadline.
  expect(estimate.runSeconds).toBeCloseTo(60 + 60000 / 72, 6);
  expect(estimate.runSeconds!).toBeLessThanOrEqual(900);
  expect(estimate.dpuHours).toBeCloseTo((19 * 893.333) / 3600, 3);
  expect(estimate.usdPerRun).toBeCloseTo(estimate.dpuHours! * 0.44, 10);
  expect(estimate.notes).toEqual([]);
});

test("a larger worker needs fewer of them, at the same DPUs", () => {
  const g2 = estimateCapacity({ volumePerRunBytes: 40e9, deadlineSeconds: 900, safetyFactor: 1.5 }, measured, "G.2X", "STANDARD");
  expect(g2.workers).toBe(Math.ceil(60000 / 840 / 8) + 1);
});

test("a small volume still takes Glue's 2 workers, billed with their start-up", () => {
  const estimate = estimateCapacity({ volumePerRunBytes: 1e6, deadlineSeconds: 900, safetyFactor: 1 }, measured, "G.1X", "FLEX");
  expect(estimate.workers).toBe(2);
  // 1 core-second on one executor of 4 vCPUs, after 60 s of start-up.
  expect(estimate.dpuHours).toBeCloseTo((2 * 60.25) / 3600, 10);
  expect(estimate.usdPerRun).toBeCloseTo(estimate.dpuHours! * 0.29, 10);
  expect(estimate.notes).toEqual(["FLEX runs may start late; a deadline is only as safe as the start"]);
});

test("a deadline within Glue's start-up cannot be met by any number of workers", () => {
  const estimate = estimateCapacity({ volumePerRunBytes: 1e9, deadlineSeconds: 45, safetyFactor: 1.5 }, measured, "G.1X", "STANDARD");
  expect(estimate.workers).toBeUndefined();
  expect(judgeWorkers(10, estimate)).toBe("impossible");
  expect(estimate.notes.join()).toMatch(/not longer than Glue's start-up allowance \(60 s\)/);
});

test("growth above linear is noted: the linear estimate is optimistic", () => {
  const estimate = estimateCapacity({ volumePerRunBytes: 1e9, deadlineSeconds: 900, safetyFactor: 1.5 }, { bytesPerSecondPerCore: 1e6, exponent: 1.4 }, "G.1X", "STANDARD");
  expect(estimate.notes).toEqual([expect.stringMatching(/input\^1.40 locally: above linear/)]);
});

test("declared workers: short under the estimate, oversized over 4x it", () => {
  const estimate = estimateCapacity({ volumePerRunBytes: 40e9, deadlineSeconds: 900, safetyFactor: 1.5 }, measured, "G.1X", "STANDARD");
  expect(judgeWorkers(4, estimate)).toBe("short");
  expect(judgeWorkers(19, estimate)).toBe("fits");
  expect(judgeWorkers(76, estimate)).toBe("fits");
  expect(judgeWorkers(77, estimate)).toBe("oversized");
});
