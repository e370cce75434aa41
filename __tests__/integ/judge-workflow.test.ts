import { fakeWorkflowGraph, type FakeJobRunStep } from "./fake-workflow";
import { judgeWorkflowRun } from "../../integ/judge-workflow";
import type { WorkflowWaitResult } from "../../integ/run-workflow";
import { workflowJobs } from "../../integ/workflow-graph";

const spec = { name: "dev-glue-workflow", jobs: [{ name: "dev-Join" }, { name: "dev-Summarize", after: ["dev-Join"] }] };
const workflow = { name: spec.name, ...workflowJobs(fakeWorkflowGraph(spec)) };
const t = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));
const ok = (start: number, end: number): FakeJobRunStep => ({ JobRunState: "SUCCEEDED", StartedOn: t(start), CompletedOn: t(end), ExecutionTime: end - start });
const finished = (jobs: Record<string, FakeJobRunStep>, Status = "COMPLETED"): WorkflowWaitResult => ({
  kind: "finished",
  run: { Status, Graph: fakeWorkflowGraph(spec, jobs) } as never,
});
const judge = (result: WorkflowWaitResult, stageJobs = ["dev-Join", "dev-Summarize"]) =>
  judgeWorkflowRun({ stageJobs, workflow, result, maxDurationSeconds: 600 });

describe("judgeWorkflowRun", () => {
  test("passes each job that SUCCEEDED in time and started after the jobs it waits for finished", () => {
    expect(judge(finished({ "dev-Join": ok(0, 100), "dev-Summarize": ok(101, 160) }))).toEqual([
      { jobName: "dev-Join", runId: "jr_dev-Join", state: "SUCCEEDED", seconds: 100, passed: true, reason: "SUCCEEDED in 100 s" },
      { jobName: "dev-Summarize", runId: "jr_dev-Summarize", state: "SUCCEEDED", seconds: 59, passed: true, reason: "SUCCEEDED in 59 s" },
    ]);
  });

  test("fails a job that started before a job it waits for had finished, naming both times", () => {
    const [, summarize] = judge(finished({ "dev-Join": ok(0, 100), "dev-Summarize": ok(50, 160) }));
    expect(summarize).toMatchObject({
      state: "SUCCEEDED",
      passed: false,
      reason: "started at 2025-01-01T00:00:50.000Z, before dev-Join, which it waits for, finished at 2025-01-01T00:01:40.000Z",
    });
  });

  test("a job whose predecessor failed never started; its predecessor's failure is its reason", () => {
    const outcomes = judge(finished({ "dev-Join": { JobRunState: "FAILED", ErrorMessage: "boom", StartedOn: t(0), CompletedOn: t(9) } }));
    expect(outcomes).toEqual([
      expect.objectContaining({ jobName: "dev-Join", state: "FAILED", passed: false, reason: "ended FAILED: boom" }),
      { jobName: "dev-Summarize", state: "NOT_STARTED", passed: false, reason: "never started: dev-Join ended FAILED" },
    ]);
  });

  test("a job of the stage that no trigger of the workflow starts fails the test", () => {
    const outcomes = judge(finished({ "dev-Join": ok(0, 100), "dev-Summarize": ok(101, 160) }), ["dev-Join", "dev-Summarize", "dev-Orphan"]);
    expect(outcomes.find((o) => o.jobName === "dev-Orphan")).toEqual({
      jobName: "dev-Orphan",
      state: "NOT_IN_WORKFLOW",
      passed: false,
      reason: "is a job of the stage, but no trigger of dev-glue-workflow starts it",
    });
  });

  test("when the wait ends first, a running job is WAIT_TIMEOUT and one not yet started says so", () => {
    const result: WorkflowWaitResult = {
      kind: "timed-out",
      waitedMs: 120_000,
      run: { Status: "RUNNING", Graph: fakeWorkflowGraph(spec, { "dev-Join": { JobRunState: "RUNNING", StartedOn: t(0) } }) } as never,
    };
    expect(judge(result)).toEqual([
      expect.objectContaining({ jobName: "dev-Join", state: "WAIT_TIMEOUT", passed: false, reason: "still RUNNING after waiting 120 s; the run was left running" }),
      { jobName: "dev-Summarize", state: "NOT_STARTED", passed: false, reason: "not started: dev-Join was still RUNNING" },
    ]);
  });

  test("a succeeded job too slow fails as in per-job mode", () => {
    const [join] = judgeWorkflowRun({ stageJobs: ["dev-Join"], workflow, result: finished({ "dev-Join": ok(0, 700), "dev-Summarize": ok(701, 702) }), maxDurationSeconds: 600 });
    expect(join).toMatchObject({ passed: false, reason: "too slow: took 700 s, limit is under 600 s" });
  });
});
