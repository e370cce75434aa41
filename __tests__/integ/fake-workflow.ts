/**
 * A scripted Glue workflow for the fake account (fake-glue.ts): its graph, built from each job's
 * `after` as the stage's triggers build it, and what each GetWorkflowRun of a run returns. The
 * emulator cannot play these: moto's workflows have no graph and their runs never start a job.
 */
import { EntityNotFoundException, type JobRun, type Node, type WorkflowGraph, type WorkflowRun } from "@aws-sdk/client-glue";

/** A job's run in one GetWorkflowRun answer; the state a plain string, so tests can write literals. */
export type FakeJobRunStep = Omit<Partial<JobRun>, "JobRunState"> & { readonly JobRunState?: string };

/** What one GetWorkflowRun returns: the run's status and the runs of the jobs started so far. */
export interface FakeWorkflowRunStep {
  readonly Status: string;
  readonly ErrorMessage?: string;
  readonly jobs?: Readonly<Record<string, FakeJobRunStep>>;
}

export interface FakeWorkflow {
  readonly name: string;
  /** The jobs the workflow's triggers start, and what each waits for. */
  readonly jobs: readonly { readonly name: string; readonly after?: readonly string[] }[];
  /** Successive GetWorkflowRun answers; the last repeats. @default every job SUCCEEDED in 100 s, one after another */
  readonly run?: readonly FakeWorkflowRunStep[];
  /** StartWorkflowRun throws this. */
  readonly startError?: Error;
  /** GetWorkflow throws this, as for a role without glue:GetWorkflow. */
  readonly getError?: Error;
  /** GetWorkflow answers without a graph, as moto does. */
  readonly noGraph?: boolean;
}

const metadata = { $metadata: {} };
const at = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

/** The graph Glue returns for the workflow: a node per job, a start trigger, a conditional trigger per waiting job. */
export function fakeWorkflowGraph(workflow: FakeWorkflow, runs: Readonly<Record<string, FakeJobRunStep>> = {}): WorkflowGraph {
  const jobNodes: Node[] = workflow.jobs.map((job) => ({
    Type: "JOB",
    Name: job.name,
    UniqueId: `job-${job.name}`,
    ...(runs[job.name] ? { JobDetails: { JobRuns: [{ Id: `jr_${job.name}`, JobName: job.name, ...runs[job.name] } as JobRun] } } : {}),
  }));
  const roots = workflow.jobs.filter((job) => !job.after?.length);
  const triggers: Node[] = [
    { Type: "TRIGGER", Name: "start", UniqueId: "trigger-start", TriggerDetails: { Trigger: { Name: "start", Type: "ON_DEMAND", Actions: roots.map((job) => ({ JobName: job.name })) } } },
    ...workflow.jobs
      .filter((job) => job.after?.length)
      .map((job): Node => ({
        Type: "TRIGGER",
        Name: `${job.name}-after`,
        UniqueId: `trigger-${job.name}`,
        TriggerDetails: {
          Trigger: {
            Name: `${job.name}-after`,
            Type: "CONDITIONAL",
            Predicate: { Logical: "AND", Conditions: job.after!.map((name) => ({ JobName: name, State: "SUCCEEDED", LogicalOperator: "EQUALS" })) },
            Actions: [{ JobName: job.name }],
          },
        },
      })),
  ];
  return { Nodes: [...jobNodes, ...triggers], Edges: [] };
}

/** Every job SUCCEEDED in 100 s, each starting a second after the last one finished. */
export function succeededOneAfterAnother(workflow: FakeWorkflow): FakeWorkflowRunStep[] {
  const jobs: Record<string, FakeJobRunStep> = {};
  workflow.jobs.forEach((job, i) => {
    jobs[job.name] = { JobRunState: "SUCCEEDED", StartedOn: at(i * 101), CompletedOn: at(i * 101 + 100), ExecutionTime: 100 };
  });
  return [{ Status: "COMPLETED", jobs }];
}

/** Answers the workflow calls of the fake account. */
export class FakeWorkflows {
  readonly started: string[] = [];
  private readonly polls = new Map<string, number>();

  constructor(private readonly workflows: readonly FakeWorkflow[]) {}

  getWorkflow(input: Record<string, unknown>) {
    const workflow = this.find(String(input.Name));
    if (workflow.getError) throw workflow.getError;
    const graph = workflow.noGraph || !input.IncludeGraph ? {} : { Graph: fakeWorkflowGraph(workflow) };
    return { Workflow: { Name: workflow.name, ...graph }, ...metadata };
  }

  startWorkflowRun(input: Record<string, unknown>) {
    const workflow = this.find(String(input.Name));
    if (workflow.startError) throw workflow.startError;
    this.started.push(workflow.name);
    return { RunId: `wr_${workflow.name}`, ...metadata };
  }

  getWorkflowRun(input: Record<string, unknown>) {
    const workflow = this.find(String(input.Name));
    const script = workflow.run ?? succeededOneAfterAnother(workflow);
    const poll = this.polls.get(workflow.name) ?? 0;
    this.polls.set(workflow.name, poll + 1);
    const step = script[Math.min(poll, script.length - 1)];
    const run = {
      Name: workflow.name,
      WorkflowRunId: String(input.RunId),
      Status: step.Status,
      ErrorMessage: step.ErrorMessage,
      ...(input.IncludeGraph ? { Graph: fakeWorkflowGraph(workflow, step.jobs) } : {}),
    } as WorkflowRun;
    return { Run: run, ...metadata };
  }

  private find(name: string): FakeWorkflow {
    const workflow = this.workflows.find((candidate) => candidate.name === name);
    if (!workflow) throw new EntityNotFoundException({ message: `Workflow ${name} not found`, ...metadata });
    return workflow;
  }
}
