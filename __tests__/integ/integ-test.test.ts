import type { IntegOptions } from "../../integ/args";
import { FAKE_ACCOUNT, FAKE_REGION, FakeGlueAccount, serviceError, type FakeJob } from "./fake-glue";
import type { FakeWorkflow } from "./fake-workflow";
import { runIntegrationTest } from "../../integ/integ-test";
import { virtualClock } from "./virtual-clock";

const options: IntegOptions = {
  account: FAKE_ACCOUNT,
  region: FAKE_REGION,
  stageName: "dev",
  maxWaitMinutes: 30,
  maxDurationSeconds: 600,
  concurrency: 10,
  mode: "auto",
};
const tagged = (name: string, stage: string, run?: FakeJob["run"]): FakeJob => ({ name, run, tags: { stack_name: `${stage}-glue` } });
const fixedClock = () => new Date("2025-01-01T00:00:00Z");

async function runTest(jobs: FakeJob[]) {
  const account = new FakeGlueAccount(jobs);
  const lines: string[] = [];
  const report = await runIntegrationTest(account.client, options, (line) => lines.push(line), {
    wait: virtualClock(),
    discover: { pageSize: 2 },
    clock: fixedClock,
  });
  return { account, report, lines };
}

describe("runIntegrationTest", () => {
  it("runs only the stage's jobs, from every page, and passes when all succeed", async () => {
    const { account, report } = await runTest([
      tagged("b-dev", "dev"),
      tagged("a-prod", "prod"),
      tagged("c-dev2", "dev2"),
      tagged("a-dev", "dev"),
      tagged("d-dev", "dev"),
    ]);
    expect(account.jobsCalledWith("StartJobRunCommand").sort()).toEqual(["a-dev", "b-dev", "d-dev"]);
    expect(report).toMatchObject({ stageName: "dev", account: FAKE_ACCOUNT, region: FAKE_REGION, passed: true, startedAt: "2025-01-01T00:00:00.000Z" });
    expect(report.outcomes.map((outcome) => outcome.jobName)).toEqual(["a-dev", "b-dev", "d-dev"]);
    expect(report.error).toBeUndefined();
  });

  it("fails the whole test when one job fails", async () => {
    const { report } = await runTest([tagged("a-dev", "dev"), tagged("b-dev", "dev", [{ JobRunState: "FAILED" }])]);
    expect(report.passed).toBe(false);
    expect(report.outcomes.map((outcome) => outcome.passed)).toEqual([true, false]);
  });

  it("reports an error, not a pass, when no job belongs to the stage", async () => {
    const { account, report } = await runTest([tagged("a-prod", "prod"), tagged("b-dev2", "dev2")]);
    expect(account.started).toEqual([]);
    expect(report.passed).toBe(false);
    expect(report.outcomes).toEqual([]);
    expect(report.error).toBe(
      `no Glue job in account ${FAKE_ACCOUNT}, region ${FAKE_REGION} is tagged stack_name=dev-glue. ` +
        "Check that the dev-glue stack is deployed and that --account, --region and --stage-name name it.",
    );
  });

  it("waits no longer than --max-wait-minutes for a stuck run", async () => {
    const clock = virtualClock();
    const account = new FakeGlueAccount([tagged("stuck-dev", "dev", [{ JobRunState: "RUNNING" }])]);
    const report = await runIntegrationTest(account.client, { ...options, maxWaitMinutes: 2 }, () => {}, { wait: clock });
    expect(report.outcomes[0]).toMatchObject({ state: "WAIT_TIMEOUT", passed: false });
    expect(clock.now()).toBe(2 * 60_000);
  });
});

describe("runIntegrationTest in workflow mode", () => {
  const stageJobs = [tagged("dev-Process", "dev"), tagged("dev-Join", "dev"), tagged("dev-Summarize", "dev")];
  const chain: FakeWorkflow = { name: "dev-glue-workflow", jobs: [{ name: "dev-Process" }, { name: "dev-Join" }, { name: "dev-Summarize", after: ["dev-Join"] }] };
  const t = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

  async function runWorkflow(workflow: FakeWorkflow, overrides: Partial<IntegOptions> = {}, clock = virtualClock()) {
    const account = new FakeGlueAccount(stageJobs, undefined, [workflow]);
    const lines: string[] = [];
    const report = await runIntegrationTest(account.client, { ...options, ...overrides }, (line) => lines.push(line), { wait: clock, clock: fixedClock });
    return { account, report, lines, clock };
  }

  it("starts one workflow run, follows it, and checks every job's state, duration and order", async () => {
    const running = { Status: "RUNNING", jobs: { "dev-Process": { JobRunState: "RUNNING", StartedOn: t(0) }, "dev-Join": { JobRunState: "RUNNING", StartedOn: t(0) } } };
    const done = {
      Status: "COMPLETED",
      jobs: {
        "dev-Process": { JobRunState: "SUCCEEDED", StartedOn: t(0), CompletedOn: t(40), ExecutionTime: 40 },
        "dev-Join": { JobRunState: "SUCCEEDED", StartedOn: t(0), CompletedOn: t(60), ExecutionTime: 60 },
        "dev-Summarize": { JobRunState: "SUCCEEDED", StartedOn: t(61), CompletedOn: t(90), ExecutionTime: 29 },
      },
    };
    const { account, report, lines } = await runWorkflow({ ...chain, run: [running, running, done] });
    expect(account.workflows.started).toEqual(["dev-glue-workflow"]);
    expect(account.started).toEqual([]); // no StartJobRun: the workflow's triggers start the jobs
    expect(report).toMatchObject({ passed: true, workflow: { name: "dev-glue-workflow", runId: "wr_dev-glue-workflow", status: "COMPLETED" } });
    expect(report.outcomes.map((o) => [o.jobName, o.state, o.seconds, o.passed])).toEqual([
      ["dev-Join", "SUCCEEDED", 60, true],
      ["dev-Process", "SUCCEEDED", 40, true],
      ["dev-Summarize", "SUCCEEDED", 29, true],
    ]);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^run: workflow dev-glue-workflow: 3 job\(s\), at most 2 one after another, waiting up to 60 min for the run/),
        "dev-glue-workflow: started run wr_dev-glue-workflow",
        "dev-glue-workflow: RUNNING (dev-Process RUNNING, dev-Join RUNNING)",
        "dev-glue-workflow: COMPLETED (dev-Process SUCCEEDED, dev-Join SUCCEEDED, dev-Summarize SUCCEEDED)",
      ]),
    );
    // A state line only when something changed: two RUNNING polls, one line.
    expect(lines.filter((line) => line.startsWith("dev-glue-workflow: RUNNING"))).toHaveLength(1);
  });

  it("fails when a job started before the job it waits for had finished", async () => {
    const early = {
      Status: "COMPLETED",
      jobs: {
        "dev-Process": { JobRunState: "SUCCEEDED", StartedOn: t(0), CompletedOn: t(40), ExecutionTime: 40 },
        "dev-Join": { JobRunState: "SUCCEEDED", StartedOn: t(0), CompletedOn: t(60), ExecutionTime: 60 },
        "dev-Summarize": { JobRunState: "SUCCEEDED", StartedOn: t(30), CompletedOn: t(90), ExecutionTime: 60 },
      },
    };
    const { report } = await runWorkflow({ ...chain, run: [early] });
    expect(report.passed).toBe(false);
    expect(report.outcomes.find((o) => o.jobName === "dev-Summarize")).toMatchObject({ passed: false, reason: expect.stringContaining("before dev-Join, which it waits for, finished") });
  });

  it("a failed job fails its own outcome and every job after it, and the run's status is reported", async () => {
    const failed = {
      Status: "COMPLETED",
      jobs: {
        "dev-Process": { JobRunState: "SUCCEEDED", StartedOn: t(0), CompletedOn: t(40), ExecutionTime: 40 },
        "dev-Join": { JobRunState: "FAILED", ErrorMessage: "AnalysisException", StartedOn: t(0), CompletedOn: t(20) },
      },
    };
    const { report } = await runWorkflow({ ...chain, run: [failed] });
    expect(report.passed).toBe(false);
    expect(report.error).toBeUndefined();
    expect(report.outcomes.filter((o) => !o.passed).map((o) => [o.jobName, o.state, o.reason])).toEqual([
      ["dev-Join", "FAILED", "ended FAILED: AnalysisException"],
      ["dev-Summarize", "NOT_STARTED", "never started: dev-Join ended FAILED"],
    ]);
  });

  it("waits no longer than --max-wait-minutes times the longest chain, and leaves the run running", async () => {
    const stuck = { Status: "RUNNING", jobs: { "dev-Join": { JobRunState: "RUNNING", StartedOn: t(0) } } };
    const { report, clock } = await runWorkflow({ ...chain, run: [stuck] }, { maxWaitMinutes: 2 });
    expect(clock.now()).toBe(2 * 2 * 60_000);
    expect(report).toMatchObject({ passed: false, workflow: { status: "WAIT_TIMEOUT" } });
    expect(report.error).toBe("workflow run wr_dev-glue-workflow of dev-glue-workflow still RUNNING after waiting 240 s; the run was left running");
  });

  it("a run that ends ERROR or STOPPED fails the test with Glue's message", async () => {
    const { report } = await runWorkflow({ ...chain, run: [{ Status: "ERROR", ErrorMessage: "Concurrent runs exceeded" }] });
    expect(report).toMatchObject({ passed: false, error: "workflow run wr_dev-glue-workflow of dev-glue-workflow ended ERROR: Concurrent runs exceeded" });
  });

  it("a workflow that cannot be started fails the test with the reason", async () => {
    const { report } = await runWorkflow({ ...chain, startError: serviceError("ConcurrentRunsExceededException", "a run is going") });
    expect(report).toMatchObject({ passed: false, outcomes: [], error: "could not start dev-glue-workflow: ConcurrentRunsExceededException: a run is going" });
  });

  it("auto runs each job on its own when no job of the workflow waits for another, or the stage has no workflow", async () => {
    const flat: FakeWorkflow = { name: "dev-glue-workflow", jobs: stageJobs.map((job) => ({ name: job.name })) };
    for (const workflows of [[flat], []]) {
      const account = new FakeGlueAccount(stageJobs, undefined, workflows);
      const report = await runIntegrationTest(account.client, options, () => {}, { wait: virtualClock() });
      expect(account.workflows.started).toEqual([]);
      expect(account.started.sort()).toEqual(["dev-Join", "dev-Process", "dev-Summarize"]);
      expect(report).toMatchObject({ passed: true });
      expect(report.workflow).toBeUndefined();
    }
  });

  it("--mode jobs never looks for the workflow; --mode workflow runs it even without dependencies, and fails without a workflow", async () => {
    const jobsOnly = new FakeGlueAccount(stageJobs, undefined, [chain]);
    await runIntegrationTest(jobsOnly.client, { ...options, mode: "jobs" }, () => {}, { wait: virtualClock() });
    expect(jobsOnly.calls.map((c) => c.command)).not.toContain("GetWorkflowCommand");
    expect(jobsOnly.started).toHaveLength(3);

    const flat = await runWorkflow({ name: "dev-glue-workflow", jobs: stageJobs.map((job) => ({ name: job.name })) }, { mode: "workflow" });
    expect(flat.account.workflows.started).toEqual(["dev-glue-workflow"]);
    expect(flat.report.passed).toBe(true);

    const none = new FakeGlueAccount(stageJobs);
    const report = await runIntegrationTest(none.client, { ...options, mode: "workflow" }, () => {}, { wait: virtualClock() });
    expect(report).toMatchObject({ passed: false, error: expect.stringMatching(/^--mode workflow, but the stage dev has no workflow in account 123456789012, region eu-west-1; deploy dev-glue, or use --mode jobs$/) });
  });

  it("a job of the stage missing from the workflow fails the test", async () => {
    const { report } = await runWorkflow({ ...chain, jobs: chain.jobs.filter((job) => job.name !== "dev-Process") });
    expect(report.outcomes.find((o) => o.jobName === "dev-Process")).toMatchObject({ state: "NOT_IN_WORKFLOW", passed: false });
    expect(report.passed).toBe(false);
  });
});
