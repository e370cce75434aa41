/**
 * A stage's Data Catalog database. It holds the tables the stage's jobs declare; the jobs create and
 * replace those tables themselves as they write them (Terraform declares none, so it sees no drift),
 * and deleting the database deletes its tables with it.
 */
import { Construct, GlueCatalogDatabase } from "../cdktf";

export interface CatalogDatabaseProps {
  /** Letters, digits and `_`, so that Spark and Athena take it unquoted, e.g. `dev_glue`. */
  readonly name: string;
  readonly description: string;
}

export class CatalogDatabase extends Construct {
  readonly database: GlueCatalogDatabase;

  constructor(scope: Construct, id: string, props: CatalogDatabaseProps) {
    super(scope, id);
    if (!/^[a-z][a-z0-9_]*$/.test(props.name)) {
      throw new Error(`CatalogDatabase: name "${props.name}" must be lower-case letters, digits and _, which Spark and Athena take unquoted`);
    }
    this.database = new GlueCatalogDatabase(this, "database", { name: props.name, description: props.description });
  }
}
