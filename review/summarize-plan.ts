/**
 * A stack's plan as a reviewer needs it: how many resources are added, changed, replaced and destroyed,
 * and, apart, every destroy or replace of a resource that holds data or grants access, with the
 * attribute that forces the replacement. Pure: it reads `terraform show -json` output, nothing else.
 */
import type { ChangeAction, PathStep, ResourceChange, TerraformPlanJson } from "./plan-json";
import { riskOf, type RiskKind, type RiskyType } from "./risky-types";

export type PlannedAction = "create" | "update" | "replace" | "delete" | "forget" | "import";

export interface ForcingAttribute {
  /** e.g. `bucket` or `server_side_encryption_configuration[0].rule` */
  readonly path: string;
  /** The value before and after, as shown to a reviewer (quoted text, `(sensitive)`, `(known after apply)`). */
  readonly before: string;
  readonly after: string;
}

export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly action: PlannedAction;
  /** The resource's own name (bucket, name or key) before the change, and after it when that differs. */
  readonly name?: string;
  readonly newName?: string;
  /** The address it had before a `moved` block. */
  readonly previousAddress?: string;
  /** Terraform's reason, e.g. `replace_because_tainted`, when it says more than the action. */
  readonly reason?: string;
  /** What forces a replacement (empty for other actions, or when Terraform gives no path). */
  readonly forcedBy: readonly ForcingAttribute[];
  /** Set when the resource holds data, keys, secrets or state, or grants access, and is destroyed or replaced. */
  readonly risk?: { readonly kind: RiskKind; readonly holds: string };
}

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly replace: number;
  readonly destroy: number;
  /** Removed from state without being destroyed (`removed` blocks). */
  readonly forget: number;
  /** Existing objects brought under management (`import` blocks). */
  readonly import: number;
}

export interface StackSummary {
  readonly stack: string;
  readonly counts: PlanCounts;
  /** Destroys and replaces of data- or access-bearing resources: what a reviewer reads first. */
  readonly risky: readonly PlannedResource[];
  /** Every other change, in the plan's order. */
  readonly changes: readonly PlannedResource[];
  readonly outputsChanged: number;
  /** Resources that refresh found changed outside Terraform. */
  readonly drifted: number;
  /** Whether any resource or output changes. */
  readonly changed: boolean;
}

/** The attributes that name a resource, most telling first: an object by its key, else by its name or bucket. */
const NAME_ATTRIBUTES = ["key", "name", "bucket", "function_name"] as const;
const MAX_VALUE_LENGTH = 80;

export function summarizePlan(stack: string, plan: TerraformPlanJson, riskyTypes?: readonly RiskyType[]): StackSummary {
  if (plan.errored) throw new Error(`the plan of ${stack} errored; Terraform's output says why`);
  const counts = { add: 0, change: 0, replace: 0, destroy: 0, forget: 0, import: 0 };
  const risky: PlannedResource[] = [];
  const changes: PlannedResource[] = [];
  for (const resource of plan.resource_changes ?? []) {
    if (resource.mode !== "managed") continue;
    const action = actionOf(resource.change.actions, resource.change.importing !== undefined);
    if (!action) continue;
    counts[COUNTED[action]] += 1;
    const planned = plannedResource(resource, action, riskyTypes);
    (planned.risk ? risky : changes).push(planned);
  }
  const outputsChanged = Object.values(plan.output_changes ?? {}).filter((o) => o.actions.some((a) => a !== "no-op")).length;
  const resourcesChanged = Object.values(counts).some((n) => n > 0);
  return {
    stack,
    counts,
    risky,
    changes,
    outputsChanged,
    drifted: (plan.resource_drift ?? []).length,
    changed: resourcesChanged || outputsChanged > 0,
  };
}

const COUNTED: Record<PlannedAction, keyof PlanCounts> = {
  create: "add",
  update: "change",
  replace: "replace",
  delete: "destroy",
  forget: "forget",
  import: "import",
};

/** The one action a reviewer names; undefined for no-op and data-source reads. */
export function actionOf(actions: readonly ChangeAction[], importing = false): PlannedAction | undefined {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.length !== 1) throw new Error(`unexpected plan actions ${JSON.stringify(actions)}`);
  switch (actions[0]) {
    case "create":
      return "create";
    case "update":
      return "update";
    case "delete":
      return "delete";
    case "forget":
      return "forget";
    case "no-op":
      return importing ? "import" : undefined;
    case "read":
      return undefined;
  }
}

function plannedResource(resource: ResourceChange, action: PlannedAction, riskyTypes?: readonly RiskyType[]): PlannedResource {
  const { change } = resource;
  const attribute = nameAttribute(change);
  const before = nameIn(change.before, attribute);
  const after = nameIn(change.after, attribute);
  const risk = action === "replace" || action === "delete" ? riskOf(resource.type, riskyTypes) : undefined;
  const reason = resource.action_reason && !PLAIN_REASONS.has(resource.action_reason) ? resource.action_reason : undefined;
  return {
    address: resource.address,
    type: resource.type,
    action,
    ...(before ?? after ? { name: before ?? after } : {}),
    ...(before && after && before !== after ? { newName: after } : {}),
    ...(resource.previous_address ? { previousAddress: resource.previous_address } : {}),
    ...(reason ? { reason } : {}),
    forcedBy: action === "replace" ? (change.replace_paths ?? []).map((path) => forcingAttribute(path, change)) : [],
    ...(risk ? { risk: { kind: risk.kind, holds: risk.holds } } : {}),
  };
}

/** Reasons that say no more than the action itself. */
const PLAIN_REASONS = new Set(["replace_because_cannot_update", "delete_because_no_resource_config"]);

/** The attribute that names the resource: the first of NAME_ATTRIBUTES it has, before or after the change. */
export function nameAttribute(change: ResourceChange["change"]): string | undefined {
  const has = (values: unknown, attribute: string) => !!values && typeof values === "object" && typeof (values as Record<string, unknown>)[attribute] === "string";
  return NAME_ATTRIBUTES.find((attribute) => has(change.before, attribute) || has(change.after, attribute));
}

/** The resource's name in `values`; an inline policy's with its role's (every role's policy may have one name). */
export function nameIn(values: unknown, attribute: string | undefined): string | undefined {
  if (!attribute || !values || typeof values !== "object") return undefined;
  const record = values as Record<string, unknown>;
  const name = record[attribute];
  if (typeof name !== "string" || name.length === 0) return undefined;
  return attribute === "name" && typeof record.role === "string" ? `${record.role}/${name}` : name;
}

function forcingAttribute(path: readonly PathStep[], change: ResourceChange["change"]): ForcingAttribute {
  return {
    path: formatPath(path),
    before: shownValue(valueAt(change.before, path), valueAt(change.before_sensitive, path) === true, false),
    after: shownValue(valueAt(change.after, path), valueAt(change.after_sensitive, path) === true, valueAt(change.after_unknown, path) === true),
  };
}

/** `bucket`, `rule[0].apply`, `tags["cost center"]`. */
export function formatPath(path: readonly PathStep[]): string {
  return path
    .map((step, i) => {
      if (typeof step === "number") return `[${step}]`;
      if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) return i === 0 ? step : `.${step}`;
      return `[${JSON.stringify(step)}]`;
    })
    .join("");
}

export function valueAt(root: unknown, path: readonly PathStep[]): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

export function shownValue(value: unknown, sensitive: boolean, unknown: boolean): string {
  if (sensitive) return "(sensitive)";
  if (unknown) return "(known after apply)";
  if (value === undefined || value === null) return "(none)";
  const text = typeof value === "string" ? JSON.stringify(value) : Array.isArray(value) ? `(a list of ${value.length})` : typeof value === "object" ? "(a block)" : String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}
