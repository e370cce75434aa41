/** Which jobs of a stage read what a job writes: through its tables (inputs.*.table) or by running after it (after:), transitively. */
import type { JobConfig } from "../../stacks/config";

type StageJobs = Readonly<Record<string, Pick<JobConfig, "name" | "after" | "inputTables" | "outputTables">>>;

/** The jobs that read `writer`'s output `output` directly: its table's readers and the jobs after `writer`. */
export function directReaders(jobs: StageJobs, writer: string, output?: string): string[] {
  const tables = Object.entries(jobs[writer]?.outputTables ?? {})
    .filter(([name]) => output === undefined || name === output)
    .map(([, table]) => table.name);
  return Object.values(jobs)
    .filter((job) => job.name !== writer && (job.after.includes(writer) || Object.values(job.inputTables).some((t) => tables.includes(t.name))))
    .map((job) => job.name);
}

/** Every job downstream of any of `names`, transitively, `names` not included. */
export function downstreamOf(jobs: StageJobs, names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const stack = [...names];
  const start = new Set(stack);
  while (stack.length > 0) {
    for (const reader of directReaders(jobs, stack.pop()!)) {
      if (!seen.has(reader) && !start.has(reader)) {
        seen.add(reader);
        stack.push(reader);
      }
    }
  }
  return seen;
}

/** Every job `names` need to have run first (the writers of their input tables and the jobs they run after), transitively. */
export function upstreamOf(jobs: StageJobs, names: Iterable<string>): Set<string> {
  const writers = new Map<string, string>();
  for (const job of Object.values(jobs)) for (const table of Object.values(job.outputTables)) writers.set(table.name, job.name);
  const seen = new Set<string>();
  const stack = [...names];
  while (stack.length > 0) {
    const job = jobs[stack.pop()!];
    if (!job) continue;
    const needs = [...job.after, ...Object.values(job.inputTables).map((t) => writers.get(t.name)).filter((w): w is string => w !== undefined)];
    for (const need of needs) {
      if (!seen.has(need)) {
        seen.add(need);
        stack.push(need);
      }
    }
  }
  return seen;
}
