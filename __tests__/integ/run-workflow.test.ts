import { findStageWorkflow } from "../../integ/discover-workflow";
import { FakeGlueAccount, serviceError } from "./fake-glue";
import { startWorkflowRun, waitForWorkflowRun } from "../../integ/run-workflow";
import { virtualClock } from "./virtual-clock";

const workflow = { name: "dev-glue-workflow", jobs: [{ name: "A" }, { name: "B", after: ["A"] }] };

describe("waitForWorkflowRun", () => {
  it.each(["COMPLETED", "STOPPED", "ERROR"])("stops polling at the final status %s, asking for the graph each time", async (status) => {
    const account = new FakeGlueAccount([], undefined, [{ ...workflow, run: [{ Status: "RUNNING" }, { Status: "STOPPING" }, { Status: status }] }]);
    const result = await waitForWorkflowRun(account.client, workflow.name, "wr_1", { maxWaitMs: 600_000, ...virtualClock() });
    expect(result).toMatchObject({ kind: "finished", run: { Status: status, WorkflowRunId: "wr_1" } });
    const polls = account.calls.filter((call) => call.command === "GetWorkflowRunCommand");
    expect(polls).toHaveLength(3);
    for (const poll of polls) expect(poll.input).toEqual({ Name: workflow.name, RunId: "wr_1", IncludeGraph: true });
  });

  it("backs off like the per-job wait and gives up at the bound with the run as last seen", async () => {
    const account = new FakeGlueAccount([], undefined, [{ ...workflow, run: [{ Status: "RUNNING" }] }]);
    const clock = virtualClock();
    const result = await waitForWorkflowRun(account.client, workflow.name, "wr_1", { maxWaitMs: 20_000, minDelayMs: 1_000, maxDelayMs: 8_000, ...clock });
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 5_000]);
    expect(result).toMatchObject({ kind: "timed-out", waitedMs: 20_000, run: { Status: "RUNNING" } });
  });
});

describe("startWorkflowRun and findStageWorkflow", () => {
  it("starts the workflow by name and returns the run id", async () => {
    const account = new FakeGlueAccount([], undefined, [workflow]);
    await expect(startWorkflowRun(account.client, workflow.name)).resolves.toBe("wr_dev-glue-workflow");
    expect(account.workflows.started).toEqual([workflow.name]);
  });

  it("finds <stage>-glue-workflow with its graph, and nothing for a stage without one", async () => {
    const account = new FakeGlueAccount([], undefined, [workflow]);
    await expect(findStageWorkflow(account.client, "dev")).resolves.toEqual({ name: "dev-glue-workflow", jobs: ["A", "B"], predecessors: { A: [], B: ["A"] } });
    expect(account.calls[0]).toEqual({ command: "GetWorkflowCommand", input: { Name: "dev-glue-workflow", IncludeGraph: true } });
    await expect(findStageWorkflow(account.client, "prod")).resolves.toBeUndefined();
  });

  it("passes on any other error, e.g. a role without glue:GetWorkflow", async () => {
    const denied = serviceError("AccessDeniedException", "not authorized to perform: glue:GetWorkflow");
    const account = new FakeGlueAccount([], undefined, [{ ...workflow, getError: denied }]);
    await expect(findStageWorkflow(account.client, "dev")).rejects.toThrow("not authorized to perform: glue:GetWorkflow");
  });
});
