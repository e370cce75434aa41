/**
 * A key-policy statement that grants an AWS service principal must fit what that service sends to KMS
 * (stacks/constants/service-key-conditions.ts): a condition key the service's requests do not carry makes
 * the statement never apply, and the service's use of the key fails at run time, not at deploy time.
 * The use is told by the resources that reference the key (a topic, an event bus), or by the principal alone.
 */
import { principalMatches, SERVICE_KEY_USES, type ServiceKeyUse } from "../../constants/service-key-conditions";
import { findingAt } from "../finding";
import { listOf, statementsOf } from "../policy-documents";
import { interpolationsIn, resourceAttribute } from "../references";
import type { AcceptanceRule, Finding, PolicyRef, SynthesizedApp } from "../types";

const ID = "service-key-conditions";

/** The `aws_kms_key` id a key policy belongs to. */
function keyIdOf(policy: PolicyRef): string | undefined {
  if (policy.resource.type === "aws_kms_key") return policy.resource.id;
  const reference = typeof policy.resource.block.key_id === "string" ? interpolationsIn(policy.resource.block.key_id)[0] : undefined;
  const target = reference ? resourceAttribute(reference.expression) : undefined;
  return target?.type === "aws_kms_key" ? target.id : undefined;
}

const refersTo = (block: unknown, type: string, id: string) =>
  interpolationsIn(JSON.stringify(block)).some((i) => {
    const target = resourceAttribute(i.expression);
    return target?.type === type && target.id === id;
  });

/** The resource types of the stack that use the key: they reference it, or an alias of it. */
function usesOf(app: SynthesizedApp, stack: string, keyId: string): Set<string> {
  const inStack = app.resources.filter((r) => r.stack === stack);
  const aliases = inStack.filter((r) => r.type === "aws_kms_alias" && refersTo(r.block, "aws_kms_key", keyId)).map((r) => r.id);
  const users = inStack.filter(
    (r) =>
      !["aws_kms_key", "aws_kms_alias", "aws_kms_key_policy"].includes(r.type) &&
      (refersTo(r.block, "aws_kms_key", keyId) || aliases.some((alias) => refersTo(r.block, "aws_kms_alias", alias))),
  );
  return new Set(users.map((r) => r.type));
}

/** Every condition key a statement names, as written (`aws:SourceArn`), whatever the operator. */
function conditionKeysOf(statement: any): string[] {
  const condition = statement?.Condition;
  if (!condition || typeof condition !== "object") return [];
  return Object.values(condition).flatMap((byKey) => (byKey && typeof byKey === "object" ? Object.keys(byKey) : []));
}

const servicePrincipalsOf = (statement: any): string[] => listOf(statement?.Principal?.Service).filter((p): p is string => typeof p === "string");

const cite = (row: ServiceKeyUse) => `${row.source.guide}, "${row.source.section}", ${row.source.url}`;

function judge(row: ServiceKeyUse, principal: string, conditionKeys: readonly string[]): { message: string; fix: string } | undefined {
  if (row.callsAs === "caller") {
    return {
      message: `grants ${principal}, which does not call KMS as itself for ${row.use} (${cite(row)})`,
      fix: `grant the role that makes the request instead${row.note ? `: ${row.note}` : ""}`,
    };
  }
  const supported = new Set(row.conditionKeys.map((k) => k.toLowerCase()));
  const unsent = conditionKeys.filter((k) => !supported.has(k.toLowerCase()));
  if (unsent.length === 0) return undefined;
  const allowed = row.conditionKeys.length > 0 ? `only ${row.conditionKeys.join(", ")}` : "none";
  return {
    message: `grants ${principal} under ${unsent.join(", ")}, which its requests to KMS do not carry when ${row.use}; the statement never applies (${cite(row)})`,
    fix: `remove ${unsent.join(", ")} from the statement (condition keys it may use: ${allowed})${row.note ? `; ${row.note}` : ""}`,
  };
}

export const serviceKeyConditions: AcceptanceRule = {
  id: ID,
  description: "Key-policy statements for AWS service principals name only condition keys that the service sends to KMS for the key's use",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies.filter((p) => p.kind === "key")) {
      const keyId = keyIdOf(policy);
      const uses = keyId ? usesOf(app, policy.resource.stack, keyId) : new Set<string>();
      statementsOf(policy.document).forEach((statement, i) => {
        if (statement?.Effect !== "Allow") return;
        const label = `key policy statement ${statement?.Sid ? `"${statement.Sid}"` : i}`;
        for (const principal of servicePrincipalsOf(statement)) {
          const rows = SERVICE_KEY_USES.filter((row) => principalMatches(row, principal));
          const matched = rows.filter((row) => row.usedBy.length === 0 || row.usedBy.some((type) => uses.has(type)));
          if (rows.length === 0) {
            findings.push(findingAt(ID, policy.resource, `${label} grants ${principal}, a service the table of service key uses does not know`, "add its row, with the AWS page it comes from, to stacks/constants/service-key-conditions.ts"));
            continue;
          }
          if (matched.length === 0) {
            const usedBy = uses.size > 0 ? [...uses].sort().join(", ") : "no resource of this stack";
            findings.push(findingAt(ID, policy.resource, `${label} grants ${principal}, but the key is used by ${usedBy}, none of that service's uses (${rows.map((r) => r.use).join("; ")})`, "grant the service only on a key it uses, or add the use, with its AWS source, to the table"));
            continue;
          }
          for (const row of matched) {
            const problem = judge(row, principal, conditionKeysOf(statement));
            if (problem) findings.push(findingAt(ID, policy.resource, `${label} ${problem.message}`, problem.fix));
          }
        }
      });
    }
    return findings;
  },
};
