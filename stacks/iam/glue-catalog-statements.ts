/**
 * What a job role may do in the Glue Data Catalog, which Spark SQL uses as its catalog on Glue
 * (`--enable-glue-datacatalog`, through the Glue client for the Hive metastore). IAM checks a catalog
 * action on the catalog, the database and the table together, so each statement names all three.
 */
import type { TableRef } from "../config/types";
import type { PolicyStatement } from "./policy-document";

export interface CatalogScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Reading a table: find its database and definition; Spark lists the partitions of a table it scans. */
export const CATALOG_READ_ACTIONS = ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"];
/**
 * Writing a table as `saveAsTable(mode="overwrite")` does: look the table up, drop it (the Hive client
 * lists its partitions first, to drop them), create it again, and alter it where Spark updates a
 * table's properties.
 */
export const CATALOG_WRITE_ACTIONS = [...CATALOG_READ_ACTIONS, "glue:CreateTable", "glue:DeleteTable", "glue:UpdateTable"];
/**
 * Spark's session catalog looks up the database `default` when it starts, and creates it when the
 * account's catalog has none (SharedState.externalCatalog); without these a job fails before its code runs.
 */
export const SPARK_DEFAULT_DATABASE_ACTIONS = ["glue:GetDatabase", "glue:CreateDatabase"];
export const SPARK_DEFAULT_DATABASE = "default";

export function catalogArn(scope: CatalogScope): string {
  return `arn:${scope.partition}:glue:${scope.region}:${scope.accountId}:catalog`;
}

export function databaseArn(scope: CatalogScope, database: string): string {
  return `arn:${scope.partition}:glue:${scope.region}:${scope.accountId}:database/${database}`;
}

export function tableArn(scope: CatalogScope, database: string, table: string): string {
  return `arn:${scope.partition}:glue:${scope.region}:${scope.accountId}:table/${database}/${table}`;
}

/** The catalog, database and table ARNs of some tables, sorted and without repeats. */
function tableResources(scope: CatalogScope, tables: readonly TableRef[]): string[] {
  const arns = new Set([catalogArn(scope)]);
  for (const table of tables) {
    arns.add(databaseArn(scope, table.database));
    arns.add(tableArn(scope, table.database, table.name));
  }
  return [...arns].sort();
}

/** A job's catalog rights: read the tables it reads, write the tables it writes; none when it uses no table. */
export function glueCatalogStatements(scope: CatalogScope, access: { readonly reads: readonly TableRef[]; readonly writes: readonly TableRef[] }): PolicyStatement[] {
  if (access.reads.length + access.writes.length === 0) return [];
  return [
    { Sid: "SparkDefaultDatabase", Effect: "Allow", Action: SPARK_DEFAULT_DATABASE_ACTIONS, Resource: [catalogArn(scope), databaseArn(scope, SPARK_DEFAULT_DATABASE)] },
    ...(access.reads.length > 0 ? [{ Sid: "ReadCatalogTables", Effect: "Allow" as const, Action: CATALOG_READ_ACTIONS, Resource: tableResources(scope, access.reads) }] : []),
    ...(access.writes.length > 0 ? [{ Sid: "WriteCatalogTables", Effect: "Allow" as const, Action: CATALOG_WRITE_ACTIONS, Resource: tableResources(scope, access.writes) }] : []),
  ];
}
