/**
 * The drift check as its schedule starts it, twice. First after a change made out of band: a dev job's
 * workers, changed through the Glue API by dev's administrator, as a person in the console would. The check
 * must name that job, `number_of_workers`, what it was and what it is now, and nothing else, and publish
 * it. Then after dev-glue is applied again: it must find nothing and publish nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { Agent } from "node:https";
import { join } from "node:path";
import { GetJobCommand, GlueClient, UpdateJobCommand, type JobUpdate } from "@aws-sdk/client-glue";
import { DRIFT_DIR } from "../stacks/pipeline/drift-check-step";
import type { StackDrift } from "../review/summarize-drift";
import type { Emulator, RecordedCall } from "./emulator/emulator";
import type { TopologyAccount } from "./emulator/emulator-inventory";

/** The job changed out of band, and its workers after the change. */
export const OUT_OF_BAND = { job: "dev-ProcessLegislators", stack: "dev-glue", workers: 5 } as const;

/** What the drift check left: its drift.json (absent when it failed before planning) and the notices it published. */
export interface DriftCheckOutcome {
  readonly driftJson?: string;
  readonly published: readonly RecordedCall[];
}

/** GetJob, then UpdateJob with the whole definition and other workers (UpdateJob replaces the definition). */
export async function changeWorkersOutOfBand(emulator: Emulator, account: TopologyAccount): Promise<{ from: number; to: number }> {
  const glue = new GlueClient({
    region: account.region,
    endpoint: emulator.endpoint,
    credentials: await emulator.adminCredentials(account.accountId),
    maxAttempts: 2,
    requestHandler: { httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle), keepAlive: false }) },
  });
  try {
    const { Job: job } = await glue.send(new GetJobCommand({ JobName: OUT_OF_BAND.job }));
    if (!job) throw new Error(`the emulator has no Glue job ${OUT_OF_BAND.job}`);
    const { Name: _name, CreatedOn: _created, LastModifiedOn: _modified, AllocatedCapacity: _capacity, MaxCapacity: _max, ...definition } = job;
    const update: JobUpdate = { ...definition, NumberOfWorkers: OUT_OF_BAND.workers };
    await glue.send(new UpdateJobCommand({ JobName: OUT_OF_BAND.job, JobUpdate: update }));
    return { from: job.NumberOfWorkers ?? 0, to: OUT_OF_BAND.workers };
  } finally {
    glue.destroy();
  }
}

/** The notices a step published: its successful SNS Publish calls. */
export function publishedNotices(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => c.action === "sns:Publish" && c.status !== null && c.status < 300);
}

export function readDriftOutcome(driftJsonFile: string, calls: readonly RecordedCall[]): DriftCheckOutcome {
  return { driftJson: existsSync(driftJsonFile) ? readFileSync(driftJsonFile, "utf8") : undefined, published: publishedNotices(calls) };
}

/** Why the first check's outcome is wrong, or undefined: it must name exactly the changed job's workers, and publish once. */
export function judgeDriftFound(outcome: DriftCheckOutcome, change: { from: number; to: number }): string | undefined {
  if (!outcome.driftJson) return "the drift check wrote no drift/drift.json";
  const { drifts, errors } = JSON.parse(outcome.driftJson) as { drifts: StackDrift[]; errors: { stack: string; error: string }[] };
  if (errors.length > 0) return `the drift check could not plan ${errors.map((e) => `${e.stack}: ${e.error}`).join("; ")}`;
  const found = drifts.flatMap((d) => d.drifted.flatMap((r) => r.attributes.map((a) => `${d.stack} ${r.type} "${r.name ?? r.address}" ${a.path}: was ${a.was}, is now ${a.now}`)));
  const expected = `${OUT_OF_BAND.stack} aws_glue_job "${OUT_OF_BAND.job}" number_of_workers: was ${change.from}, is now ${change.to}`;
  if (found.length !== 1 || found[0] !== expected) return `expected the drift "${expected}" alone; found ${found.length === 0 ? "none" : found.join("\n")}`;
  if (outcome.published.length !== 1) return `expected one notice published, found ${outcome.published.length}`;
  return undefined;
}

/** Why the check after the re-apply is wrong, or undefined: no drift, nothing published. */
export function judgeNoDrift(outcome: DriftCheckOutcome): string | undefined {
  if (!outcome.driftJson) return "the drift check wrote no drift/drift.json";
  const { drifts, errors } = JSON.parse(outcome.driftJson) as { drifts: StackDrift[]; errors: unknown[] };
  const drifted = drifts.flatMap((d) => d.drifted.map((r) => `${d.stack}: ${r.address}`));
  if (errors.length > 0 || drifted.length > 0) return `expected no drift after the re-apply; found ${[...drifted, ...errors.map((e) => JSON.stringify(e))].join("\n")}`;
  if (outcome.published.length > 0) return `no drift must publish nothing; ${outcome.published.length} notice(s) were published`;
  return undefined;
}

/** Runs a standalone CodeBuild action as `stage`, judged by `judge` from its step directory and its calls; true when it passed. */
export type RunCheck = (stage: string, judge: (stepDir: string, calls: readonly RecordedCall[]) => string | undefined) => Promise<boolean>;

export interface DriftRehearsalContext {
  readonly emulator: Emulator;
  /** dev's account: where the job is changed. */
  readonly devAccount: TopologyAccount;
  readonly runCheck: RunCheck;
  /** Applies dev-glue again, as its administrator; true when it applied. */
  readonly reapplyDev: () => Promise<boolean>;
  readonly log: (line: string) => void;
}

/** Change out of band, check (drift found and named), re-apply, check again (nothing). */
export async function rehearseDriftCheck(ctx: DriftRehearsalContext): Promise<void> {
  const change = await changeWorkersOutOfBand(ctx.emulator, ctx.devAccount);
  ctx.log(`rehearsal: ${OUT_OF_BAND.job}'s workers changed out of band, ${change.from} -> ${change.to} (Glue UpdateJob as dev's administrator)`);
  const outcome = (stepDir: string, calls: readonly RecordedCall[]) => readDriftOutcome(join(stepDir, "src", DRIFT_DIR, "drift.json"), calls);
  const found = await ctx.runCheck("DriftCheck", (stepDir, calls) => judgeDriftFound(outcome(stepDir, calls), change));
  if (!found || !(await ctx.reapplyDev())) return;
  await ctx.runCheck("DriftCheckAfterReapply", (stepDir, calls) => judgeNoDrift(outcome(stepDir, calls)));
}
