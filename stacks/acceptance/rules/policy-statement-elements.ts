/** Each statement needs an Effect, exactly one of Action/NotAction and, except in trust policies, of Resource/NotResource. */
import { findingAt } from "../finding";
import { statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "policy-statement-elements";

function problemsOf(statement: any, needsResource: boolean): string[] {
  if (!statement || typeof statement !== "object" || Array.isArray(statement)) return ["is not an object"];
  const problems: string[] = [];
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") problems.push(`has Effect ${JSON.stringify(statement.Effect)}, not Allow or Deny`);
  if (("Action" in statement) === ("NotAction" in statement)) problems.push("needs exactly one of Action and NotAction");
  if (needsResource && ("Resource" in statement) === ("NotResource" in statement)) problems.push("needs exactly one of Resource and NotResource");
  return problems;
}

export const policyStatementElements: AcceptanceRule = {
  id: ID,
  description: "every statement has Effect, Action (or NotAction) and, outside trust policies, Resource (or NotResource)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies) {
      statementsOf(policy.document).forEach((statement, i) => {
        for (const problem of problemsOf(statement, policy.kind !== "trust")) {
          findings.push(findingAt(ID, policy.resource, `${policy.attribute} statement ${statement?.Sid ? `"${statement.Sid}"` : i} ${problem}`, "write Effect, Action and Resource in each statement"));
        }
      });
    }
    return findings;
  },
};
