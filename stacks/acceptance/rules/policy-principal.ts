/**
 * Identity policies may not name a Principal (IAM: "Policy document should not specify a principal");
 * trust, bucket, key and topic policies must name one in every statement.
 */
import { findingAt } from "../finding";
import { IDENTITY_KINDS, statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "policy-principal";

export const policyPrincipal: AcceptanceRule = {
  id: ID,
  description: "Principal only where the policy kind allows it: never in identity policies, always in resource policies",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies) {
      const identity = IDENTITY_KINDS.includes(policy.kind);
      statementsOf(policy.document).forEach((statement, i) => {
        const names = statement && typeof statement === "object" && ("Principal" in statement || "NotPrincipal" in statement);
        const label = `${policy.attribute} statement ${statement?.Sid ? `"${statement.Sid}"` : i}`;
        if (identity && names) {
          findings.push(findingAt(ID, policy.resource, `${label} names a Principal in a ${policy.kind} policy`, "remove Principal: an identity policy applies to the role it is attached to"));
        } else if (!identity && !names) {
          findings.push(findingAt(ID, policy.resource, `${label} names no Principal in a ${policy.kind} policy`, "name who the statement is for in Principal"));
        }
      });
    }
    return findings;
  },
};
