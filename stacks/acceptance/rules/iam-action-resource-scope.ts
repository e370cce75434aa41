/**
 * An action that has no resource-level permissions (AWS's reference lists no resource type for it) is
 * granted only by `Resource: "*"`: a statement that names ARNs for it grants nothing, and the call fails
 * at run time with AccessDenied. Identity policies only; built from an ActionCatalog, so the rule stays pure.
 */
import type { ActionCatalog } from "../action-catalog";
import { findingAt } from "../finding";
import { IDENTITY_KINDS, listOf, statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "iam-action-resource-scope";

export function iamActionResourceScope(catalog: ActionCatalog): AcceptanceRule {
  return {
    id: ID,
    description: `an action with no resource-level permissions (${catalog.source}) is granted on "*"`,
    check: (app) => {
      const findings: Finding[] = [];
      for (const policy of app.policies.filter((p) => IDENTITY_KINDS.includes(p.kind))) {
        for (const statement of statementsOf(policy.document)) {
          if (statement?.Effect !== "Allow" || statement.NotResource !== undefined || listOf(statement.Resource).includes("*")) continue;
          for (const action of listOf(statement.Action)) {
            if (typeof action !== "string" || /[*?]/.test(action) || !catalog.unscoped.has(action.toLowerCase())) continue;
            findings.push(
              findingAt(
                ID,
                policy.resource,
                `${policy.attribute}: statement ${statement.Sid ?? "(no Sid)"} grants ${action} on ${JSON.stringify(statement.Resource)}, but ${action} has no resource-level permissions, so the grant never applies`,
                `grant ${action} in a statement of its own on "*", with a reason`,
              ),
            );
          }
        }
      }
      return findings;
    },
  };
}
