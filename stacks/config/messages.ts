/**
 * The wording of every config message: what was found, what is expected, and an example of a right
 * value. One place, so that every key speaks the same way.
 */

const MAX_SHOWN = 80;

/** A value as a person would name it in a message: `"eu-wset-1"`, `the number 5`, `a list`. */
export function describeFound(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "an empty value";
  if (typeof input === "string") {
    if (input.length === 0) return "an empty string";
    const shown = input.length > MAX_SHOWN ? `${input.slice(0, MAX_SHOWN)}…` : input;
    return JSON.stringify(shown);
  }
  if (typeof input === "number") return `the number ${input}`;
  if (typeof input === "boolean") return `the boolean ${input}`;
  if (Array.isArray(input)) return "a list";
  return "a mapping";
}

/** `found X; expected Y, for example Z` (with an optional reason between the two). */
export function expectedMessage(input: unknown, expected: string, example: string, reason?: string): string {
  if (input === undefined) return `required key is missing; add it: expected ${expected}, for example ${example}`;
  return `found ${describeFound(input)}${reason ? ` (${reason})` : ""}; expected ${expected}, for example ${example}`;
}
