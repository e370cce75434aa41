/** A policy must be a JSON object with a Statement: anything else is refused as MalformedPolicyDocument. */
import { findingAt } from "../finding";
import { statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding } from "../types";

const ID = "policy-json";
const VERSIONS = ["2012-10-17", "2008-10-17"];

export const policyJson: AcceptanceRule = {
  id: ID,
  description: "every policy is a JSON object with a known Version and at least one statement",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies) {
      const where = policy.resource;
      const document = policy.document;
      if (document === undefined || typeof document !== "object" || Array.isArray(document) || document === null) {
        findings.push(findingAt(ID, where, `${policy.attribute} is not a JSON policy document that the acceptance rules can read`, "build the policy with policyDocument() from stacks/iam/policy-document.ts"));
        continue;
      }
      if (document.Version !== undefined && !VERSIONS.includes(document.Version)) {
        findings.push(findingAt(ID, where, `${policy.attribute} has Version ${JSON.stringify(document.Version)}`, `write "Version": "2012-10-17"`));
      }
      if (statementsOf(document).length === 0) {
        findings.push(findingAt(ID, where, `${policy.attribute} has no statement`, "add at least one statement, or leave the policy out"));
      }
    }
    return findings;
  },
};
