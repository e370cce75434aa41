/**
 * The pure parts of `npm run job -- --workflow` and `--graph`: a stage's jobs in the order their
 * `after` allows, that order as the job list `python -m glue_runtime.chain` runs, and the stage's
 * workflow drawn as text, as the stage's Glue workflow and triggers run it.
 */
import type { JobConfig } from "../stacks/config";
import { qualifiedTableName } from "../stacks/config/table-arguments";
import { jobAfterTriggerName, stageWorkflowName, workflowStartTriggerName } from "../stacks/names";
import type { StageName } from "../stacks/constants/glue";
import { localJobRun, type LocalFolders } from "./local-run-args";

type WorkflowJob = Pick<JobConfig, "name" | "after" | "inputTables" | "outputTables" | "outputs">;

/**
 * The jobs in an order where each comes after every job it runs after; among jobs that are ready at
 * once, config order. Throws on a cycle or an unknown name (the config check refuses both first).
 */
export function workflowOrder<Job extends Pick<JobConfig, "name" | "after">>(jobs: readonly Job[]): Job[] {
  const byName = new Map(jobs.map((job) => [job.name, job]));
  for (const job of jobs) {
    const unknown = job.after.find((name) => !byName.has(name));
    if (unknown) throw new Error(`${job.name} runs after ${unknown}, which is not a job of the stage`);
  }
  const order: Job[] = [];
  const placed = new Set<string>();
  while (order.length < jobs.length) {
    const ready = jobs.find((job) => !placed.has(job.name) && job.after.every((name) => placed.has(name)));
    if (!ready) throw new Error(`no order runs ${jobs.filter((j) => !placed.has(j.name)).map((j) => j.name).join(", ")}: their after lists form a cycle`);
    order.push(ready);
    placed.add(ready.name);
  }
  return order;
}

/** One entry of the job list `python -m glue_runtime.chain` reads. */
export interface ChainedJob {
  readonly name: string;
  readonly script: string;
  readonly args: readonly string[];
}

/** The stage's jobs, in workflow order, each with the arguments of a local run (`npm run job -- <Job>`). */
export function chainSpec(
  jobs: readonly Pick<JobConfig, "name" | "after" | "scriptPath" | "glueJobName" | "inputs" | "outputs" | "arguments" | "inputTables" | "outputTables">[],
  options: LocalFolders,
): ChainedJob[] {
  return workflowOrder(jobs).map((job) => ({ name: job.name, script: job.scriptPath, args: localJobRun(job, options).args }));
}

/** The stage's workflow as text: its start, each job under the job it runs after, and what each reads and writes. */
export function workflowGraph(stage: StageName, jobs: readonly WorkflowJob[], schedule?: string): string {
  const order = workflowOrder(jobs);
  const position = new Map(order.map((job, i) => [job.name, i]));
  // A job is drawn under the job it waits for last; under its other predecessors it is named only.
  const drawnUnder = new Map(order.filter((j) => j.after.length > 0).map((j) => [j.name, [...j.after].sort((a, b) => position.get(b)! - position.get(a)!)[0]]));
  const children = (name: string | undefined) => order.filter((job) => (name === undefined ? job.after.length === 0 : job.after.includes(name)));
  const start = schedule ? `SCHEDULED ${schedule} (UTC)` : "ON_DEMAND: StartWorkflowRun";
  const lines = [
    `${stageWorkflowName(stage)} (stage ${stage}, ${jobs.length} job${jobs.length === 1 ? "" : "s"})`,
    "",
    `start: ${workflowStartTriggerName(stage)}, ${start}`,
  ];
  const draw = (parent: string | undefined, indent: string): void => {
    const kids = children(parent);
    kids.forEach((job, i) => {
      const last = i === kids.length - 1;
      const branch = `${indent}${last ? "└─▶ " : "├─▶ "}`;
      const inner = `${indent}${last ? "    " : "│   "}`;
      if (parent !== undefined && drawnUnder.get(job.name) !== parent) {
        lines.push(`${branch}${job.name} (drawn under ${drawnUnder.get(job.name)})`);
        return;
      }
      const trigger = job.after.length > 0 ? `  [${jobAfterTriggerName(stage, job.name)}: when ${job.after.join(" and ")} SUCCEEDED]` : "";
      lines.push(`${branch}${job.name}${trigger}`);
      for (const detail of dataOf(job)) lines.push(`${inner}  ${detail}`);
      draw(job.name, inner);
    });
  };
  draw(undefined, "");
  lines.push("", `run order: ${order.map((job) => job.name).join(", ")}`);
  return lines.join("\n");
}

/** What a job reads from tables and where it writes, one line each. */
function dataOf(job: WorkflowJob): string[] {
  const reads = Object.values(job.inputTables).map((table) => `reads table ${qualifiedTableName(table)}`);
  const writes = Object.entries(job.outputs).map(([name, location]) => {
    const table = job.outputTables[name];
    return table ? `writes table ${qualifiedTableName(table)} at ${location}` : `writes ${location}`;
  });
  return [...reads, ...writes];
}
