/**
 * `{stageBucket}` and its kin in job values: replaced by the stage's own value. Other braces (JSON in an
 * argument, say) are left as written; a doubled or misspelled placeholder is an error, never text.
 */
import { closestMatch } from "./did-you-mean";

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const DOUBLED = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/;

export interface Replaced {
  readonly value: string;
  readonly problem?: string;
}

/** Replaces every known placeholder; reports the first doubled or unknown one. */
export function replacePlaceholders(text: string, values: Readonly<Record<string, string>>): Replaced {
  const known = Object.keys(values);
  const example = known.map((name) => `{${name}}`).join(", ");
  const doubled = DOUBLED.exec(text);
  if (doubled) {
    return {
      value: text,
      problem: `found ${doubled[0]}; placeholders take single braces: write {${doubled[1]}}`,
    };
  }
  let problem: string | undefined;
  const value = text.replace(PLACEHOLDER, (whole, name: string) => {
    if (Object.prototype.hasOwnProperty.call(values, name)) return values[name];
    const guess = closestMatch(name, known);
    problem ??= `found the unknown placeholder ${whole}${guess ? ` (did you mean {${guess}}?)` : ""}; the placeholders are ${example}`;
    return whole;
  });
  return { value, problem };
}
