/** The stage's workflow and triggers, built from the jobs' `after` in the config. */
import { TerraformStack, Testing } from "../stacks/cdktf";
import { StageWorkflow } from "../stacks/constructs/stage-workflow";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { writeTempProject } from "../testkit/temp-project";

const triggersOf = (json: Record<string, any>) => Object.values(resourcesOf(json, "aws_glue_trigger")) as any[];
const triggerNamed = (json: Record<string, any>, name: string) => triggersOf(json).find((t) => t.name === name);
/** A trigger's job references, as the names of the job resources they point at. */
const jobRefs = (entries: { job_name: string }[]) => entries.map((e) => /aws_glue_job\.job-(\w+)_job_\w+\.name/.exec(e.job_name)?.[1] ?? e.job_name);

describe("StageWorkflow in a stage", () => {
  const file = writeTempProject(chainConfig(), [SUMMARY_SCRIPT]);
  const dev = synthGlueStack(file, "dev").json;

  test("one workflow per stage, one run at a time", () => {
    expect(Object.values(resourcesOf(dev, "aws_glue_workflow"))).toEqual([
      expect.objectContaining({ name: "dev-glue-workflow", max_concurrent_runs: 1 }),
    ]);
    expect(Object.values(resourcesOf(synthGlueStack(file, "prod").json, "aws_glue_workflow"))).toEqual([expect.objectContaining({ name: "prod-glue-workflow" })]);
  });

  test("the start trigger is ON_DEMAND, starts every job with no after, and is not started by the deploy", () => {
    const start = triggerNamed(dev, "dev-glue-start");
    expect(start).toEqual(expect.objectContaining({ type: "ON_DEMAND", enabled: false, workflow_name: expect.stringMatching(/^\$\{aws_glue_workflow\..*\.name\}$/) }));
    expect(start.schedule).toBeUndefined();
    expect(jobRefs(start.actions).sort()).toEqual(["JoinLegislators", "ProcessLegislators"]);
  });

  test("each job with after has a CONDITIONAL trigger that fires when all it runs after SUCCEEDED", () => {
    const after = triggerNamed(dev, "dev-SummarizeLegislators-after");
    expect(after).toEqual(expect.objectContaining({ type: "CONDITIONAL", enabled: true }));
    expect(after.predicate.logical).toBe("AND");
    expect(after.predicate.conditions).toEqual([expect.objectContaining({ state: "SUCCEEDED", logical_operator: "EQUALS" })]);
    expect(jobRefs(after.predicate.conditions)).toEqual(["JoinLegislators"]);
    expect(jobRefs(after.actions)).toEqual(["SummarizeLegislators"]);
    expect(triggersOf(dev)).toHaveLength(2);
  });

  test("every job of the stage is in the workflow exactly once", () => {
    const started = triggersOf(dev).flatMap((t) => jobRefs(t.actions));
    expect(started.sort()).toEqual(["JoinLegislators", "ProcessLegislators", "SummarizeLegislators"]);
  });

  test("a job after several jobs waits for all of them; a schedule makes the start trigger SCHEDULED and enabled", () => {
    const config = chainConfig((c) => {
      c.jobs.SummarizeLegislators.after = ["JoinLegislators", "ProcessLegislators"];
      c.stages.prod.schedule = "cron(0 6 ? * MON-FRI *)";
    });
    const prod = synthGlueStack(writeTempProject(config, [SUMMARY_SCRIPT]), "prod").json;
    expect(jobRefs(triggerNamed(prod, "prod-SummarizeLegislators-after").predicate.conditions)).toEqual(["JoinLegislators", "ProcessLegislators"]);
    expect(triggerNamed(prod, "prod-glue-start")).toEqual(
      expect.objectContaining({ type: "SCHEDULED", schedule: "cron(0 6 ? * MON-FRI *)", enabled: true }),
    );
  });

  test("a stage without after still runs every job from its start trigger, and the workflow is built from the config alone", () => {
    const config = chainConfig((c) => {
      c.jobs.CountMemberships = { script: "count_memberships.py", after: ["SummarizeLegislators"], outputs: { output_path: "s3://{stageBucket}/output/count/" } };
    });
    const json = synthGlueStack(writeTempProject(config, [SUMMARY_SCRIPT, "count_memberships.py"]), "dev").json;
    expect(jobRefs(triggerNamed(json, "dev-CountMemberships-after").predicate.conditions)).toEqual(["SummarizeLegislators"]);
    const plain = synthGlueStack(writeTempProject(chainConfig((c) => {
      delete c.jobs.SummarizeLegislators;
    })), "dev").json;
    expect(triggersOf(plain)).toHaveLength(1);
    expect(jobRefs(triggerNamed(plain, "dev-glue-start").actions).sort()).toEqual(["JoinLegislators", "ProcessLegislators"]);
  });

  test("the construct refuses an after that names no job of the workflow, and a workflow with no first job", () => {
    const stack = () => new TerraformStack(Testing.app(), "s");
    const props = { workflowName: "w", startTriggerName: "s", afterTriggerName: (n: string) => `${n}-after`, description: "d" };
    expect(() => new StageWorkflow(stack(), "w", { ...props, jobs: [{ name: "A", glueJobName: "a", after: [] }, { name: "B", glueJobName: "b", after: ["C"] }] })).toThrow(
      "StageWorkflow: C is named in an after list but is not one of the workflow's jobs",
    );
    expect(() => new StageWorkflow(stack(), "w", { ...props, jobs: [{ name: "A", glueJobName: "a", after: ["A"] }] })).toThrow(/no job runs first/);
  });
});
