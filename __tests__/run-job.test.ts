/**
 * `npm run job`'s error exits. Its real local Spark run is tested by the pytest suite
 * (job_scripts/tests/test_run_job.py), which already pays for a JVM.
 */
import { spawnSync } from "child_process";
import { loadConfig, PROJECT_DIR } from "../stacks/config";

// These exit before any JVM starts; the bound only stops a hung run.
const RUN_TIMEOUT_MS = 60_000;

/** What `npm run job -- ARGS` runs, without npm's own start-up. */
function npmRunJob(...args: string[]) {
  return spawnSync(process.execPath, ["--require", "tsx/cjs", "job_scripts/run-job.ts", ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf-8",
    timeout: RUN_TIMEOUT_MS,
  });
}

describe("npm run job", () => {
  test("an unknown job exits 2 and lists the stage's jobs", () => {
    const jobs = Object.keys(loadConfig().stages.dev.jobs).join(", ");

    const result = npmRunJob("NoSuchJob", "--stage", "dev");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`error: unknown job "NoSuchJob" in stage dev; its jobs are: ${jobs}\n`);
  });

  test("an unknown stage exits 2 and lists the stages", () => {
    const result = npmRunJob("JoinLegislators", "--stage", "qa");

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error: unknown stage "qa"; the stages are: dev, prod\n');
  });
});
