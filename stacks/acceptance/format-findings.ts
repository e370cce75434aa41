/** Findings as text: one block per finding, grouped by stack, each with its fix. */
import type { Finding } from "./types";

export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "AWS acceptance rules: no findings";
  const lines = [`AWS acceptance rules: ${findings.length} finding(s)`];
  const stacks = [...new Set(findings.map((f) => f.stack))];
  for (const stack of stacks) {
    lines.push(`${stack}:`);
    for (const f of findings.filter((x) => x.stack === stack)) {
      lines.push(`  ${f.address} [${f.rule}]: ${f.message}`, `    fix: ${f.fix}`);
    }
  }
  return lines.join("\n");
}
