/**
 * What spans the jobs of one stage once each is resolved: the `after` graph (known jobs, enabled in
 * the stage, no cycle) and the tables (one writer each, read only by jobs that run after it). A
 * table read becomes the writer's output location, so the reader gets `--<input> <location>`.
 */
import type { ConfigProblem } from "./config-error";
import { closestMatch, editDistance } from "./did-you-mean";
import type { JobConfig, TableRef } from "./types";

/** Where a job's fields were written, for messages: `jobs.X.after` or `stages.dev.jobs.X.after`. */
export type FieldPath = (job: string, field: "after" | "inputs" | "outputs", key?: string) => string;

export interface StageWorkflowInput {
  readonly stage: string;
  /** The stage's enabled jobs, resolved; a table input's location is not known yet. */
  readonly jobs: Readonly<Record<string, JobConfig>>;
  /** Jobs the config defines that `enabled: false` leaves out of this stage. */
  readonly disabled: ReadonlySet<string>;
  readonly pathOf: FieldPath;
}

/** The stage's jobs with each table input at its writer's location; problems are pushed. */
export function resolveStageWorkflow(input: StageWorkflowInput, problems: ConfigProblem[]): Record<string, JobConfig> {
  const before = problems.length;
  problems.push(...afterProblems(input));
  if (problems.length === before) problems.push(...cycleProblems(input));
  const writers = tableWriters(input, problems);
  const jobs: Record<string, JobConfig> = {};
  for (const [name, job] of Object.entries(input.jobs)) {
    const inputs = { ...job.inputs };
    for (const [key, table] of Object.entries(job.inputTables)) {
      const writer = writers.get(table.name);
      const where = input.pathOf(name, "inputs", key);
      if (!writer) {
        problems.push({ path: where, message: missingTableMessage(input, table, writers) });
        continue;
      }
      if (writer.job !== name && !runsAfter(input.jobs, name, writer.job)) {
        problems.push({
          path: where,
          message: `in ${input.stage}: found a read of table ${table.name}, which ${writer.job} writes, but ${name} does not run after ${writer.job}: it could read the table before it is written; expected after: [${writer.job}]`,
        });
      }
      if (writer.job === name) {
        problems.push({ path: where, message: `found a read of table ${table.name}, which ${name} itself writes; expected a table another job writes, or an S3 location` });
      }
      inputs[key] = writer.location;
    }
    jobs[name] = { ...job, inputs };
  }
  return jobs;
}

function afterProblems({ stage, jobs, disabled, pathOf }: StageWorkflowInput): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const known = [...Object.keys(jobs), ...disabled];
  for (const [name, job] of Object.entries(jobs)) {
    for (const [i, other] of job.after.entries()) {
      const where = `${pathOf(name, "after")}.${i}`;
      if (disabled.has(other)) {
        problems.push({
          path: where,
          message: `in ${stage}: found ${other}, which enabled: false leaves out of ${stage}, so ${name} would never start; expected a job of ${stage}: remove ${other} from after, or enable it`,
        });
      } else if (!Object.hasOwn(jobs, other)) {
        const guess = closestMatch(other, known);
        problems.push({
          path: where,
          message: `found the unknown job ${other}${guess ? ` (did you mean ${guess}?)` : ""}; expected one of the jobs of ${stage}: ${Object.keys(jobs).join(", ")}`,
        });
      }
    }
  }
  return problems;
}

/** Each cycle once, printed from its first job in config order: `A → B → A`. */
function cycleProblems({ jobs, pathOf }: StageWorkflowInput): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, trail: string[]): void => {
    state.set(name, "visiting");
    for (const next of jobs[name].after) {
      if (state.get(next) === "visiting") {
        const cycle = [...trail.slice(trail.indexOf(next)), next];
        problems.push({
          path: pathOf(cycle[0], "after"),
          message: `found a cycle: ${cycle.join(" → ")}; no job of it could ever start: expected after to name only jobs that run before, so remove one of these entries`,
        });
      } else if (!state.has(next)) {
        visit(next, [...trail, next]);
      }
    }
    state.set(name, "done");
  };
  for (const name of Object.keys(jobs)) if (!state.has(name)) visit(name, [name]);
  return problems;
}

interface TableWriter {
  readonly job: string;
  readonly location: string;
}

/** Which job writes each table of the stage; a second writer is a problem. */
function tableWriters({ stage, jobs, pathOf }: StageWorkflowInput, problems: ConfigProblem[]): Map<string, TableWriter> {
  const writers = new Map<string, TableWriter>();
  for (const [name, job] of Object.entries(jobs)) {
    for (const [key, table] of Object.entries(job.outputTables)) {
      const first = writers.get(table.name);
      if (first) {
        problems.push({
          path: `${pathOf(name, "outputs", key)}.table`,
          message: `in ${stage}: found table ${table.name}, which ${first.job} writes too: each run would replace the other's table; expected a table name of its own, for example ${table.name}_${name.toLowerCase().replace(/-/g, "_")}`,
        });
        continue;
      }
      writers.set(table.name, { job: name, location: job.outputs[key] });
    }
  }
  return writers;
}

function missingTableMessage({ stage, disabled }: StageWorkflowInput, table: TableRef, writers: Map<string, TableWriter>): string {
  const written = [...writers.keys()];
  // Table names share words (legislators_history, legislators_summary): only a typo's distance is a hint.
  const closest = closestMatch(table.name, written);
  const guess = closest !== undefined && editDistance(closest, table.name) <= 2 ? closest : undefined;
  const list = written.length > 0 ? `the tables of ${stage} are ${written.join(", ")}` : `no job of ${stage} declares a table`;
  const note = disabled.size > 0 ? ` (jobs left out of ${stage}: ${[...disabled].join(", ")})` : "";
  return `in ${stage}: found table ${table.name}${guess ? ` (did you mean ${guess}?)` : ""}, which no job of ${stage} writes${note}; expected a table an output declares (outputs.<name>: { path, table }): ${list}`;
}

/** Whether `job` runs after `other`, directly or through other jobs. */
function runsAfter(jobs: Readonly<Record<string, JobConfig>>, job: string, other: string): boolean {
  const seen = new Set<string>();
  const stack = [...(jobs[job]?.after ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === other) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(jobs[next]?.after ?? []));
  }
  return false;
}
