/**
 * A Glue workflow's graph (GetWorkflow / GetWorkflowRun with IncludeGraph) as the integration test
 * needs it: the workflow's jobs, and for each job the jobs it waits for. A job is started by a trigger:
 * the workflow's start trigger (ON_DEMAND, SCHEDULED) starts it at once; a CONDITIONAL trigger once
 * the jobs of its conditions reached their states.
 */
import type { JobRun, WorkflowGraph } from "@aws-sdk/client-glue";

export interface WorkflowJobs {
  /** Every job of the graph, in the order the graph lists them. */
  readonly jobs: readonly string[];
  /** The jobs each job waits for (empty for a job the start trigger starts). */
  readonly predecessors: Readonly<Record<string, readonly string[]>>;
}

/** The jobs of a graph and what each waits for. An empty or absent graph has no jobs. */
export function workflowJobs(graph: WorkflowGraph | undefined): WorkflowJobs {
  const jobs: string[] = [];
  const predecessors: Record<string, string[]> = {};
  const add = (name: string | undefined) => {
    if (name && !jobs.includes(name)) {
      jobs.push(name);
      predecessors[name] ??= [];
    }
  };
  for (const node of graph?.Nodes ?? []) if (node.Type === "JOB") add(node.Name);
  for (const node of graph?.Nodes ?? []) {
    const trigger = node.Type === "TRIGGER" ? node.TriggerDetails?.Trigger : undefined;
    if (!trigger) continue;
    const waitsFor = trigger.Type === "CONDITIONAL" ? (trigger.Predicate?.Conditions ?? []).map((c) => c.JobName).filter((n): n is string => !!n) : [];
    for (const action of trigger.Actions ?? []) {
      if (!action.JobName) continue;
      add(action.JobName);
      predecessors[action.JobName] = [...new Set([...predecessors[action.JobName], ...waitsFor])];
    }
  }
  return { jobs, predecessors };
}

/** Whether any job waits for another: then the workflow, not each job alone, is what the stage runs. */
export function hasDependencies(workflow: WorkflowJobs): boolean {
  return Object.values(workflow.predecessors).some((list) => list.length > 0);
}

/** Each job's run in a workflow run's graph; a retried job's last attempt. */
export function jobRunsOf(graph: WorkflowGraph | undefined): Record<string, JobRun> {
  const runs: Record<string, JobRun> = {};
  for (const node of graph?.Nodes ?? []) {
    if (node.Type !== "JOB" || !node.Name) continue;
    const all = node.JobDetails?.JobRuns ?? [];
    const last = [...all].sort((a, b) => (a.StartedOn?.getTime() ?? 0) - (b.StartedOn?.getTime() ?? 0)).at(-1);
    if (last) runs[node.Name] = last;
  }
  return runs;
}

/** The longest chain of jobs that wait for each other: how many runs follow one another at most. */
export function longestChain(workflow: WorkflowJobs): number {
  const depth = new Map<string, number>();
  const visit = (job: string, trail: Set<string>): number => {
    if (depth.has(job)) return depth.get(job)!;
    if (trail.has(job)) return 1; // a cycle Glue would never run; counted once
    trail.add(job);
    const d = 1 + Math.max(0, ...(workflow.predecessors[job] ?? []).map((p) => visit(p, trail)));
    trail.delete(job);
    depth.set(job, d);
    return d;
  };
  return Math.max(0, ...workflow.jobs.map((job) => visit(job, new Set())));
}
