/** IAM and KMS take a policy document only in tab, line breaks and U+0020..U+00FF (their APIs' pattern). */
import { findingAt } from "../finding";
import type { AcceptanceRule, Finding, PolicyKind } from "../types";

const ID = "policy-characters";
const CHECKED_KINDS: readonly PolicyKind[] = ["inline", "managed", "trust", "key"];
const REFUSED = /[^\t\n\r\u0020-\u00FF]/u;

export const policyCharacters: AcceptanceRule = {
  id: ID,
  description: "IAM and KMS policy documents hold only Latin-1 characters (no control characters)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies.filter((p) => CHECKED_KINDS.includes(p.kind))) {
      const match = REFUSED.exec(policy.text);
      if (match) {
        const code = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
        findings.push(findingAt(ID, policy.resource, `${policy.attribute} holds ${code} (${JSON.stringify(match[0])}), which ${policy.kind === "key" ? "KMS" : "IAM"} refuses`, "keep policy text (names, paths, conditions) to Latin-1 characters"));
      }
    }
    return findings;
  },
};
