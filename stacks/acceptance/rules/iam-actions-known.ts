/**
 * Every action names a real IAM action of AWS's Service Authorization Reference: IAM refuses unknown
 * actions in some places and silently ignores them in others, which leaves a right missing at run time.
 * A wildcard must match at least one action. Built from an ActionCatalog, so the rule itself stays pure.
 */
import type { ActionCatalog } from "../action-catalog";
import { findingAt } from "../finding";
import { listOf, statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "iam-actions-known";

/** Why `action` is refused, or undefined when it names at least one real action. */
export function unknownActionReason(action: unknown, catalog: ActionCatalog, cache = new Map<string, string | undefined>()): string | undefined {
  if (action === "*") return undefined;
  if (typeof action !== "string" || !/^[^:]+:[^:]+$/.test(action)) return "is not of the form service:Action";
  if (cache.has(action)) return cache.get(action);
  const [prefix, name] = action.toLowerCase().split(":");
  const actions = catalog.actions.get(prefix);
  let reason: string | undefined;
  if (!actions) {
    reason = `names the service prefix "${prefix}", which ${catalog.source} does not know`;
  } else {
    const pattern = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    if (!actions.some((known) => pattern.test(known))) {
      reason = name.includes("*") || name.includes("?") ? `matches no action of ${prefix} in ${catalog.source}` : `is not an action of ${prefix} in ${catalog.source}`;
    }
  }
  cache.set(action, reason);
  return reason;
}

export function iamActionsKnown(catalog: ActionCatalog): AcceptanceRule {
  return {
    id: ID,
    description: `every action exists in AWS's IAM reference (${catalog.source}); a wildcard matches at least one`,
    check: (app) => {
      const findings: Finding[] = [];
      const cache = new Map<string, string | undefined>();
      for (const policy of app.policies) {
        for (const statement of statementsOf(policy.document)) {
          for (const action of [...listOf(statement?.Action), ...listOf(statement?.NotAction)]) {
            const reason = unknownActionReason(action, catalog, cache);
            if (reason) {
              findings.push(findingAt(ID, policy.resource, `${policy.attribute}: action ${JSON.stringify(action)} ${reason}`, "spell the action as the Service Authorization Reference lists it, e.g. s3:GetObject"));
            }
          }
        }
      }
      return findings;
    },
  };
}
