/** Every policy document of a stack, with its kind: where IAM, S3, KMS and SNS each read one. */
import { resourceAttribute } from "./references";
import type { PolicyKind, PolicyRef, ResourceRef } from "./types";

/** Which attribute of which resource type holds which kind of policy. */
const POLICY_ATTRIBUTES: readonly { type: string; attribute: string; kind: PolicyKind }[] = [
  { type: "aws_iam_role", attribute: "assume_role_policy", kind: "trust" },
  { type: "aws_iam_role_policy", attribute: "policy", kind: "inline" },
  { type: "aws_iam_policy", attribute: "policy", kind: "managed" },
  { type: "aws_s3_bucket_policy", attribute: "policy", kind: "bucket" },
  { type: "aws_s3_bucket", attribute: "policy", kind: "bucket" },
  { type: "aws_kms_key", attribute: "policy", kind: "key" },
  { type: "aws_kms_key_policy", attribute: "policy", kind: "key" },
  { type: "aws_sns_topic_policy", attribute: "policy", kind: "topic" },
  { type: "aws_sns_topic", attribute: "policy", kind: "topic" },
];

export const IDENTITY_KINDS: readonly PolicyKind[] = ["inline", "managed"];

function parsed(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The key that groups a role's inline policies: the role's address when the policy references it, else
 * the role of that name in the same account, else the name itself.
 */
function roleKeyOf(policy: ResourceRef, roles: readonly ResourceRef[]): string {
  const role = policy.block.role;
  if (typeof role !== "string") return `${policy.stack} ${policy.address}`;
  const reference = /^\$\{(.*)\}$/.exec(role);
  const target = reference ? resourceAttribute(reference[1]) : undefined;
  if (target) return `${policy.stack} ${target.type}.${target.id}`;
  const named = roles.find((r) => r.block.name === role && r.provider.accountId === policy.provider.accountId);
  return named ? `${named.stack} ${named.address}` : `role ${policy.provider.accountId ?? "?"} ${role}`;
}

export function policiesOf(resources: readonly ResourceRef[]): PolicyRef[] {
  const roles = resources.filter((r) => r.type === "aws_iam_role");
  const policies: PolicyRef[] = [];
  const add = (resource: ResourceRef, attribute: string, kind: PolicyKind, text: unknown, roleKey?: string) => {
    if (typeof text !== "string") return;
    policies.push({ kind, resource, attribute, text, document: parsed(text), roleKey });
  };
  for (const resource of resources) {
    for (const { type, attribute, kind } of POLICY_ATTRIBUTES) {
      if (resource.type !== type) continue;
      const roleKey = kind === "inline" ? roleKeyOf(resource, roles) : undefined;
      add(resource, attribute, kind, resource.block[attribute], roleKey);
    }
    // A role's own inline_policy blocks count towards the same per-role limit as aws_iam_role_policy.
    if (resource.type === "aws_iam_role" && Array.isArray(resource.block.inline_policy)) {
      resource.block.inline_policy.forEach((inline: any, i: number) =>
        add(resource, `inline_policy[${i}].policy`, "inline", inline?.policy, `${resource.stack} ${resource.address}`),
      );
    }
  }
  return policies;
}

/** A document's statements as a list (IAM accepts one statement object too). */
export function statementsOf(document: any): any[] {
  if (!document || typeof document !== "object") return [];
  const statement = document.Statement;
  return Array.isArray(statement) ? statement : statement && typeof statement === "object" ? [statement] : [];
}

/** A string-or-list element (Action, Resource, ...) as a list. */
export function listOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
