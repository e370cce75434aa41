/**
 * Drift, as a person needs it: which deployed resources changed outside Terraform, which attributes, what
 * each was and what it is now. Pure: it reads the JSON of `terraform plan -refresh-only` (its
 * `resource_drift`) and of a normal plan (what the next deploy would change), nothing else.
 *
 * A refresh also finds attributes the configuration does not set, which the state has simply not caught up
 * with: a role's `inline_policy` filled in by its `aws_iam_role_policy`, a bucket's `policy` by its
 * `aws_s3_bucket_policy`, `tags` read back as `{}` for none. No deploy would change those, so they are not
 * drift: only a resource the next deploy would act on (the normal plan changes it) is named, or an attribute
 * the planned changes read (Terraform's `relevant_attributes`). The others are counted as `stale`.
 */
import type { PathStep, ResourceChange, TerraformPlanJson } from "./plan-json";
import { actionOf, formatPath, nameAttribute, nameIn, shownValue, summarizePlan, valueAt, type PlanCounts } from "./summarize-plan";

export interface DriftedAttribute {
  readonly path: string;
  /** As the last apply left it, and as it is now (shown as text; sensitive values never). */
  readonly was: string;
  readonly now: string;
}

export interface DriftedResource {
  readonly address: string;
  readonly type: string;
  readonly name?: string;
  /** `changed` outside Terraform, or `deleted` outside Terraform. */
  readonly drift: "changed" | "deleted";
  readonly attributes: readonly DriftedAttribute[];
}

export interface StackDrift {
  readonly stack: string;
  readonly drifted: readonly DriftedResource[];
  /** Addresses whose state lags only in attributes no deploy would change: not drift. */
  readonly stale: readonly string[];
  /** What the next deploy would change, drift and undeployed code together. */
  readonly pending: PlanCounts;
}

/**
 * Attributes Terraform computes from others: a change to them shows as the change of their source
 * (`tags_all` follows `tags` and the provider's default tags).
 */
const DERIVED = new Set(["tags_all"]);
const MAX_ATTRIBUTES = 20;

export function summarizeDrift(stack: string, refreshOnly: TerraformPlanJson, plan: TerraformPlanJson): StackDrift {
  const found = (refreshOnly.resource_drift ?? []).filter((r) => r.mode === "managed").map(driftedResource).filter((r): r is DriftedResource => r !== undefined);
  const changed = new Set((plan.resource_changes ?? []).filter((r) => actionOf(r.change.actions, r.change.importing !== undefined) !== undefined).map((r) => r.address));
  const relevant = (plan.relevant_attributes ?? []).map((r) => ({ resource: r.resource, path: formatPath([...r.attribute]) }));
  // An attribute the planned changes read (e.g. a role's arn for its job) matters; the role's other attributes do not.
  const read = (address: string, path: string) => relevant.some((r) => r.resource === address && (within(path, r.path) || within(r.path, path)));
  const drifted: DriftedResource[] = [];
  const stale: string[] = [];
  for (const resource of found) {
    const attributes = changed.has(resource.address) ? resource.attributes : resource.attributes.filter((a) => read(resource.address, a.path));
    if (resource.drift === "deleted" || attributes.length > 0) drifted.push({ ...resource, attributes: resource.drift === "deleted" ? [] : attributes });
    else stale.push(resource.address);
  }
  return { stack, drifted, stale, pending: summarizePlan(stack, plan).counts };
}

/** Whether attribute path `inner` is `outer` or inside it ("" is the whole resource). */
function within(inner: string, outer: string): boolean {
  return outer === "" || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

function driftedResource(resource: ResourceChange): DriftedResource | undefined {
  const { change } = resource;
  const action = actionOf(change.actions);
  if (!action) return undefined;
  const name = nameIn(change.before, nameAttribute(change));
  const base = { address: resource.address, type: resource.type, ...(name ? { name } : {}) };
  if (action === "delete") return { ...base, drift: "deleted", attributes: [] };
  const attributes = differences(change.before, change.after, [])
    .filter((path) => !DERIVED.has(String(path[0])))
    .slice(0, MAX_ATTRIBUTES)
    .map((path) => ({
      path: formatPath(path),
      was: shownValue(valueAt(change.before, path), valueAt(change.before_sensitive, path) === true, false),
      now: shownValue(valueAt(change.after, path), valueAt(change.after_sensitive, path) === true, false),
    }));
  return attributes.length > 0 ? { ...base, drift: "changed", attributes } : undefined;
}

/**
 * The paths of the leaves that differ between two values (a whole list when its length changed). None,
 * null, "", [] and {} are one value: the AWS provider reads each of them back for "not set".
 */
export function differences(before: unknown, after: unknown, path: PathStep[]): PathStep[][] {
  if (Object.is(before, after) || (isUnset(before) && isUnset(after))) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length !== after.length) return [path];
    return before.flatMap((item, i) => differences(item, after[i], [...path, i]));
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => differences(before[key], after[key], [...path, key]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

function isUnset(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value as object).length === 0;
}

/** The notice sent when a stack drifted: short, and named by resource, attribute, was and now. */
export function formatDrift(drifts: readonly StackDrift[]): string {
  return drifts
    .filter((d) => d.drifted.length > 0)
    .map((d) => {
      const lines = [`${d.stack}: ${d.drifted.length} resource${d.drifted.length === 1 ? "" : "s"} changed outside Terraform`];
      for (const r of d.drifted) {
        lines.push(`  ${r.drift === "deleted" ? "-" : "~"} ${r.type}${r.name ? ` "${r.name}"` : ""} [${r.address}]${r.drift === "deleted" ? ": deleted" : ""}`);
        for (const a of r.attributes) lines.push(`      ${a.path}: was ${a.was}, is now ${a.now}`);
      }
      const { add, change, replace, destroy } = d.pending;
      const pending = add + change + replace + destroy;
      lines.push(
        pending === 0
          ? "  The next deploy would change nothing: the drift matches the code."
          : `  The next deploy would change ${pending} resource${pending === 1 ? "" : "s"} (${add} to add, ${change} to change, ${replace} to replace, ${destroy} to destroy); npm run diff -- ${d.stack} shows how.`,
      );
      return lines.join("\n");
    })
    .join("\n\n");
}
