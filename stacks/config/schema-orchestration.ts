/**
 * The config keys that chain jobs and catalog their data: a job's `after`, outputs that declare a
 * table, inputs read from a table, a stage's `schedule` and its Athena limits. Cross-key checks
 * (unknown jobs, cycles, who writes which table) are in resolve-workflow.ts.
 */
import { z } from "zod";
import { expectedMessage } from "./messages";
import { closedObject, stringOrMapping, text } from "./schema-parts";
import { SCHEDULE_EXAMPLE, scheduleProblem } from "./schedule";
import { outputContractSchema } from "./schema-output-contract";
import { qualitySchema } from "./schema-quality";

/** Glue keeps table names in lower case; Spark, the Data Catalog and Athena all take these unquoted. */
export const TABLE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,127}$/;
export const tableName = text(
  "a table name of lower-case letters, digits and _, starting with a letter (Glue keeps table names in lower case)",
  "legislators_history",
  TABLE_NAME_PATTERN,
);

/**
 * An output: `s3://…`, or `{ path: s3://…, table: name }` to write it as a Data Catalog table too, and
 * `schema:` for the columns and keys it promises its readers (schema-output-contract.ts).
 */
export function outputSchema(location: z.ZodType<string>) {
  return stringOrMapping(
    location,
    closedObject(
      {
        path: location.meta({ description: "The output's S3 location, passed as `--<output>`." }),
        table: tableName
          .meta({ description: "Also write the output as the Data Catalog table `<stage>_glue.<table>` (lower-case letters, digits, `_`), passed as `--<output>_table`." })
          .optional(),
        schema: outputContractSchema.meta({ description: "The output's declared schema: columns (Spark types, nullable) and keys, checked by the job's tests and compared by the data plan." }).optional(),
        quality: qualitySchema
          .meta({ description: "The output's DQDL data-quality rules, evaluated before it is written: on Glue by Glue Data Quality, offline by Deequ (docs/data-quality.md)." })
          .optional(),
      },
      "an output (path, and optionally table and schema)",
      "{ path: s3://{stageBucket}/output/my_job/, table: my_table }",
    ),
    "an S3 location, or a mapping with path and table",
    "s3://{stageBucket}/output/my_job/ or { path: s3://{stageBucket}/output/my_job/, table: my_table }",
  );
}

/** An input: `s3://…`, or `{ table: name }`, a table another job of the stage writes. */
export function inputSchema(location: z.ZodType<string>) {
  return stringOrMapping(
    location,
    closedObject(
      { table: tableName.meta({ description: "A table another job of the stage writes; the job gets `--<input>_table` and the table's location as `--<input>`." }) },
      "an input read from a table (a mapping with table)", "{ table: legislators_history }"),
    "an S3 location, or a mapping with the table to read",
    "s3://my-bucket/data/ or { table: legislators_history }",
  );
}

/** `after: [JobA, JobB]`: the job runs once all of these SUCCEEDED. Names are checked against the stage later. */
export function afterSchema(jobName: RegExp) {
  return z
    .array(text("a job name", "JoinLegislators", jobName), {
      error: (i) => expectedMessage(i.input, "a list of the jobs this one runs after", "[JoinLegislators]"),
    })
    .refine((names) => new Set(names).size === names.length, { error: "a job is listed twice; list each once" });
}

/** The schedule's own message already says what was found and what is expected. */
export const scheduleSchema = text("a Glue schedule", SCHEDULE_EXAMPLE).superRefine((value, ctx) => {
  const problem = scheduleProblem(value);
  if (problem) ctx.addIssue({ code: "custom", input: value, message: problem });
});

/** Athena refuses a per-query cutoff under 10 MB (10,000,000 bytes). */
export const MIN_BYTES_SCANNED_CUTOFF = 10_000_000;
/** 1 GiB: a query over the example tables reads kilobytes; a full scan of a large table stops at about $0.005. */
export const DEFAULT_BYTES_SCANNED_CUTOFF = 1024 ** 3;

const bytesScannedCutoff = z
  .number({ error: (i) => cutoffMessage(i.input) })
  .int({ error: (i) => cutoffMessage(i.input) })
  .min(MIN_BYTES_SCANNED_CUTOFF, { error: (i) => cutoffMessage(i.input) })
  .max(Number.MAX_SAFE_INTEGER, { error: (i) => cutoffMessage(i.input) });

function cutoffMessage(input: unknown): string {
  return expectedMessage(input, `a whole number of bytes, at least ${MIN_BYTES_SCANNED_CUTOFF} (Athena's minimum, 10 MB)`, `${DEFAULT_BYTES_SCANNED_CUTOFF} (1 GiB)`);
}

export const athenaSchema = closedObject(
  {
    bytesScannedCutoffPerQuery: bytesScannedCutoff
      .meta({ description: "Athena cancels a query of the stage's workgroup that would scan more; at least `10000000` (Athena's minimum). The default is 1 GiB.", default: DEFAULT_BYTES_SCANNED_CUTOFF })
      .optional(),
  },
  "the stage's Athena settings",
  `bytesScannedCutoffPerQuery: ${DEFAULT_BYTES_SCANNED_CUTOFF}`,
);
