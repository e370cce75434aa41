/**
 * `jobs.<name>.capacity`: what a job must handle, for the capacity plan (docs/performance-tests.md).
 * Either a volume per run and its deadline, or a volume per day with how often the job runs (each run
 * then takes its share, and must end before the next starts unless a shorter deadline is given).
 */
import { z } from "zod";
import { parseDuration, parseSize } from "./capacity-units";
import { expectedMessage } from "./messages";
import { closedObject } from "./schema-parts";

/** Multiplies the measured work in the estimate, for what a local measurement does not see. */
export const DEFAULT_SAFETY_FACTOR = 1.5;

const size = (example: string) =>
  z.string({ error: (i) => expectedMessage(i.input, "a size in quotes", `"${example}"`) }).superRefine((value, ctx) => {
    const parsed = parseSize(value);
    if (typeof parsed !== "number") ctx.addIssue({ code: "custom", input: value, message: expectedMessage(value, "a size", `"${example}"`, parsed.problem) });
  });

const duration = (example: string) =>
  z.string({ error: (i) => expectedMessage(i.input, "a duration in quotes", `"${example}"`) }).superRefine((value, ctx) => {
    const parsed = parseDuration(value);
    if (typeof parsed !== "number") ctx.addIssue({ code: "custom", input: value, message: expectedMessage(value, "a duration", `"${example}"`, parsed.problem) });
  });

const safetyFactor = z
  .number({ error: (i) => expectedMessage(i.input, "a number from 1 to 10", String(DEFAULT_SAFETY_FACTOR)) })
  .min(1, { error: (i) => expectedMessage(i.input, "a number from 1 to 10 (1 is no margin at all)", String(DEFAULT_SAFETY_FACTOR)) })
  .max(10, { error: (i) => expectedMessage(i.input, "a number from 1 to 10", String(DEFAULT_SAFETY_FACTOR)) });

export const capacitySchema = closedObject(
  {
    volumePerRun: size("40 GB").optional(),
    volumePerDay: size("1 TB").optional(),
    every: duration("1h").optional(),
    deadline: duration("15m").optional(),
    safetyFactor: safetyFactor.optional(),
  },
  "a job's capacity (volumePerRun and deadline, or volumePerDay and every)",
  '{ volumePerRun: "40 GB", deadline: "15m" }',
).superRefine((value, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], input: value, message });
  if (value.volumePerRun !== undefined && value.volumePerDay !== undefined) {
    problem("volumePerDay", "give volumePerRun or volumePerDay, not both: one of them says how much a run reads");
  } else if (value.volumePerRun === undefined && value.volumePerDay === undefined) {
    ctx.addIssue({ code: "custom", input: value, message: 'say how much a run reads: add volumePerRun: "40 GB" (with deadline), or volumePerDay: "1 TB" (with every)' });
  } else if (value.volumePerRun !== undefined) {
    if (value.deadline === undefined) problem("deadline", 'required key is missing; add it: expected how long a run may take, for example "15m"');
    if (value.every !== undefined) problem("every", "every goes with volumePerDay, to share the day's volume among its runs; drop it, or give volumePerDay instead of volumePerRun");
  } else if (value.every === undefined) {
    problem("every", 'required key is missing; add it: expected how often the job runs, for example "1h" (24 runs a day share the volume)');
  } else {
    const every = parseDuration(value.every);
    const deadline = value.deadline === undefined ? undefined : parseDuration(value.deadline);
    if (typeof every === "number" && every > 86400) problem("every", `found "${value.every}"; a volume per day needs a run at least once a day: expected at most 1d, for example "1h"`);
    if (typeof every === "number" && typeof deadline === "number" && deadline > every) {
      problem("deadline", `found "${value.deadline}", longer than every ("${value.every}"): a run would still be going when the next starts; expected at most "${value.every}"`);
    }
  }
});
export type CapacityInput = z.infer<typeof capacitySchema>;
