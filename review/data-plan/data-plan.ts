/**
 * The data plan: for every job whose script, libraries, arguments or config changed between a base
 * commit and the work tree, what it does to the data (schema changes, breaking first, with the jobs
 * downstream; a row-level diff on the sample data) and what it costs. Every Spark run of one plan
 * shares one session (job_scripts/data_plan/driver.py); a plan with nothing to run starts none.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { type AppConfig, type JobConfig, loadConfig, PROJECT_DIR } from "../../stacks/config";
import { STAGE_NAMES, type StageName } from "../../stacks/constants/glue";
import { workflowOrder } from "../../local-run/local-workflow";
import { changedJobs, dataSignature, type JobChange } from "./changed-jobs";
import { directReaders, downstreamOf, upstreamOf } from "./downstream";
import { type DescribedOutput, type DriverResult, driverSpec, type RowDiff, type Side, type SideRun } from "./driver-spec";
import { jobCost, type JobCost } from "./job-cost";
import { runDriver } from "./run-driver";
import { type SchemaChange, schemaChanges, type SideSchema } from "./schema-changes";
import { awsOnlyRules, type QualityChange, qualityChanges } from "./quality-changes";
import { materializeBase, NoWorkTreeError, resolveBase, workTreeTop } from "./git-base";

/** The stage whose arguments the sample-data runs use, as `npm run job` does by default. */
export const RUN_STAGE: StageName = "dev";

export interface DataPlanJob {
  readonly job: string;
  readonly stage: StageName;
  /** added, removed, data (what it does to data changed), cost (only what it costs), downstream (runs after a change). */
  readonly change: JobChange | "downstream";
  readonly schemaChanges: SchemaChange[];
  /** Where the head's output breaks its declared schema (outputs.<name>.schema). */
  readonly contractViolations: { output: string; problem: string }[];
  /** Per output; null when the job did not run (only its cost changed, or it was removed). */
  readonly rowDiff: Record<string, RowDiff> | null;
  /** A run that failed on the sample data, with the end of its output. */
  readonly runErrors: { side: Side; error: string }[];
  readonly cost?: JobCost & { base?: JobCost };
  /** Data-quality rules added, removed, loosened or tightened (docs/data-quality.md). */
  readonly qualityChanges?: QualityChange[];
  /** Head's rules that only Glue checks (awsOnly): no offline run sees them. */
  readonly awsOnlyRules?: { output: string; rule: string }[];
}

export interface DataPlan {
  readonly base: { ref: string; commit: string };
  readonly jobs: DataPlanJob[];
  readonly breaking: number;
  readonly violations: number;
  readonly sparkStartSeconds?: number;
  readonly seconds: number;
  readonly notes: string[];
}

export interface DataPlanOptions {
  readonly configFile: string;
  /** A git ref; @default the merge base with the pipeline's branch */
  readonly base?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly python?: string;
}

export async function runDataPlan(options: DataPlanOptions): Promise<DataPlan> {
  const started = Date.now();
  const head = loadConfig(options.configFile);
  const repoDir = workTreeTop(dirname(options.configFile));
  if (!repoDir) throw new NoWorkTreeError(`${options.configFile} is not in a git work tree, so there is no commit to compare its jobs with`);
  const base = resolveBase(repoDir, options.base, head.source.branch);
  options.log(`data plan: base is ${base.commit.slice(0, 12)} (${base.described})`);
  const baseDir = materializeBase(repoDir, base.commit);
  const workDir = mkdtempSync(join(tmpdir(), "glue-data-plan-"));
  const notes: string[] = [];
  try {
    const baseConfig = loadBaseConfig(options.configFile, repoDir, baseDir, notes);
    const changes = Object.fromEntries(STAGE_NAMES.map((stage) => [stage, changedJobs(baseConfig, head, stage)])) as Record<StageName, Map<string, JobChange>>;
    const sides = sparkSides(baseConfig, head, changes[RUN_STAGE]);
    const result = sides.some((s) => s.jobs.length > 0)
      ? await runDriver(driverSpec(sides, workDir, join(head.jobScriptsDir, "sample_data")), workDir, options.env, options.log, options.python)
      : undefined;
    const jobs = STAGE_NAMES.flatMap((stage) => stageJobs(stage, baseConfig, head, changes[stage], sides, result, notes));
    return {
      base: { ref: base.described, commit: base.commit },
      jobs,
      breaking: jobs.reduce((n, j) => n + j.schemaChanges.filter((c) => c.breaking).length, 0),
      violations: jobs.reduce((n, j) => n + j.contractViolations.length, 0),
      ...(result ? { sparkStartSeconds: result.sparkStartSeconds } : {}),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      notes,
    };
  } finally {
    rmSync(baseDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  }
}

function loadBaseConfig(configFile: string, repoDir: string, baseDir: string, notes: string[]): AppConfig | undefined {
  const file = join(baseDir, relative(repoDir, configFile));
  if (!existsSync(file)) {
    notes.push(`the base has no ${relative(repoDir, configFile)}: every job is new`);
    return undefined;
  }
  const inProject = relative(repoDir, PROJECT_DIR);
  const projectDir = inProject.startsWith("..") ? dirname(file) : join(baseDir, inProject);
  try {
    return loadConfig(file, projectDir);
  } catch (error) {
    notes.push(`the base's config does not load, so every job is taken as new: ${(error as Error).message.split("\n").slice(0, 3).join(" ")}`);
    return undefined;
  }
}

/** What runs on Spark, per side: the jobs whose data changed, the jobs downstream of them, and what those need first. */
function sparkSides(base: AppConfig | undefined, head: AppConfig, changes: Map<string, JobChange>): SideRun[] {
  const changed = [...changes].filter(([, change]) => change !== "cost").map(([name]) => name);
  if (changed.length === 0) return [];
  const select = (config: AppConfig | undefined, side: Side): SideRun | undefined => {
    if (!config) return undefined;
    const jobs = config.stages[RUN_STAGE].jobs;
    const wanted = new Set([...changed, ...downstreamOf(jobs, changed)].filter((name) => Object.hasOwn(jobs, name)));
    for (const need of upstreamOf(jobs, wanted)) wanted.add(need);
    const ordered = workflowOrder(Object.values(jobs)).filter((job) => wanted.has(job.name));
    return { side, stage: config.stages[RUN_STAGE], jobs: ordered, scriptsDir: config.jobScriptsDir };
  };
  return [select(base, "base"), select(head, "head")].filter((s): s is SideRun => s !== undefined);
}

function stageJobs(
  stage: StageName,
  base: AppConfig | undefined,
  head: AppConfig,
  changes: Map<string, JobChange>,
  sides: readonly SideRun[],
  result: DriverResult | undefined,
  notes: string[],
): DataPlanJob[] {
  const headJobs = head.stages[stage].jobs;
  const baseJobs = base?.stages[stage].jobs ?? {};
  const ran = new Set(sides.find((s) => s.side === "head")?.jobs.map((j) => j.name) ?? []);
  const dataChanged = [...changes].filter(([, c]) => c !== "cost").map(([n]) => n);
  const downstream = [...downstreamOf(headJobs, dataChanged)].filter((name) => !changes.has(name));
  const entries: [string, JobChange | "downstream"][] = [...changes, ...downstream.map((name) => [name, "downstream"] as [string, "downstream"])];
  return entries.map(([name, change]) => {
    const headJob = headJobs[name] as JobConfig | undefined;
    const baseJob = baseJobs[name] as JobConfig | undefined;
    // The runs were made with the dev stage's arguments; another stage takes them where its job's data is the same as dev's.
    const sameData = (config: AppConfig | undefined, job: JobConfig | undefined) => {
      const runStageJob = config?.stages[RUN_STAGE].jobs[name];
      return !job || (runStageJob !== undefined && dataSignature(config!, config!.stages[stage], job) === dataSignature(config!, config!.stages[RUN_STAGE], runStageJob));
    };
    const sameAsRunStage = stage === RUN_STAGE || (sameData(head, headJob) && sameData(base, baseJob));
    const useRuns = Boolean(result && ran.has(name) && sameAsRunStage);
    if (change !== "cost" && change !== "removed" && !useRuns && result) notes.push(`${name} (${stage}): its data differs from ${RUN_STAGE}'s, whose arguments the sample-data runs use; run the plan's jobs with npm run job -- ${name} --stage ${stage}`);
    const described = (side: Side) => (useRuns ? result!.outputs[side]?.filter((o) => o.job === name) ?? [] : []);
    const schemaOf = (job: JobConfig | undefined, side: Side) => (job ? outputSchemas(job, described(side)) : {});
    const [baseSchemas, headSchemas] = [schemaOf(baseJob, "base"), schemaOf(headJob, "head")];
    const readers = (output: string) => [...new Set([...directReaders(headJobs, name, output), ...directReaders(baseJobs, name, output)])];
    const tableOf = (output: string) => headJob?.outputTables[output] ?? baseJob?.outputTables[output];
    const changesOf: SchemaChange[] = [];
    for (const output of new Set([...Object.keys(baseJob?.outputs ?? {}), ...Object.keys(headJob?.outputs ?? {})])) {
      const downstreamOfOutput = tableOf(output) ? readers(output) : [];
      const [before, after] = [baseSchemas[output], headSchemas[output]];
      if (baseJob && !Object.hasOwn(headJob?.outputs ?? {}, output)) changesOf.push({ output, column: "(output)", change: headJob ? "output removed" : "job removed", breaking: true, downstream: downstreamOfOutput });
      else if (before && after) changesOf.push(...schemaChanges(output, before, after, downstreamOfOutput));
    }
    changesOf.sort((a, b) => Number(b.breaking) - Number(a.breaking));
    const runs = useRuns ? result!.runs.filter((r) => r.job === name) : [];
    const diffs = useRuns ? result!.rowDiffs.filter((d) => d.job === name) : [];
    const measured = runs.find((r) => r.side === "head" && r.ok)?.seconds;
    const costOf = (config: AppConfig | undefined, job: JobConfig | undefined) =>
      config && job ? jobCost({ job, stage: config.stages[stage], measuredSeconds: measured, ceiling: head.dataPlan.costCeilingPerRun }) : undefined;
    const [headCost, baseCost] = [costOf(head, headJob), costOf(base, baseJob)];
    return {
      job: name,
      stage,
      change,
      schemaChanges: changesOf,
      contractViolations: described("head").flatMap((o) => (o.violations ?? []).map((problem) => ({ output: o.output, problem }))),
      rowDiff: diffs.length > 0 ? Object.fromEntries(diffs.map((d) => [d.output, d])) : null,
      runErrors: runs.filter((r) => !r.ok).map((r) => ({ side: r.side, error: r.error ?? `exit ${r.exitCode}` })),
      qualityChanges: qualityChanges(baseJob?.outputQuality, headJob?.outputQuality),
      awsOnlyRules: awsOnlyRules(headJob?.outputQuality),
      ...(headCost ? { cost: { ...headCost, ...(baseCost ? { base: baseCost } : {}) } } : baseCost ? { cost: baseCost } : {}),
    };
  });
}

/** Each output's schema on one side: declared columns where the config gives them, else what the run produced. */
function outputSchemas(job: JobConfig, described: readonly DescribedOutput[]): Record<string, SideSchema> {
  const schemas: Record<string, SideSchema> = {};
  for (const output of Object.keys(job.outputs)) {
    const contract = job.outputContracts[output];
    const produced = described.find((d) => d.output === output && d.written)?.columns;
    if (contract?.columns) schemas[output] = { columns: contract.columns, keys: contract.keys, source: "declared" };
    else if (produced) schemas[output] = { columns: produced, keys: contract?.keys, source: "produced" };
  }
  return schemas;
}
