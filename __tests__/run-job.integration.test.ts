/**
 * `npm run job`'s error exits, `--graph`, and a `--s3` run in the emulator. Its real local Spark runs, of one job and of a stage's
 * workflow, are tested by the pytest suite (job_scripts/tests/test_run_job.py), which already pays for a JVM.
 */
import { execFile } from "child_process";
import { loadConfig, PROJECT_DIR } from "../stacks/config";

// These exit before any JVM starts; the bound only stops a hung run.
const RUN_TIMEOUT_MS = 60_000;

interface JobRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What `npm run job -- ARGS` runs, without npm's own start-up. */
function npmRunJob(...args: string[]): Promise<JobRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--require", "tsx/cjs", "local-run/run-job.ts", ...args],
      { cwd: PROJECT_DIR, encoding: "utf-8", timeout: RUN_TIMEOUT_MS },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("npm run job", () => {
  let unknownJob: JobRun;
  let unknownStage: JobRun;
  let graph: JobRun;
  let workflowOfUnknownStage: JobRun;
  let workflowWithAJob: JobRun;

  // Separate processes, mostly start-up: run them at once.
  beforeAll(async () => {
    [unknownJob, unknownStage, graph, workflowOfUnknownStage, workflowWithAJob] = await Promise.all([
      npmRunJob("NoSuchJob", "--stage", "dev"),
      npmRunJob("JoinLegislators", "--stage", "qa"),
      npmRunJob("--graph", "--stage", "prod"),
      npmRunJob("--workflow", "--stage", "qa"),
      npmRunJob("--workflow", "JoinLegislators"),
    ]);
  });

  test("--graph prints the stage's workflow from the config and runs nothing", () => {
    const prod = loadConfig().stages.prod;
    expect(graph.status).toBe(0);
    expect(graph.stdout).toContain("prod-glue-workflow (stage prod, 3 jobs)\n");
    expect(graph.stdout).toContain("    └─▶ SummarizeLegislators  [prod-SummarizeLegislators-after: when JoinLegislators SUCCEEDED]\n");
    expect(graph.stdout).toContain(`writes table prod_glue.legislators_summary at s3://${prod.bucketName}/output/summarize_legislators/`);
    expect(graph.stdout).toContain("run order: ProcessLegislators, JoinLegislators, SummarizeLegislators\n");
    expect(graph.stdout).not.toContain("running");
  });

  test("--workflow of an unknown stage, or with a job named, exits 2 before any JVM starts", () => {
    expect(workflowOfUnknownStage).toEqual(expect.objectContaining({ status: 2, stderr: expect.stringContaining('error: unknown stage "qa"; the stages are: dev, prod\n') }));
    expect(workflowWithAJob).toEqual(
      expect.objectContaining({ status: 2, stderr: expect.stringContaining("error: --workflow takes every job of the stage; drop JoinLegislators, or drop --workflow to run one job\n") }),
    );
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

describe("npm run job -- <Job> --s3: a run as the rehearsal runs it, through S3A, as the job's role", () => {
  const S3_RUN_TIMEOUT_MS = 240_000;
  let run: JobRun;
  beforeAll(async () => {
    run = await new Promise((resolve) =>
      execFile(process.execPath, ["--require", "tsx/cjs", "local-run/run-job.ts", "ProcessLegislators", "--s3"], { cwd: PROJECT_DIR, encoding: "utf-8", timeout: S3_RUN_TIMEOUT_MS }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
  }, S3_RUN_TIMEOUT_MS + 10_000);

  test("the run succeeds as the synthesized role, and its S3 actions and folder are printed", () => {
    expect(run.stderr).not.toContain("error:");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^dev-ProcessLegislators SUCCEEDED in \d+ s$/m);
    expect(run.stdout).toMatch(/^S3 through s3a as arn:aws:iam::\d{12}:role\/glue-job-dev-ProcessLegislators: s3:DeleteObject \d+, s3:GetObject \d+, s3:ListBucket \d+, s3:PutObject \d+$/m);
    expect(run.stdout).toMatch(/^run folder \(script output, stderr.log, s3-calls.json\): .+\/glue-runs\/dev-ProcessLegislators\/jr_\w+$/m);
  });

  test("--s3 with local folders or with --workflow is refused before anything starts", async () => {
    const [folders, workflow] = await Promise.all([npmRunJob("ProcessLegislators", "--s3", "--output-dir", "x"), npmRunJob("--workflow", "--s3")]);
    expect([folders.status, folders.stderr.trim()]).toEqual([2, "error: --s3 reads and writes the emulator's S3; drop --local-data and --output-dir"]);
    expect([workflow.status, workflow.stderr.trim()]).toEqual([2, "error: --s3 runs one job; drop --workflow"]);
  });
});
