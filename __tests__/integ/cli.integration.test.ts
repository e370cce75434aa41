/**
 * The CLI end to end against moto: once as the pipeline runs it (a subprocess), and in-process with a
 * fast poll for the failure exits, against moto
 * speaking the real Glue and STS protocols. moto answers GetTags only for the
 * ARN with its own account (123456789012), and ends every run SUCCEEDED with
 * ExecutionTime 123; a manual transition makes each GetJobRun advance the run
 * one state, so the CLI really polls through RUNNING.
 *
 * Workflows: moto stores a workflow and its triggers, starts a workflow run and answers GetWorkflowRun,
 * but its GetWorkflow and GetWorkflowRun return no graph, its triggers never start a job, and its runs
 * stay RUNNING. So here: discovery, StartWorkflowRun and GetWorkflowRun over the wire, and what the CLI
 * makes of a workflow without a graph; the verdicts on a run's jobs are tested with the injected
 * client (integ-test.test.ts, judge-workflow.test.ts), and the rehearsal's launcher plays the runs.
 */
import { CreateJobCommand, CreateTriggerCommand, CreateWorkflowCommand, GetJobRunsCommand, GetWorkflowRunsCommand, GlueClient } from "@aws-sdk/client-glue";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../integ/cli";
import { createGlueClient } from "../../integ/clients";
import { discoverStageJobs } from "../../integ/discover-jobs";
import { findStageWorkflow } from "../../integ/discover-workflow";
import { MOTO_ACCOUNT, startMotoServer, type MotoServer } from "../../rehearsal/emulator/moto-server";

const REGION = "eu-west-1";
const REPO_ROOT = join(__dirname, "..", "..");
const DUMMY_CREDENTIALS = { accessKeyId: "testing", secretAccessKey: "testing" };
const JOBS_BY_STACK: Record<string, string[]> = {
  "dev-glue": ["dev-ProcessLegislators", "dev-JoinLegislators"],
  "prod-glue": ["prod-ProcessLegislators", "prod-JoinLegislators"],
  "dev2-glue": ["dev2-ProcessLegislators"],
  "wf-glue": ["wf-JoinLegislators", "wf-SummarizeLegislators"],
};
const WORKFLOW = "wf-glue-workflow";
const UNTAGGED_JOB = "scratch";

/** Dummy credentials for the in-process runs, as the subprocess gets them. */
const TEST_ENV: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: "testing",
  AWS_SECRET_ACCESS_KEY: "testing",
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_CONFIG_FILE: "/nonexistent",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  AWS_EC2_METADATA_DISABLED: "true",
};

/** The CLI's `main` in this process, polling every 10 ms instead of backing off from 1 s. */
async function runCliInProcess(args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {}, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    createGlue: (options) => createGlueClient(options),
    overrides: { wait: { minDelayMs: 10, maxDelayMs: 10 } },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node --require tsx/cjs integ/cli.ts ...` (what `npm run integ` runs, without npx) with dummy credentials and nothing from the caller's AWS config. */
function runCliProcess(args: string[], timeoutMs = 60_000): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
    NODE_NO_WARNINGS: "1",
  };
  for (const name of ["AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"]) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", "tsx/cjs", "integ/cli.ts", ...args], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the CLI did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("integ CLI against the moto emulator", () => {
  let moto: MotoServer | undefined;
  let glue: GlueClient;
  let dir: string;
  const stageArgs = (stage: string) => ["--account", MOTO_ACCOUNT, "--region", REGION, "--stage-name", stage, "--endpoint-url", moto!.endpoint];
  const runIdsOf = async (jobName: string) =>
    ((await glue.send(new GetJobRunsCommand({ JobName: jobName }))).JobRuns ?? []).map((run) => run.Id);

  const savedEnv = Object.fromEntries(Object.keys(TEST_ENV).map((name) => [name, process.env[name]]));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };

  beforeAll(async () => {
    setEnv(TEST_ENV);
    dir = await mkdtemp(join(tmpdir(), "integ-emulator-"));
    moto = await startMotoServer();
    glue = new GlueClient({ region: REGION, endpoint: moto.endpoint, credentials: DUMMY_CREDENTIALS });
    const jobs = Object.entries(JOBS_BY_STACK).flatMap(([stack, names]) => names.map((name) => ({ name, stack })));
    for (const { name, stack } of [...jobs, { name: UNTAGGED_JOB, stack: undefined }]) {
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: `arn:aws:iam::${MOTO_ACCOUNT}:role/glue-job`,
          Command: { Name: "glueetl", PythonVersion: "3", ScriptLocation: `s3://scripts/${name}.py` },
          Tags: stack ? { stack_name: stack, environment: stack.replace(/-glue$/, "") } : undefined,
        }),
      );
    }
    // The stage wf chained as GlueAppStack chains it: a start trigger, and one that waits for JoinLegislators.
    await glue.send(new CreateWorkflowCommand({ Name: WORKFLOW, MaxConcurrentRuns: 1 }));
    await glue.send(new CreateTriggerCommand({ Name: "wf-glue-start", WorkflowName: WORKFLOW, Type: "ON_DEMAND", Actions: [{ JobName: "wf-JoinLegislators" }] }));
    await glue.send(
      new CreateTriggerCommand({
        Name: "wf-SummarizeLegislators-after",
        WorkflowName: WORKFLOW,
        Type: "CONDITIONAL",
        StartOnCreation: true,
        Predicate: { Logical: "AND", Conditions: [{ JobName: "wf-JoinLegislators", State: "SUCCEEDED", LogicalOperator: "EQUALS" }] },
        Actions: [{ JobName: "wf-SummarizeLegislators" }],
      }),
    );
    await moto.setTransition("glue::job_run", { progression: "manual", times: 1 });
  }, 60_000);

  afterAll(async () => {
    setEnv(savedEnv);
    glue?.destroy();
    await moto?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("finds the stage's jobs across GetJobs pages over the wire", async () => {
    const found = await discoverStageJobs(glue, { account: MOTO_ACCOUNT, region: REGION, stageName: "dev" }, () => {}, { pageSize: 2 });
    expect(found).toEqual([...JOBS_BY_STACK["dev-glue"]].sort());
  });

  it("runs exactly the dev stage's jobs through an assumed role, and reports them", async () => {
    const report = join(dir, "report.json");
    const run = await runCliProcess([...stageArgs("dev"), "--role-arn", `arn:aws:iam::${MOTO_ACCOUNT}:role/glue-test-dev`, "--report", report]);
    expect({ code: run.code, errors: run.stderr.match(/^integ: .*/gm) }).toEqual({ code: 0, errors: null });

    const devJobs = [...JOBS_BY_STACK["dev-glue"]].sort();
    for (const job of devJobs) {
      expect(run.stdout).toContain(`${job}: started run jr_`);
      expect(run.stdout).toContain(`${job}: RUNNING`);
      expect(run.stdout).toMatch(new RegExp(`^${job} +jr_[0-9a-f]+ +SUCCEEDED +123 +PASS$`, "m"));
    }
    expect(run.stdout).toContain("2 of 2 job(s) passed");

    const written = JSON.parse(await readFile(report, "utf8"));
    expect(written).toMatchObject({ reportVersion: 1, stageName: "dev", account: MOTO_ACCOUNT, region: REGION, passed: true });
    expect(written.outcomes.map((outcome: { jobName: string }) => outcome.jobName)).toEqual(devJobs);
    for (const outcome of written.outcomes) {
      expect(outcome).toMatchObject({ state: "SUCCEEDED", seconds: 123, passed: true });
      expect(await runIdsOf(outcome.jobName)).toEqual([outcome.runId]);
    }
    for (const other of [...JOBS_BY_STACK["prod-glue"], ...JOBS_BY_STACK["dev2-glue"], UNTAGGED_JOB]) {
      expect(await runIdsOf(other)).toEqual([]);
    }
  });

  it("exits 1 with an erroring JUnit report when no job belongs to the stage", async () => {
    const report = join(dir, "junit.xml");
    const run = await runCliInProcess([...stageArgs("qa"), "--report", report]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no Glue job in account 123456789012, region eu-west-1 is tagged stack_name=qa-glue");
    expect(await readFile(report, "utf8")).toContain('<error message="no Glue job in account');
  });

  it("exits 1 when the runs succeed but slower than --max-duration-seconds", async () => {
    const run = await runCliInProcess([...stageArgs("prod"), "--max-duration-seconds", "100"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("prod-JoinLegislators: too slow: took 123 s, limit is under 100 s");
  });

  it("exits 3 before touching Glue when the credentials are for another account", async () => {
    const run = await runCliInProcess(["--account", "111111111111", "--region", REGION, "--stage-name", "dev2", "--endpoint-url", moto!.endpoint]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("the credentials are for account 123456789012");
    expect(await runIdsOf("dev2-ProcessLegislators")).toEqual([]);
  });

  it("finds the stage's workflow over the wire, without the graph moto does not return, and none for a stage without one", async () => {
    await expect(findStageWorkflow(glue, "wf")).resolves.toEqual({ name: WORKFLOW, jobs: [], predecessors: {} });
    await expect(findStageWorkflow(glue, "dev2")).resolves.toBeUndefined();
  });

  it("auto mode runs each job on its own where the workflow's graph shows no job waiting for another", async () => {
    const run = await runCliInProcess(stageArgs("wf"));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 of 2 job(s) passed");
    expect((await glue.send(new GetWorkflowRunsCommand({ Name: WORKFLOW }))).Runs ?? []).toEqual([]);
  });

  it("--mode workflow starts one workflow run and follows it until the bound, as moto's run never ends", async () => {
    const report = join(dir, "workflow.json");
    const before = await Promise.all(JOBS_BY_STACK["wf-glue"].map(runIdsOf));
    const run = await runCliInProcess([...stageArgs("wf"), "--mode", "workflow", "--max-wait-minutes", "0.001", "--report", report]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`^${WORKFLOW}: started run wr_[0-9a-f]+$`, "m"));
    expect(run.stdout).toContain(`${WORKFLOW}: RUNNING`);
    expect(run.stderr).toMatch(new RegExp(`integ: workflow run wr_[0-9a-f]+ of ${WORKFLOW} still RUNNING after waiting 0 s; the run was left running`));
    const written = JSON.parse(await readFile(report, "utf8"));
    expect(written).toMatchObject({ passed: false, workflow: { name: WORKFLOW, status: "WAIT_TIMEOUT" } });
    // With no graph, no job is known to be in the workflow: each one of the stage fails as such.
    expect(written.outcomes.map((o: { jobName: string; state: string }) => [o.jobName, o.state])).toEqual([
      ["wf-JoinLegislators", "NOT_IN_WORKFLOW"],
      ["wf-SummarizeLegislators", "NOT_IN_WORKFLOW"],
    ]);
    const runs = (await glue.send(new GetWorkflowRunsCommand({ Name: WORKFLOW }))).Runs ?? [];
    expect(runs.map((r) => [r.WorkflowRunId, r.Status])).toEqual([[written.workflow.runId, "RUNNING"]]);
    // moto's triggers start nothing: no job ran in the workflow run.
    expect(await Promise.all(JOBS_BY_STACK["wf-glue"].map(runIdsOf))).toEqual(before);
  });

  it("--mode workflow for a stage without a workflow exits 1, naming it", async () => {
    const run = await runCliInProcess([...stageArgs("dev2"), "--mode", "workflow"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--mode workflow, but the stage dev2 has no workflow in account 123456789012, region eu-west-1");
  });
});
