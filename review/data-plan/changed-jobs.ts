/**
 * Which jobs of a stage changed between base and head, and how: what they do to data (the script,
 * the shipped libraries, arguments, inputs, outputs, tables, declared schemas, data-quality rules, Glue version) or only
 * what they cost (workers, worker type, execution class, timeout, duration, the stage's schedule).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig, JobConfig, StageConfig } from "../../stacks/config";

export type JobChange = "added" | "removed" | "data" | "cost";

/** The hash of every file of a directory, in name order (compiled Python left out). */
function directoryHash(dir: string, hash = createHash("sha256")): string {
  if (!existsSync(dir)) return "missing";
  for (const name of readdirSync(dir).sort()) {
    if (name === "__pycache__" || name.endsWith(".pyc")) continue;
    const path = join(dir, name);
    hash.update(name);
    if (statSync(path).isDirectory()) hash.update(directoryHash(path));
    else hash.update(readFileSync(path));
  }
  return hash.digest("hex");
}

function fileHash(path: string): string {
  return existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : "missing";
}

/** What decides a job's data, with the stage's own bucket and database written as placeholders so stages compare. */
export function dataSignature(config: AppConfig, stage: StageConfig, job: JobConfig): string {
  const libraries = config.pythonLibraries.map((library) => `${library}:${directoryHash(join(config.jobScriptsDir, library))}`);
  const fields = {
    script: fileHash(job.scriptPath),
    libraries,
    inputs: job.inputs,
    outputs: job.outputs,
    arguments: job.arguments,
    inputTables: job.inputTables,
    outputTables: job.outputTables,
    outputContracts: job.outputContracts,
    // A rule decides whether the output is written at all.
    outputQuality: job.outputQuality,
    glueVersion: job.glueVersion,
  };
  return JSON.stringify(fields).split(stage.bucketName).join("{stageBucket}").split(stage.databaseName).join("{database}");
}

export function costSignature(stage: StageConfig, job: JobConfig): string {
  const { workerType, numberOfWorkers, executionClass, timeoutMinutes, expectedDurationMinutes } = job;
  return JSON.stringify({ workerType, numberOfWorkers, executionClass, timeoutMinutes, expectedDurationMinutes, schedule: stage.schedule, region: stage.account.awsRegion });
}

/** Every job of the stage that changed, by name, in head's order then base's. */
export function changedJobs(base: AppConfig | undefined, head: AppConfig, stageName: keyof AppConfig["stages"]): Map<string, JobChange> {
  const headStage = head.stages[stageName];
  const baseStage = base?.stages[stageName];
  const changes = new Map<string, JobChange>();
  for (const [name, job] of Object.entries(headStage.jobs)) {
    const before = baseStage?.jobs[name];
    if (!before) changes.set(name, "added");
    else if (dataSignature(base!, baseStage!, before) !== dataSignature(head, headStage, job)) changes.set(name, "data");
    else if (costSignature(baseStage!, before) !== costSignature(headStage, job)) changes.set(name, "cost");
  }
  for (const name of Object.keys(baseStage?.jobs ?? {})) if (!Object.hasOwn(headStage.jobs, name)) changes.set(name, "removed");
  return changes;
}
