/**
 * Deploy rights as a table: each row names the Terraform resource types it serves, the resources it
 * covers, the actions that refresh and plan them (`read`) and the actions that change them (`write`).
 * Tests check that every resource type a stack synthesizes has a row.
 */
import type { PolicyStatement } from "../../iam/policy-document";

export interface PermissionRow {
  readonly sid: string;
  /** Terraform resource types this row lets a deployer manage. */
  readonly types: readonly string[];
  /** ARNs, or `["*"]` where the actions have no resource-level permissions (say so in `why`). */
  readonly resources: readonly string[];
  readonly read: readonly string[];
  readonly write: readonly string[];
  readonly condition?: PolicyStatement["Condition"];
  /** Required when `resources` is `["*"]`: why the API leaves no narrower choice. */
  readonly why?: string;
}

export type Access = "read" | "write";

/** One statement per row: its read actions, plus its write actions when `access` is `write`. */
export function statementsOf(rows: readonly PermissionRow[], access: Access): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const sids = rows.map((row) => row.sid);
  const repeated = sids.find((sid, i) => sids.indexOf(sid) !== i);
  // The rows become statements of one policy, where IAM refuses a repeated Sid.
  if (repeated) throw new Error(`permission rows: Sid "${repeated}" is used by two rows; give each row its own sid`);
  for (const row of rows) {
    if (row.resources.includes("*") && !row.why) {
      throw new Error(`permission row ${row.sid}: Resource "*" needs a reason in \`why\``);
    }
    const actions = access === "write" ? [...row.read, ...row.write] : [...row.read];
    if (actions.length === 0) continue;
    statements.push({
      Sid: row.sid,
      Effect: "Allow",
      Action: actions,
      Resource: row.resources.length === 1 ? row.resources[0] : [...row.resources],
      ...(row.condition ? { Condition: row.condition } : {}),
    });
  }
  return statements;
}

/** Every resource type the rows cover. */
export function coveredTypes(rows: readonly PermissionRow[]): Set<string> {
  return new Set(rows.flatMap((row) => row.types));
}
