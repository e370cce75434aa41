/**
 * Checks on the YAML as written, before the schema sees it: what YAML itself hides (merge keys, numbers
 * that lost digits) and text no key may hold (control characters, Terraform template syntax).
 */
import type { Document } from "yaml";
import type { ConfigProblem } from "./config-error";
import { keyPath } from "./config-error";
import { CONTROL_CHARACTERS, TERRAFORM_TEMPLATE } from "./value-rules";

const ACCOUNT_KEYS = ["pipelineAccount", "devAccount", "prodAccount"];

/** Every problem of the parsed value (and of the document's source text, for numbers). */
export function rawProblems(raw: unknown, doc: Document): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  walk(raw, [], problems);
  for (const account of ACCOUNT_KEYS) {
    const at = [account, "awsAccountId"];
    const node = doc.getIn(at, true) as { value?: unknown; source?: string } | undefined;
    if (typeof node?.value === "number" && node.source !== undefined && node.source !== String(node.value)) {
      problems.push({
        path: keyPath(at),
        message:
          `found ${node.source} unquoted, which YAML reads as the number ${node.value}; ` +
          `expected a 12-digit account ID in quotes, for example "${/^\d{12}$/.test(node.source) ? node.source : "012345678901"}"`,
      });
    }
  }
  return problems;
}

function walk(value: unknown, at: PropertyKey[], problems: ConfigProblem[]): void {
  if (typeof value === "string") {
    const problem = textProblem(value);
    if (problem) problems.push({ path: keyPath(at), message: problem });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...at, i], problems));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, item] of Object.entries(value)) {
    if (key === "<<") {
      problems.push({
        path: keyPath([...at, key]),
        message:
          "YAML merge keys (<<) are not read: this file is YAML 1.2, where << is an ordinary key. " +
          "Write the keys out, or put what stages share under the top-level jobs: and override per stage",
      });
      continue;
    }
    if (key === "__proto__") {
      problems.push({ path: keyPath([...at, key]), message: 'found the key "__proto__", which the config loader cannot keep as a key; rename it, for example proto' });
      continue;
    }
    const keyProblem = textProblem(key);
    // The key itself may be unprintable, so the message names it escaped, under its parent's path.
    if (keyProblem) problems.push({ path: keyPath(at), message: `the key ${JSON.stringify(key)}: ${keyProblem}` });
    walk(item, [...at, key], problems);
  }
}

/** What makes a piece of config text unsafe anywhere: it ends up in Terraform JSON, IAM policies and shells. */
export function textProblem(text: string): string | undefined {
  const control = CONTROL_CHARACTERS.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).padStart(4, "0");
    return `found the control character U+${code} in ${JSON.stringify(text.slice(0, 60))}; expected plain one-line text, for example "Joins persons and memberships"`;
  }
  const template = TERRAFORM_TEMPLATE.exec(text);
  if (template) {
    return (
      `found "${template[0]}" in ${JSON.stringify(text.slice(0, 60))}, which Terraform would evaluate as its own template syntax ` +
      `on the machine that deploys; expected text without "\${" or "%{", for example "cost $ (USD)" or "rate 5%"`
    );
  }
  return undefined;
}
