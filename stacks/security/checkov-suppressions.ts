/**
 * Every checkov finding this project accepts, with its reason, in one place. A construct marks the
 * resource it applies to with `suppressCheckov` (next to the resource); `npm run scan` honours only
 * marks made this way, and fails on any other finding.
 */
import type { TerraformResource } from "../cdktf";

export interface CheckovSuppression {
  readonly id: string;
  readonly reason: string;
}

export const SUPPRESSIONS = {
  bucketAccessLogs: {
    id: "CKV_AWS_18",
    reason: "Object access is audited by account-level CloudTrail data events; a log bucket per bucket would need its own log bucket.",
  },
  bucketEventNotifications: {
    id: "CKV2_AWS_62",
    reason: "Nothing consumes events from these buckets; notifications would be an unused integration point.",
  },
  bucketCrossRegionReplication: {
    id: "CKV_AWS_144",
    reason: "Contents are rebuilt from git (scripts, artifacts) or by re-running jobs (outputs, temp); replication is a data-platform decision per dataset.",
  },
  trustAccountNarrowedByCondition: {
    id: "CKV_AWS_61",
    reason: "The account principal is narrowed to one role by an aws:PrincipalArn condition, which unlike a role principal survives that role being re-created.",
  },
} satisfies Record<string, CheckovSuppression>;

const MARK = "checkov_suppressions";
const marks = new WeakMap<TerraformResource, CheckovSuppression[]>();

/** Records, in the resource's synthesized `//` metadata, that a check is accepted for it and why. */
export function suppressCheckov(resource: TerraformResource, ...suppressions: CheckovSuppression[]): void {
  const all = [...(marks.get(resource) ?? []), ...suppressions];
  marks.set(resource, all);
  resource.addOverride(`//.${MARK}`, all.map((s) => ({ id: s.id, reason: s.reason })));
}

/** Reads the marks back from a synthesized resource block. */
export function suppressionsOf(resourceBlock: { "//"?: Record<string, unknown> }): CheckovSuppression[] {
  return (resourceBlock["//"]?.[MARK] as CheckovSuppression[] | undefined) ?? [];
}
