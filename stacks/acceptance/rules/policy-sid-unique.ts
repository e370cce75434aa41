/** IAM refuses a policy in which two statements share a Sid (MalformedPolicyDocument). */
import { findingAt } from "../finding";
import { statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "policy-sid-unique";

export const policySidUnique: AcceptanceRule = {
  id: ID,
  description: "Sids are unique within one policy",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies) {
      const counts = new Map<string, number>();
      for (const statement of statementsOf(policy.document)) {
        if (typeof statement?.Sid === "string") counts.set(statement.Sid, (counts.get(statement.Sid) ?? 0) + 1);
      }
      for (const [sid, count] of counts) {
        if (count > 1) {
          findings.push(
            findingAt(ID, policy.resource, `${policy.attribute}: Sid "${sid}" is used by ${count} statements`, "give each statement of the policy its own Sid"),
          );
        }
      }
    }
    return findings;
  },
};
