/**
 * The rehearsal's steps of an `s3` backend (state-bucket.ts): the bucket made before the bootstrap, the
 * proof after the pipeline ran that every stack's state is in it and every lock was taken and released
 * there, and the bucket deleted once every stack is destroyed.
 */
import type { AppConfig } from "../stacks/config";
import { STACK_ORDER, type Topology } from "./topology";
import type { Emulator } from "./emulator/emulator";
import type { StepReport } from "./report";
import { createStateBucket, deleteStateBucket, judgeStateUse, stateBucketKeys, stateUse } from "./state-bucket";

export interface StateBucketRun {
  readonly emulator: Emulator;
  readonly config: AppConfig;
  readonly topology: Topology;
  /** The first recorded call that may touch the state: the calls after it are searched for its locks. */
  readonly fromSeq: number;
}

const NAMES = {
  create: "State bucket (administrator)",
  check: "State and locks in the state bucket",
  delete: "Delete the state bucket (administrator)",
} as const;

export async function stateStep(run: StateBucketRun, what: keyof typeof NAMES): Promise<StepReport> {
  const { backend } = run.config;
  if (backend.type !== "s3") throw new Error(`stateStep: the backend is ${backend.type}, not s3`);
  const started = Date.now();
  const name = NAMES[what];
  const step = (ran: string, error?: string): StepReport => ({ name, result: error ? "failed" : "passed", seconds: (Date.now() - started) / 1000, ran, notRehearsed: [], error });
  try {
    const admin = await run.emulator.adminCredentials(run.topology.pipeline.accountId);
    if (what === "create") return step(await createStateBucket(run.emulator, admin, run.config, backend));
    if (what === "delete") {
      await deleteStateBucket(run.emulator, admin, backend);
      return step(`s3://${backend.bucket} emptied (every version) and deleted`);
    }
    const uses = stateUse(backend, STACK_ORDER, await stateBucketKeys(run.emulator, admin, backend), run.emulator.readCalls(run.fromSeq));
    const ran = uses.map((u) => `${u.stack}: state there, locked ${u.lockPuts}× by ${u.lockedBy.join(", ") || "nobody"}`).join("; ");
    return step(ran, judgeStateUse(uses));
  } catch (error) {
    return step(`s3://${backend.bucket}`, error instanceof Error ? error.message : String(error));
  }
}
