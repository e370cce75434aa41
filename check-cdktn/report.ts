/** The comparison as text for a person, and as JSON for bench. */
import type { Difference, ProviderPin } from "./compare-synth";

export interface CheckResult {
  /** e.g. "cdktf 0.21.0, @cdktf/provider-aws 21.22.1" */
  readonly cdktf: string;
  readonly cdktn: string;
  /** config → the stacks it synthesized */
  readonly configs: Record<string, string[]>;
  readonly differences: Difference[];
  readonly pins: ProviderPin[];
  readonly notes: string[];
  readonly seconds: number;
}

/** Differences shown per stack before the rest is counted. */
const SHOWN_PER_STACK = 20;

function shown(value: unknown): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

export function unexpectedOf(result: CheckResult): Difference[] {
  return result.differences.filter((d) => !d.expected);
}

export function reportText(result: CheckResult): string {
  const lines = [`check:cdktn: ${result.cdktf}  vs  ${result.cdktn} (in a temporary copy; ${result.seconds.toFixed(0)} s)`, ""];
  for (const [config, stacks] of Object.entries(result.configs)) {
    const byStack = stacks.map((stack) => {
      const found = result.differences.filter((d) => d.config === config && d.stack === stack);
      const unexpected = found.filter((d) => !d.expected).length;
      if (found.length === 0) return `${stack} same`;
      return unexpected === 0 ? `${stack} ${found.length} expected difference(s)` : `${stack} ${unexpected} unexpected difference(s)`;
    });
    lines.push(`${config}: ${byStack.join(", ")}`);
  }
  const pinPairs = [...new Set(result.pins.map((p) => `${p.provider} ${p.cdktf ?? "(none)"} -> ${p.cdktn ?? "(none)"}`))];
  lines.push("", `provider pins (reported apart, not compared): ${pinPairs.join("; ") || "none"} in ${result.pins.length} stack(s)`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  const expected = result.differences.filter((d) => d.expected);
  if (expected.length > 0) {
    lines.push("", `expected differences (${expected.length}):`);
    for (const why of new Set(expected.map((d) => d.expected))) lines.push(`  ${expected.filter((d) => d.expected === why).length} x ${why}`);
  }
  const unexpected = unexpectedOf(result);
  lines.push("", unexpected.length === 0 ? "unexpected differences: none" : `unexpected differences (${unexpected.length}):`);
  const groups = new Map<string, Difference[]>();
  for (const d of unexpected) groups.set(`${d.config} ${d.stack}`, [...(groups.get(`${d.config} ${d.stack}`) ?? []), d]);
  for (const [where, found] of groups) {
    lines.push(`  ${where}:`);
    for (const d of found.slice(0, SHOWN_PER_STACK)) lines.push(`    ${d.path}: cdktf ${shown(d.cdktf)}, cdktn ${shown(d.cdktn)}`);
    if (found.length > SHOWN_PER_STACK) lines.push(`    ... and ${found.length - SHOWN_PER_STACK} more (--json FILE has them all)`);
  }
  lines.push(
    "",
    unexpected.length === 0
      ? "result: the fork synthesizes the same Terraform; switching is the seam's module names and package.json"
      : "result: the fork synthesizes different Terraform; add a difference to EXPECTED_DIFFERENCES (check-cdktn/compare-synth.ts) only with the reason it is harmless",
  );
  return lines.join("\n");
}
