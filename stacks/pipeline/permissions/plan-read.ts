/**
 * What a read-only plan may read, made from the deploy rights' tables: each row's `read` actions (what
 * refreshing its resources takes), never its `write` ones. Two narrowings on top, because refreshing a
 * resource reads its configuration, not the data it holds:
 * - actions that read data are left out (`kms:Decrypt`);
 * - object ARNs (`bucket/*`) become the key prefixes of the objects the stack itself manages in that
 *   bucket (whose metadata refresh reads), or nothing where it manages none.
 */
import type { PolicyStatement } from "../../iam/policy-document";
import { statementsOf, type PermissionRow } from "./permission-table";

/** Read actions a plan never needs: they read data, not a resource's configuration. */
export const DATA_READ_ACTIONS: ReadonlySet<string> = new Set(["kms:Decrypt"]);

/** Bucket name to the key prefixes (e.g. `scripts/`) of the objects a stack manages in it. */
export type ManagedObjects = Readonly<Record<string, readonly string[]>>;

export function planReadStatements(rows: readonly PermissionRow[], managedObjects: ManagedObjects = {}): PolicyStatement[] {
  const narrowed = rows
    .map((row) => ({
      ...row,
      read: row.read.filter((action) => !DATA_READ_ACTIONS.has(action)),
      resources: row.resources.flatMap((arn) => managedObjectArns(arn, managedObjects)),
    }))
    .filter((row) => row.resources.length > 0);
  return statementsOf(narrowed, "read");
}

/** An objects ARN (`arn:aws:s3:::bucket/*`) as the managed prefixes under it; any other ARN as it is. */
function managedObjectArns(arn: string, managedObjects: ManagedObjects): string[] {
  const objects = /^(arn:[^:]+:s3:::([^/]+))\/\*$/.exec(arn);
  if (!objects) return [arn];
  const [, bucketArn, bucket] = objects;
  return (managedObjects[bucket] ?? []).map((prefix) => `${bucketArn}/${prefix}*`);
}
