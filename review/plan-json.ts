/**
 * The part of Terraform's JSON plan (`terraform show -json <planfile>`, format 1.x) the summary reads.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

/** One step of a path into a resource's attributes: a name, a list index or a map key. */
export type PathStep = string | number;

export type ChangeAction = "no-op" | "create" | "read" | "update" | "delete" | "forget";

export interface PlannedChange {
  /** `["create"]`, `["update"]`, `["delete"]`, `["no-op"]`, `["read"]`, `["forget"]`, or a replace:
   * `["delete", "create"]` or `["create", "delete"]` (create before destroy). */
  readonly actions: readonly ChangeAction[];
  readonly before?: unknown;
  readonly after?: unknown;
  /** Mirrors `after`: `true` where the value is known only after apply. */
  readonly after_unknown?: unknown;
  /** Mirrors `before`/`after`: `true` where the value is sensitive. */
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
  /** The attributes whose change forces the replacement. */
  readonly replace_paths?: readonly (readonly PathStep[])[];
  /** Present when the change imports an existing object. */
  readonly importing?: unknown;
}

export interface ResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly provider_name?: string;
  readonly change: PlannedChange;
  /** Why Terraform plans this action, e.g. `replace_because_cannot_update`, `replace_by_request`. */
  readonly action_reason?: string;
}

export interface OutputChange {
  readonly actions: readonly ChangeAction[];
}

export interface TerraformPlanJson {
  readonly format_version: string;
  readonly terraform_version?: string;
  readonly resource_changes?: readonly ResourceChange[];
  /** Objects changed outside Terraform since the last apply, as refresh found them. */
  readonly resource_drift?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, OutputChange>>;
  /** The resources and attributes whose values the plan's changes depend on (drift among them matters). */
  readonly relevant_attributes?: readonly { readonly resource: string; readonly attribute: readonly PathStep[] }[];
  /** Whether the plan failed part way (then it may list only some changes). */
  readonly errored?: boolean;
}

/** A parsed object that is a Terraform JSON plan of a format this module reads, or why not. */
export function asPlanJson(value: unknown): TerraformPlanJson {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("the plan is not a JSON object");
  const version = (value as { format_version?: unknown }).format_version;
  if (typeof version !== "string" || !/^1\./.test(version)) {
    throw new Error(`the plan's format_version is ${JSON.stringify(version)}; expected 1.x, which terraform show -json writes since Terraform 1.0`);
  }
  return value as TerraformPlanJson;
}
