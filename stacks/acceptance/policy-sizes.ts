/**
 * Policy sizes as AWS counts them, against AWS's limits. IAM counts characters and ignores whitespace;
 * S3, KMS and SNS count the bytes of the document. A reference such as `${aws_kms_key.key_1234.arn}`
 * counts at the length of what it resolves to (see reference-stand-ins.ts), never its own text.
 */
import { replaceInterpolations } from "./references";
import { standInFor } from "./reference-stand-ins";
import type { PolicyKind, PolicyRef, SynthesizedApp } from "./types";

export interface PolicyLimit {
  readonly limit: number;
  readonly unit: "characters" | "bytes";
  /** How AWS names what is limited. */
  readonly what: string;
}

/** IAM and service quotas (IAM's role trust policy quota is 2,048 by default; a raise is per account). */
export const POLICY_LIMITS: Readonly<Record<PolicyKind, PolicyLimit>> = {
  inline: { limit: 10_240, unit: "characters", what: "the inline policies of one role together" },
  managed: { limit: 6_144, unit: "characters", what: "a managed policy" },
  trust: { limit: 2_048, unit: "characters", what: "a role trust policy" },
  bucket: { limit: 20 * 1024, unit: "bytes", what: "an S3 bucket policy" },
  key: { limit: 32 * 1024, unit: "bytes", what: "a KMS key policy" },
  topic: { limit: 30 * 1024, unit: "bytes", what: "an SNS topic policy" },
};

export interface MeasuredPolicy {
  readonly kind: PolicyKind;
  readonly stack: string;
  /** The policy's resource; for inline policies, their role. */
  readonly address: string;
  /** The resources whose policies were added up (one, except for a role's inline policies). */
  readonly parts: readonly string[];
  readonly size: number;
  readonly limit: PolicyLimit;
  /** References with no stand-in: counted as nothing here, reported by the policy-references rule. */
  readonly unresolved: readonly string[];
}

/** The text AWS will receive: compact for IAM (whitespace is not counted), references resolved. */
function resolvedText(policy: PolicyRef, app: SynthesizedApp): { text: string; unresolved: string[] } {
  const iam = POLICY_LIMITS[policy.kind].unit === "characters";
  const base = iam && policy.document !== undefined ? JSON.stringify(policy.document) : policy.text;
  const unresolved: string[] = [];
  const text = replaceInterpolations(base, (expression, reference) => {
    const standIn = standInFor(expression, policy.resource, app);
    if (standIn === undefined) unresolved.push(reference);
    return standIn ?? "";
  });
  return { text, unresolved };
}

function sizeOf(text: string, unit: PolicyLimit["unit"]): number {
  return unit === "bytes" ? Buffer.byteLength(text, "utf8") : [...text].length;
}

/** Every policy of the app measured; a role's inline policies as one entry, as IAM limits them. */
export function measuredPolicies(app: SynthesizedApp): MeasuredPolicy[] {
  const measured: MeasuredPolicy[] = [];
  const byRole = new Map<string, { stack: string; address: string; parts: string[]; size: number; unresolved: string[] }>();
  for (const policy of app.policies) {
    const limit = POLICY_LIMITS[policy.kind];
    const { text, unresolved } = resolvedText(policy, app);
    const size = sizeOf(text, limit.unit);
    const { stack, address } = policy.resource;
    if (policy.kind !== "inline") {
      measured.push({ kind: policy.kind, stack, address, parts: [address], size, limit, unresolved });
      continue;
    }
    const key = policy.roleKey ?? `${stack} ${address}`;
    const role = byRole.get(key) ?? { stack, address: roleAddressOf(key), parts: [], size: 0, unresolved: [] };
    role.parts.push(address);
    role.size += size;
    role.unresolved.push(...unresolved);
    byRole.set(key, role);
  }
  for (const role of byRole.values()) measured.push({ kind: "inline", limit: POLICY_LIMITS.inline, ...role });
  return measured;
}

/** `<stack> <address>` keys name the role's address; a role outside the app is named by its name. */
function roleAddressOf(key: string): string {
  return key.startsWith("role ") ? `role ${key.split(" ").slice(2).join(" ")}` : key.split(" ")[1];
}
