/**
 * What a change does to an output's data-quality rules between base and head: rules added, removed,
 * changed (loosened where the comparison now lets more through), `onFailure` turned from fail to warn,
 * and a rule now left to Glue (`awsOnly`), which no offline run checks any more.
 */
import type { JobConfig, QualityRule } from "../../stacks/config";

export interface QualityChange {
  readonly output: string;
  readonly rule: string;
  readonly change: "added" | "removed" | "loosened" | "tightened" | "changed";
  /** What it was, for a changed rule or setting. */
  readonly was?: string;
}

type Quality = JobConfig["outputQuality"];

/** `RowCount > 1000` -> { key: `RowCount`, op: `>`, value: 1000 }: a rule whose bound can be compared. */
function bound(rule: string): { key: string; op: string; value: number } | undefined {
  const match = /^(.*?)\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(rule.trim());
  return match ? { key: match[1], op: match[2], value: Number(match[3]) } : undefined;
}

/** Whether `after` lets through more than `before` (a lower lower bound, a higher upper bound). */
function direction(before: string, after: string): QualityChange["change"] {
  const [b, a] = [bound(before), bound(after)];
  if (!b || !a || b.key !== a.key || b.op[0] !== a.op[0]) return "changed";
  const looser = b.op.startsWith(">") ? a.value < b.value || (a.value === b.value && a.op === ">=" && b.op === ">") : a.value > b.value || (a.value === b.value && a.op === "<=" && b.op === "<");
  return looser ? "loosened" : a.value === b.value && a.op === b.op ? "changed" : "tightened";
}

const keyOf = (rule: QualityRule) => bound(rule.rule)?.key ?? rule.rule;

export function qualityChanges(base: Quality | undefined, head: Quality | undefined): QualityChange[] {
  const changes: QualityChange[] = [];
  for (const output of new Set([...Object.keys(base ?? {}), ...Object.keys(head ?? {})])) {
    const before = base?.[output];
    const after = head?.[output];
    const beforeRules = before?.rules ?? [];
    const afterRules = after?.rules ?? [];
    const matched = new Set<QualityRule>();
    for (const rule of afterRules) {
      const same = beforeRules.find((r) => r.rule === rule.rule) ?? beforeRules.find((r) => !matched.has(r) && keyOf(r) === keyOf(rule) && !afterRules.some((a) => a.rule === r.rule));
      if (!same) {
        changes.push({ output, rule: rule.rule, change: "added" });
        continue;
      }
      matched.add(same);
      if (same.rule !== rule.rule) changes.push({ output, rule: rule.rule, change: direction(same.rule, rule.rule), was: same.rule });
      if (rule.awsOnly && !same.awsOnly) changes.push({ output, rule: rule.rule, change: "loosened", was: "checked offline too; now on Glue only (awsOnly)" });
    }
    for (const rule of beforeRules) if (!matched.has(rule)) changes.push({ output, rule: rule.rule, change: "removed" });
    if (before?.onFailure === "fail" && after?.onFailure === "warn") changes.push({ output, rule: "(onFailure)", change: "loosened", was: "fail; now warn: a failed rule no longer stops the output" });
    if (before?.onFailure === "warn" && after?.onFailure === "fail") changes.push({ output, rule: "(onFailure)", change: "tightened", was: "warn; now fail" });
  }
  return changes;
}

/** The rules of head that only Glue checks: no offline run (tests, npm run job, the rehearsal) sees them. */
export function awsOnlyRules(head: Quality | undefined): { output: string; rule: string }[] {
  return Object.entries(head ?? {}).flatMap(([output, quality]) => quality.rules.filter((r) => r.awsOnly).map((r) => ({ output, rule: r.rule })));
}
