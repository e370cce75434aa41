/** IAM policies (identity and trust) accept only ASCII letters and digits in a Sid. */
import { findingAt } from "../finding";
import { statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding, PolicyKind } from "../types";

const ID = "policy-sid-characters";
/** S3, KMS and SNS accept a wider Sid (spaces, for one); IAM does not. */
const IAM_KINDS: readonly PolicyKind[] = ["inline", "managed", "trust"];
const SID = /^[A-Za-z0-9]*$/;

export const policySidCharacters: AcceptanceRule = {
  id: ID,
  description: "Sids of IAM policies use only ASCII letters and digits",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies.filter((p) => IAM_KINDS.includes(p.kind))) {
      for (const statement of statementsOf(policy.document)) {
        const sid = statement?.Sid;
        if (sid === undefined) continue;
        if (typeof sid !== "string" || !SID.test(sid)) {
          findings.push(findingAt(ID, policy.resource, `${policy.attribute}: Sid ${JSON.stringify(sid)} is not alphanumeric`, "use only A-Z, a-z and 0-9 in a Sid, e.g. ReadArtifacts"));
        }
      }
    }
    return findings;
  },
};
