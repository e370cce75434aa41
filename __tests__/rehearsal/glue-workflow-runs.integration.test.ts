/**
 * The launcher's glue_workflow_runs patch (gap glue-workflow-runs) against the real launcher: a stage's
 * workflow, made as GlueAppStack makes it, is run by the integration test in workflow mode, and each job
 * starts only once the jobs it waits for SUCCEEDED. And the launcher's inventory, which the rehearsal's
 * tear-down checks, sees workflows, triggers and databases.
 */
import { CreateDatabaseCommand, CreateJobCommand, CreateTriggerCommand, CreateWorkflowCommand, GetWorkflowRunCommand, GlueClient } from "@aws-sdk/client-glue";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IntegOptions } from "../../integ/args";
import { runIntegrationTest } from "../../integ/integ-test";
import { startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";
import { projectResourcesLeft } from "../../rehearsal/emulator/emulator-inventory";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";

describe("glue_workflow_runs: a workflow run plays its triggers", () => {
  let emulator: Emulator;
  let workDir: string;
  let glue: GlueClient;
  const options: IntegOptions = { account: ACCOUNT, region: REGION, stageName: "wf", maxWaitMinutes: 1, maxDurationSeconds: 600, concurrency: 10, mode: "auto" };
  const fastPoll = { minDelayMs: 20, maxDelayMs: 20 };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "glue-workflow-runs-test-"));
    emulator = await startEmulator({ workDir });
    const agent = new Agent({ ca: readFileSync(emulator.caBundle) });
    glue = new GlueClient({ region: REGION, endpoint: emulator.endpoint, credentials: await emulator.adminCredentials(ACCOUNT), requestHandler: new NodeHttpHandler({ httpsAgent: agent }) });
    for (const name of ["wf-Process", "wf-Join", "wf-Summarize", "idle-Join", "idle-Summarize"]) {
      await glue.send(
        new CreateJobCommand({
          Name: name,
          Role: `arn:aws:iam::${ACCOUNT}:role/glue-job`,
          Command: { Name: "glueetl", ScriptLocation: "s3://b/s.py" },
          Tags: { stack_name: `${name.split("-")[0]}-glue` },
        }),
      );
    }
    const chain = async (workflow: string, prefix: string, roots: string[], activate: boolean) => {
      await glue.send(new CreateWorkflowCommand({ Name: workflow, MaxConcurrentRuns: 1 }));
      await glue.send(new CreateTriggerCommand({ Name: `${prefix}-start`, WorkflowName: workflow, Type: "ON_DEMAND", Actions: roots.map((JobName) => ({ JobName })) }));
      await glue.send(
        new CreateTriggerCommand({
          Name: `${prefix}-Summarize-after`,
          WorkflowName: workflow,
          Type: "CONDITIONAL",
          StartOnCreation: activate,
          Predicate: { Logical: "AND", Conditions: [{ JobName: `${prefix}-Join`, State: "SUCCEEDED", LogicalOperator: "EQUALS" }] },
          Actions: [{ JobName: `${prefix}-Summarize` }],
        }),
      );
    };
    await chain("wf-glue-workflow", "wf", ["wf-Process", "wf-Join"], true);
    await chain("idle-glue-workflow", "idle", ["idle-Join"], false);
  }, 60_000);

  afterAll(async () => {
    glue?.destroy();
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("the integration test finds the graph, starts one run, and every job runs after the jobs it waits for", async () => {
    const lines: string[] = [];
    const report = await runIntegrationTest(glue, options, (line) => lines.push(line), { wait: fastPoll });
    expect(report).toMatchObject({ passed: true, workflow: { name: "wf-glue-workflow", status: "COMPLETED" } });
    expect(report.outcomes.map((o) => [o.jobName, o.state, o.passed])).toEqual([
      ["wf-Join", "SUCCEEDED", true],
      ["wf-Process", "SUCCEEDED", true],
      ["wf-Summarize", "SUCCEEDED", true],
    ]);
    // Seen RUNNING with the first wave only, before the conditional trigger fired.
    expect(lines).toContain("wf-glue-workflow: RUNNING (wf-Process SUCCEEDED, wf-Join SUCCEEDED)");
    const { Run: run } = await glue.send(new GetWorkflowRunCommand({ Name: "wf-glue-workflow", RunId: report.workflow!.runId }));
    expect(run?.Statistics).toMatchObject({ TotalActions: 3, SucceededActions: 3, FailedActions: 0, RunningActions: 0 });
    expect(run?.CompletedOn).toBeInstanceOf(Date);
  });

  test("the inventory the tear-down checks sees the workflows, their triggers and a database", async () => {
    await glue.send(new CreateDatabaseCommand({ DatabaseInput: { Name: "wf_glue" } }));
    const left = await projectResourcesLeft(emulator, [{ accountId: ACCOUNT, region: REGION }]);
    const glueItems = left.filter((r) => r.service === "glue" && r.type !== "job").map((r) => `${r.type} ${r.name}`);
    expect(glueItems.sort()).toEqual([
      "database wf_glue",
      "trigger idle-Summarize-after",
      "trigger idle-start",
      "trigger wf-Summarize-after",
      "trigger wf-start",
      "workflow idle-glue-workflow",
      "workflow wf-glue-workflow",
    ]);
  });

  test("a conditional trigger that was never activated does not fire, so its job never starts", async () => {
    const report = await runIntegrationTest(glue, { ...options, stageName: "idle" }, () => {}, { wait: fastPoll });
    expect(report.workflow?.status).toBe("COMPLETED");
    expect(report.outcomes.find((o) => o.jobName === "idle-Summarize")).toMatchObject({
      state: "NOT_STARTED",
      passed: false,
      reason: "never started, although the jobs it waits for SUCCEEDED (workflow run COMPLETED)",
    });
  });
});
