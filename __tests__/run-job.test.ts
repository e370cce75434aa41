/**
 * `npm run job` as a user runs it: a real local Spark run of JoinLegislators on the sample data.
 * It needs the project's .venv; without it the test fails and says how to make it.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadConfig, PROJECT_DIR } from "../stacks/config";
import { localPathFor } from "../job_scripts/local-run-args";
import { useTempDir } from "./integ/temp-dir";

const PYTHON = path.join(PROJECT_DIR, ".venv", "bin", "python");
// A JVM start and a few Spark jobs: seconds on a laptop, longer on a busy 2-core CI machine.
const SPARK_RUN_TIMEOUT_MS = 240_000;

function npmRunJob(...args: string[]) {
  return spawnSync("npm", ["run", "--silent", "job", "--", ...args], {
    cwd: PROJECT_DIR,
    encoding: "utf-8",
    timeout: SPARK_RUN_TIMEOUT_MS,
  });
}

describe("npm run job", () => {
  const tempDir = useTempDir("run-job-");

  test(
    "runs JoinLegislators of dev on local Spark and writes its Parquet output under --output-dir",
    () => {
      if (!fs.existsSync(PYTHON)) {
        throw new Error(`${PYTHON} is missing, so no job can run locally; run 'npm run setup' first`);
      }
      const outputDir = tempDir();
      const s3Output = loadConfig().stages.dev.jobs.JoinLegislators.outputs.output_path;
      const localOutput = localPathFor(s3Output, outputDir);

      const result = npmRunJob("JoinLegislators", "--stage", "dev", "--output-dir", outputDir);

      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
      expect(result.stdout).toContain("running JoinLegislators (dev) with .venv/bin/python");
      expect(result.stdout).toContain("--JOB_NAME dev-JoinLegislators");
      expect(result.stdout).toContain(`wrote 9 rows to ${localOutput}`);
      expect(result.stdout).toContain(`output written to ${localOutput} (--output_path)`);
      const written = fs.readdirSync(localOutput);
      expect(written).toContain("_SUCCESS");
      expect(written.filter((name) => name.endsWith(".parquet")).length).toBeGreaterThan(0);
    },
    SPARK_RUN_TIMEOUT_MS + 10_000,
  );

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
