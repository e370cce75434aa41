/**
 * The jobs of one stage: the shared `jobs:` merged with the stage's overrides, defaults applied,
 * placeholders replaced, and every value checked where it was written.
 */
import * as path from "path";
import { DEFAULT_EXECUTION_CLASS, JOB_DEFAULTS, RESERVED_JOB_ARGUMENTS, StageName } from "../constants/glue";
import { ETL_WORKER_TYPES, FLEX_WORKER_TYPES, STREAMING_ONLY_WORKER_TYPES } from "../constants/glue-worker-types";
import { glueJobName } from "../names";
import { scriptProblem } from "./check-files";
import { LocationContext, locationProblem, overlapProblems, PlacedJob } from "./check-locations";
import type { ConfigProblem } from "./config-error";
import { closestMatch } from "./did-you-mean";
import { replacePlaceholders } from "./placeholders";
import { resolveCapacity } from "./resolve-capacity";
import { resolveQuality } from "./resolve-quality";
import type { OnFailure } from "./schema-quality";
import { resolveStageWorkflow } from "./resolve-workflow";
import type { JobInput } from "./schema";
import { normalizeType } from "./schema-output-contract";
import type { JobConfig, OutputContract, OutputQuality, TableRef } from "./types";

export interface StageJobsContext extends LocationContext {
  readonly stage: StageName;
  readonly jobScriptsDir: string;
  readonly allowFlex: boolean;
  /** Placeholder values, e.g. `stageBucket`. */
  readonly placeholders: Readonly<Record<string, string>>;
  /** The stage's Data Catalog database, which holds every table its jobs declare. */
  readonly databaseName: string;
  /** The stage's `quality.onFailure`, which wins over each output's. @default none */
  readonly qualityOnFailure?: OnFailure;
}

type JobMap = Readonly<Record<string, JobInput>>;
const GROUPS = ["inputs", "outputs", "arguments"] as const;

export function resolveStageJobs(shared: JobMap, overrides: JobMap, ctx: StageJobsContext, problems: ConfigProblem[]): Record<string, JobConfig> {
  const jobs: Record<string, JobConfig> = {};
  const sharedNames = Object.keys(shared);
  const seen = new Map<string, string>();
  const placed: PlacedJob[] = [];
  const disabled = new Set<string>();
  for (const name of new Set([...sharedNames, ...Object.keys(overrides)])) {
    const base = own(shared, name);
    const over = own(overrides, name);
    const where = over ? `stages.${ctx.stage}.jobs.${name}` : `jobs.${name}`;
    const twin = seen.get(name.toLowerCase());
    if (twin !== undefined && twin !== name) {
      problems.push({
        path: where,
        message: `found the job names ${twin} and ${name}, which differ only by case; IAM ignores case, so their roles would collide: rename one`,
      });
      continue;
    }
    seen.set(name.toLowerCase(), name);
    if (!base && over && !over.script) {
      const guess = closestMatch(name, sharedNames);
      const hint = guess ? ` (did you mean ${guess}?)` : "";
      problems.push({
        path: where,
        message:
          over.enabled === false
            ? `found enabled: false for ${name}, but there is no shared job ${name} to leave out${hint}; fix the name or remove the block`
            : `found an override of ${name}, but there is no shared job ${name}${hint}; fix the name, or give a stage-only job its script: my_job.py`,
      });
      continue;
    }
    const merged = merge(base, over);
    if (merged.enabled === false) {
      disabled.add(name);
      continue;
    }
    const job = resolveJob(name, merged, { base, over, ctx }, problems);
    if (job) {
      jobs[name] = job;
      const outputsPath = over?.outputs !== undefined ? `stages.${ctx.stage}.jobs.${name}.outputs` : `jobs.${name}.outputs`;
      // A table's input is at its writer's output, which is not this job's to overlap.
      const s3Inputs = Object.fromEntries(Object.entries(job.inputs).filter(([key]) => !Object.hasOwn(job.inputTables, key)));
      placed.push({ name, outputsPath, inputs: s3Inputs, outputs: job.outputs });
    }
  }
  problems.push(...overlapProblems(ctx.stage, placed));
  const pathOf = (name: string, field: string, key?: string) => fieldPath(ctx.stage, name, own(shared, name), own(overrides, name), field, key);
  return resolveStageWorkflow({ stage: ctx.stage, jobs, disabled, pathOf }, problems);
}

/** Where a job's field was written: under the stage's override when it sets the field (or the job is the stage's own). */
function fieldPath(stage: string, name: string, base: JobInput | undefined, over: JobInput | undefined, field: string, key?: string): string {
  const value = over?.[field as keyof JobInput] as Record<string, unknown> | undefined;
  const fromOverride = key === undefined ? value !== undefined : value?.[key] !== undefined;
  return `${fromOverride || !base ? `stages.${stage}.jobs` : "jobs"}.${name}.${field}${key === undefined ? "" : `.${key}`}`;
}

/** A stage's override wins field by field; the argument maps merge key by key. */
function merge(shared: JobInput | undefined, override: JobInput | undefined): JobInput {
  const base = shared ?? {};
  const over = override ?? {};
  return { ...base, ...over, inputs: { ...base.inputs, ...over.inputs }, outputs: { ...base.outputs, ...over.outputs }, arguments: { ...base.arguments, ...over.arguments } };
}

interface Origin {
  readonly base?: JobInput;
  readonly over?: JobInput;
  readonly ctx: StageJobsContext;
}

function resolveJob(name: string, job: JobInput, origin: Origin, problems: ConfigProblem[]): JobConfig | undefined {
  const { ctx } = origin;
  const before = problems.length;
  const at = (field: string, key?: string) => fieldPath(ctx.stage, name, origin.base, origin.over, field, key);
  const inStage = (where: string, message: string) => (where.startsWith("jobs.") ? `in ${ctx.stage}: ${message}` : message);
  if (!job.script) {
    problems.push({ path: at("script"), message: "every job needs a script; add script: my_job.py (a file in job_scripts/)" });
  } else {
    const problem = scriptProblem(ctx.jobScriptsDir, job.script);
    if (problem) problems.push({ path: at("script"), message: problem });
  }
  const workerType = job.workerType ?? JOB_DEFAULTS.workerType;
  if (STREAMING_ONLY_WORKER_TYPES.includes(workerType)) {
    problems.push({
      path: at("workerType"),
      message: `found ${workerType}, which Glue runs only for streaming jobs; these jobs are Spark ETL (glueetl): expected one of ${ETL_WORKER_TYPES.slice(0, 3).join(", ")} … ${ETL_WORKER_TYPES.at(-1)}, for example ${JOB_DEFAULTS.workerType}`,
    });
  }
  const flexFits = FLEX_WORKER_TYPES.includes(workerType);
  // The stage's default falls back to STANDARD where Glue does not run the worker type on FLEX.
  const executionClass = job.executionClass ?? (flexFits ? DEFAULT_EXECUTION_CLASS[ctx.stage] : "STANDARD");
  if (executionClass === "FLEX" && !flexFits) {
    problems.push({
      path: at("executionClass"),
      message: `found FLEX with workerType ${workerType}; Glue runs FLEX only on ${FLEX_WORKER_TYPES.join(" or ")}: expected STANDARD, or workerType G.1X`,
    });
  }
  if (executionClass === "FLEX" && !ctx.allowFlex) {
    problems.push({
      path: at("executionClass"),
      message: `FLEX jobs may start late, so ${ctx.stage} does not allow them; use STANDARD, or set stages.${ctx.stage}.allowFlex: true`,
    });
  }
  const replace = (where: string, text: string) => {
    const { value, problem } = replacePlaceholders(text, ctx.placeholders);
    if (problem) problems.push({ path: where, message: problem });
    return value;
  };
  const description = job.description === undefined ? undefined : replace(at("description"), job.description);
  const seen = new Map<string, string>();
  const resolved = { inputs: {}, outputs: {}, arguments: {} } as Record<(typeof GROUPS)[number], Record<string, string>>;
  const tables = { inputs: {}, outputs: {} } as Record<"inputs" | "outputs", Record<string, TableRef>>;
  const contracts: Record<string, OutputContract> = {};
  const qualities: Record<string, OutputQuality> = {};
  const qualityInputs: Record<string, { where: string; input: NonNullable<Extract<NonNullable<JobInput["outputs"]>[string], { path: string }>["quality"]> }> = {};
  for (const group of GROUPS) {
    for (const [key, raw] of Object.entries(job[group] ?? {})) {
      const where = at(group, key);
      if (RESERVED_JOB_ARGUMENTS.includes(key)) problems.push({ path: where, message: `--${key} is set by the stack itself; remove it from the config` });
      if (seen.has(key)) problems.push({ path: where, message: `--${key} is already given under ${seen.get(key)}; use one name once` });
      seen.set(key, group);
      const table = typeof raw === "object" && group !== "arguments" ? raw.table : undefined;
      if (table !== undefined) tables[group as "inputs" | "outputs"][key] = { database: ctx.databaseName, name: table };
      if (group === "outputs" && typeof raw === "object" && "schema" in raw && raw.schema) contracts[key] = outputContract(raw.schema);
      if (group === "outputs" && typeof raw === "object" && "quality" in raw && raw.quality) qualityInputs[key] = { where: `${where}.quality`, input: raw.quality };
      // A table's input is placed at its writer's output once every job of the stage is known.
      if (typeof raw === "object" && !("path" in raw)) {
        resolved[group][key] = "";
        continue;
      }
      const known = problems.length;
      const value = replace(where, typeof raw === "object" ? raw.path : String(raw));
      resolved[group][key] = value;
      if (group !== "arguments" && problems.length === known) {
        const problem = locationProblem(value, group === "inputs" ? "input" : "output", ctx);
        if (problem) problems.push({ path: where, message: inStage(where, problem) });
      }
    }
  }
  for (const group of ["inputs", "outputs"] as const) {
    for (const key of Object.keys(tables[group])) {
      const tableArgument = `${key}_table`;
      if (seen.has(tableArgument)) {
        problems.push({ path: at(group, key), message: `--${tableArgument} is set from ${group}.${key}.table, and ${seen.get(tableArgument)} gives it too; rename ${tableArgument} there` });
      }
    }
  }
  for (const [key, { where, input }] of Object.entries(qualityInputs)) {
    const columns = contracts[key]?.columns?.map((c) => c.name);
    const quality = resolveQuality(input, where, {
      jobScriptsDir: ctx.jobScriptsDir,
      name: `${glueJobName(ctx.stage, name)}-${key}`,
      stageOnFailure: ctx.qualityOnFailure,
      ...(columns ? { columns } : {}),
      inputs: Object.keys(resolved.inputs),
    }, problems);
    if (quality) qualities[key] = quality;
  }
  if (problems.length > before || !job.script) return undefined;
  return {
    name,
    glueJobName: glueJobName(ctx.stage, name),
    script: job.script,
    scriptPath: path.join(ctx.jobScriptsDir, job.script),
    description,
    ...resolved,
    outputTables: tables.outputs,
    outputContracts: contracts,
    outputQuality: qualities,
    inputTables: tables.inputs,
    after: job.after ?? [],
    glueVersion: job.glueVersion ?? JOB_DEFAULTS.glueVersion,
    workerType,
    numberOfWorkers: job.numberOfWorkers ?? JOB_DEFAULTS.numberOfWorkers,
    executionClass,
    timeoutMinutes: job.timeoutMinutes ?? JOB_DEFAULTS.timeoutMinutes,
    maxRetries: job.maxRetries ?? JOB_DEFAULTS.maxRetries,
    maxConcurrentRuns: job.maxConcurrentRuns ?? JOB_DEFAULTS.maxConcurrentRuns,
    expectedDurationMinutes: job.expectedDurationMinutes,
    ...(job.capacity ? { capacity: resolveCapacity(job.capacity) } : {}),
  };
}

type ContractInput = NonNullable<Extract<NonNullable<JobInput["outputs"]>[string], { path: string }>["schema"]>;

/** The schema as written, with types in Spark's own spelling and nullable by default. */
function outputContract(schema: ContractInput): OutputContract {
  const columns = schema.columns
    ? Object.entries(schema.columns).map(([name, column]) =>
        typeof column === "string" ? { name, type: normalizeType(column), nullable: true } : { name, type: normalizeType(column.type), nullable: column.nullable ?? true },
      )
    : undefined;
  return { ...(columns ? { columns } : {}), ...(schema.keys ? { keys: [...schema.keys] } : {}) };
}

/** Own keys only: a job named `constructor` must not find Object.prototype's. */
function own(map: JobMap, name: string): JobInput | undefined {
  return Object.prototype.hasOwnProperty.call(map, name) ? map[name] : undefined;
}
