/** A job's `capacity` as written (checked by schema-capacity.ts) in bytes and seconds per run. */
import { parseDuration, parseSize } from "./capacity-units";
import { DEFAULT_SAFETY_FACTOR, type CapacityInput } from "./schema-capacity";
import type { JobCapacity } from "./types";

const DAY_SECONDS = 86400;

function must(value: number | { readonly problem: string }): number {
  if (typeof value !== "number") throw new Error(`capacity reached resolve without its schema check: ${value.problem}`);
  return value;
}

export function resolveCapacity(capacity: CapacityInput): JobCapacity {
  const safetyFactor = capacity.safetyFactor ?? DEFAULT_SAFETY_FACTOR;
  if (capacity.volumePerRun !== undefined) {
    return { volumePerRunBytes: must(parseSize(capacity.volumePerRun)), deadlineSeconds: must(parseDuration(capacity.deadline ?? "")), safetyFactor, declared: describe(capacity) };
  }
  const every = must(parseDuration(capacity.every ?? ""));
  const runsPerDay = DAY_SECONDS / every;
  return {
    volumePerRunBytes: must(parseSize(capacity.volumePerDay ?? "")) / runsPerDay,
    deadlineSeconds: capacity.deadline === undefined ? every : must(parseDuration(capacity.deadline)),
    safetyFactor,
    runsPerDay,
    declared: describe(capacity),
  };
}

function describe(capacity: CapacityInput): string {
  const volume = capacity.volumePerRun !== undefined ? `${capacity.volumePerRun} a run` : `${capacity.volumePerDay} a day, every ${capacity.every}`;
  const deadline = capacity.deadline !== undefined ? `within ${capacity.deadline}` : "before the next run";
  return `${volume}, ${deadline}`;
}
