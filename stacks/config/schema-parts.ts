/**
 * Building blocks of the config schema. Each one words its own errors in the project's way: what was
 * found, what is expected, and an example (see messages.ts).
 */
import { z } from "zod";
import { closestMatch } from "./did-you-mean";
import { describeFound, expectedMessage } from "./messages";

/** A closed mapping: an unknown key is an error, with a hint when it looks like a typo. */
export function closedObject<T extends z.ZodRawShape>(shape: T, what: string, example: string, whenEmpty?: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const hints = issue.keys.map((key) => {
          const guess = closestMatch(key, known);
          return guess ? `"${key}" (did you mean "${guess}"?)` : `"${key}"`;
        });
        return `unknown key ${hints.join(", ")}; allowed keys: ${known.join(", ")}`;
      }
      if (issue.code === "invalid_type" && issue.input === null && whenEmpty) return whenEmpty;
      if (issue.code === "invalid_type") return expectedMessage(issue.input, what, example);
      return undefined;
    },
  });
}

/** A long list of choices is named by examples and the file that keeps it, not printed whole. */
export interface LongList {
  readonly examples: string;
  readonly listedIn: string;
}

/** One of a fixed list of names, with "did you mean" for a near miss. */
export function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string, long?: LongList) {
  const choices = long ? `a name such as ${long.examples} (every ${what} is listed in ${long.listedIn})` : `one of: ${values.join(", ")}`;
  return z.enum(values, {
    error: (issue) => {
      if (issue.input === undefined) return `required key is missing; add it: expected ${choices}`;
      const guess = typeof issue.input === "string" ? closestMatch(issue.input, values) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : "";
      if (typeof issue.input !== "string") return `found ${describeFound(issue.input)}; expected ${choices}`;
      return `"${issue.input}" is not a known ${what}${hint}; expected ${choices}`;
    },
  });
}

/**
 * Text that must match `pattern` (and pass `check`, which names what else is wrong). The message says
 * what was found, what is expected and gives an example.
 */
export function text(what: string, example: string, pattern?: RegExp, check?: (value: string) => string | undefined) {
  let schema = z.string({ error: (issue) => expectedMessage(issue.input, what, example) });
  if (pattern) schema = schema.regex(pattern, { error: (issue) => expectedMessage(issue.input, what, example) });
  if (!check) return schema;
  return schema.superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: "custom", input: value, message: expectedMessage(value, what, example, problem) });
  });
}

export function bool(what: string) {
  return z.boolean({ error: (issue) => expectedMessage(issue.input, `true or false for ${what}`, "true", typeof issue.input === "string" ? "YAML 1.2 reads yes, no, on and off as text" : undefined) });
}

export function wholeNumber(what: string, min: number, max: number, example: number) {
  const message = (input: unknown) => expectedMessage(input, `a whole number from ${min} to ${max} for ${what}`, String(example));
  return z
    .number({ error: (issue) => message(issue.input) })
    .int({ error: (issue) => message(issue.input) })
    .min(min, { error: (issue) => message(issue.input) })
    .max(max, { error: (issue) => message(issue.input) });
}

/** A map whose keys follow `keyPattern`; a bad key is named with the fix. */
export function mapOf<V extends z.ZodType>(value: V, what: string, example: string, keyPattern: RegExp, keyRule: string) {
  return z.record(
    z.string().regex(keyPattern, { error: (issue) => `"${issue.input}" is not a valid ${what} name; ${keyRule}` }),
    value,
    { error: (issue) => expectedMessage(issue.input, `a mapping of ${what} names to values`, example) },
  );
}

/**
 * A value written either as text (`plain`) or as a mapping (`mapping`). The branch that fits the
 * value's kind words the error; a value of neither kind is named with both forms.
 */
export function stringOrMapping<P extends z.ZodType, M extends z.ZodType>(plain: P, mapping: M, what: string, example: string) {
  return z.union([plain, mapping], {
    error: (issue) => {
      if (issue.code !== "invalid_union") return undefined;
      const input = issue.input;
      if (input !== null && typeof input === "object" && !Array.isArray(input)) {
        // A mapping: say what is wrong inside it (an unknown key, a missing one), not that it is no text.
        const inner = issue.errors.at(-1)?.find((e) => e.code === "unrecognized_keys") ?? issue.errors.at(-1)?.[0];
        if (inner?.message) return inner.path.length > 0 ? `${inner.path.join(".")}: ${inner.message}` : inner.message;
      }
      return expectedMessage(input, what, example);
    },
  });
}
