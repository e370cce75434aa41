/**
 * A stage's Glue workflow, built from its jobs' `after`: one start trigger (on demand, or on the stage's
 * schedule) for the jobs that run after no other, and one conditional trigger per other job that fires
 * once every job it runs after has SUCCEEDED. Every job of the stage is in the workflow.
 */
import { Construct, GlueTrigger, GlueWorkflow } from "../cdktf";
import type { GlueJobRunState } from "../constants/glue-job-run-states";

export interface WorkflowJob {
  /** The job's name in the config, as `after` names it. */
  readonly name: string;
  /** The deployed job's name; a reference to the job resource, so that triggers are made after their jobs. */
  readonly glueJobName: string;
  /** Config names of the jobs it runs after. */
  readonly after: readonly string[];
}

export interface StageWorkflowProps {
  readonly workflowName: string;
  readonly startTriggerName: string;
  /** The name of the trigger that starts the job `name` (a job with `after`). */
  readonly afterTriggerName: (name: string) => string;
  readonly jobs: readonly WorkflowJob[];
  /** A Glue cron expression. @default none: the workflow starts on demand (StartWorkflowRun) */
  readonly schedule?: string;
  readonly description: string;
}

export class StageWorkflow extends Construct {
  readonly workflow: GlueWorkflow;
  readonly startTrigger: GlueTrigger;
  /** The conditional trigger of each job with `after`, by the job's config name. */
  readonly afterTriggers: Record<string, GlueTrigger> = {};

  constructor(scope: Construct, id: string, props: StageWorkflowProps) {
    super(scope, id);
    const glueName = new Map(props.jobs.map((job) => [job.name, job.glueJobName]));
    const glueNameOf = (name: string) => {
      const found = glueName.get(name);
      if (found === undefined) throw new Error(`StageWorkflow: ${name} is named in an after list but is not one of the workflow's jobs`);
      return found;
    };
    const roots = props.jobs.filter((job) => job.after.length === 0);
    if (roots.length === 0) throw new Error("StageWorkflow: no job runs first (every job has after); the config check refuses such a cycle");

    this.workflow = new GlueWorkflow(this, "workflow", {
      name: props.workflowName,
      description: props.description,
      // One run at a time: two runs of one chain would overwrite each other's tables.
      maxConcurrentRuns: 1,
    });
    this.startTrigger = new GlueTrigger(this, "start", {
      name: props.startTriggerName,
      workflowName: this.workflow.name,
      type: props.schedule ? "SCHEDULED" : "ON_DEMAND",
      schedule: props.schedule,
      description: props.schedule ? `Starts ${props.workflowName} on ${props.schedule} (UTC)` : `Starts ${props.workflowName} on StartWorkflowRun`,
      actions: roots.map((job) => ({ jobName: job.glueJobName })),
      // The provider starts an enabled ON_DEMAND trigger as it creates it, which would run the jobs on every
      // deploy; a SCHEDULED trigger must be enabled to fire.
      enabled: props.schedule !== undefined,
    });
    for (const job of props.jobs.filter((j) => j.after.length > 0)) {
      this.afterTriggers[job.name] = new GlueTrigger(this, `after-${job.name}`, {
        name: props.afterTriggerName(job.name),
        workflowName: this.workflow.name,
        type: "CONDITIONAL",
        description: `Starts ${job.name} once ${job.after.join(", ")} SUCCEEDED`,
        predicate: {
          logical: "AND",
          // A condition's state is a job run state (Glue's Condition structure takes JobRunState values).
          conditions: job.after.map((name) => ({ jobName: glueNameOf(name), state: "SUCCEEDED" satisfies GlueJobRunState, logicalOperator: "EQUALS" })),
        },
        actions: [{ jobName: job.glueJobName }],
        enabled: true,
      });
    }
  }
}
