/**
 * The job parameters that name a job's catalog tables, as the job scripts read them (glue_runtime.storage):
 * `--<output>_table <database>.<table>` next to `--<output> <location>`, and the same for an input read
 * from a table. One place, so that Glue and a local run pass the same arguments.
 */
import type { JobConfig, TableRef } from "./types";

/** `--<name>_table` names the table of the input or output `--<name>`. */
export const TABLE_ARGUMENT_SUFFIX = "_table";

export function qualifiedTableName(table: TableRef): string {
  return `${table.database}.${table.name}`;
}

/** The table parameters of a job, by name without `--`: its input tables first, then its output tables. */
export function tableArguments(job: Pick<JobConfig, "inputTables" | "outputTables">): Record<string, string> {
  return Object.fromEntries(
    [...Object.entries(job.inputTables), ...Object.entries(job.outputTables)].map(([name, table]) => [`${name}${TABLE_ARGUMENT_SUFFIX}`, qualifiedTableName(table)]),
  );
}

/** Whether the job reads or writes a catalog table (and so needs the Data Catalog as Spark's catalog). */
export function usesCatalog(job: Pick<JobConfig, "inputTables" | "outputTables">): boolean {
  return Object.keys(job.inputTables).length + Object.keys(job.outputTables).length > 0;
}
