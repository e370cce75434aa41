/**
 * `npm run job`'s error exits. Its real local Spark run is tested by the pytest suite
 * (job_scripts/tests/test_run_job.py), which already pays for a JVM.
 */
import { execFile } from "child_process";
import { loadConfig, PROJECT_DIR } from "../stacks/config";

// These exit before any JVM starts; the bound only stops a hung run.
const RUN_TIMEOUT_MS = 60_000;

interface JobRun {
  readonly status: number;
  readonly stderr: string;
}

/** What `npm run job -- ARGS` runs, without npm's own start-up. */
function npmRunJob(...args: string[]): Promise<JobRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--require", "tsx/cjs", "job_scripts/run-job.ts", ...args],
      { cwd: PROJECT_DIR, encoding: "utf-8", timeout: RUN_TIMEOUT_MS },
      (error, _stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

describe("npm run job", () => {
  let unknownJob: JobRun;
  let unknownStage: JobRun;

  // Two separate processes, mostly start-up: run them at once.
  beforeAll(async () => {
    [unknownJob, unknownStage] = await Promise.all([
      npmRunJob("NoSuchJob", "--stage", "dev"),
      npmRunJob("JoinLegislators", "--stage", "qa"),
    ]);
  });

  test("an unknown job exits 2 and lists the stage's jobs", () => {
    const jobs = Object.keys(loadConfig().stages.dev.jobs).join(", ");
    expect(unknownJob.status).toBe(2);
    expect(unknownJob.stderr).toContain(`error: unknown job "NoSuchJob" in stage dev; its jobs are: ${jobs}\n`);
  });

  test("an unknown stage exits 2 and lists the stages", () => {
    expect(unknownStage.status).toBe(2);
    expect(unknownStage.stderr).toContain('error: unknown stage "qa"; the stages are: dev, prod\n');
  });
});
