/**
 * `outputs.<name>.schema`: the contract an output keeps with whoever reads it. Its columns in order,
 * each with a Spark SQL type (as `DataType.simpleString()` writes it) and whether it may be null, and
 * the keys that identify a row. The data plan compares base and head by these; the job's tests check
 * that the job produces them (job_scripts/tests/declared_schema.py).
 */
import { z } from "zod";
import { expectedMessage } from "./messages";
import { bool, closedObject, text } from "./schema-parts";

/** Spark's names for one type, as `simpleString()` writes them; the other spellings are taken too. */
export const TYPE_ALIASES: Readonly<Record<string, string>> = {
  integer: "int",
  long: "bigint",
  short: "smallint",
  byte: "tinyint",
  bool: "boolean",
  str: "string",
};
const PRIMITIVE_TYPES = ["string", "int", "bigint", "smallint", "tinyint", "double", "float", "boolean", "date", "timestamp", "timestamp_ntz", "binary", "void"];
const PRIMITIVE = new RegExp(`^(${[...PRIMITIVE_TYPES, ...Object.keys(TYPE_ALIASES)].join("|")}|decimal\\(\\d+,\\d+\\))$`);
const TYPE_EXAMPLE = "string, bigint, double, decimal(10,2), array<string>, struct<name:string,count:bigint>";

/** A type written in the config, in Spark's own spelling: `integer` -> `int`, spaces dropped. */
export function normalizeType(type: string): string {
  const compact = type.replace(/\s+/g, "").toLowerCase();
  return compact.replace(/(?<![a-z_])([a-z_]+)(?![a-z_(:])/g, (word) => TYPE_ALIASES[word] ?? word);
}

/** Why `type` is not a Spark SQL type, or undefined: primitives, decimal(p,s), and array, map and struct of them. */
export function typeProblem(type: string): string | undefined {
  const t = normalizeType(type);
  const check = (s: string): boolean => {
    if (PRIMITIVE.test(s)) return true;
    const inner = /^(array|map|struct)<(.*)>$/.exec(s);
    if (!inner) return false;
    const parts = splitTop(inner[2]);
    if (inner[1] === "array") return parts.length === 1 && check(parts[0]);
    if (inner[1] === "map") return parts.length === 2 && check(parts[0]) && check(parts[1]);
    return parts.length > 0 && parts.every((field) => {
      const colon = field.indexOf(":");
      return colon > 0 && /^[A-Za-z_][\w]*$/.test(field.slice(0, colon)) && check(field.slice(colon + 1));
    });
  };
  return check(t) ? undefined : "it is not a Spark SQL type";
}

/** `a,b<c,d>,e` -> [a, b<c,d>, e]: commas outside angle brackets and parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "<" || c === "(") depth++;
    else if (c === ">" || c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const columnType = text(`a Spark SQL type such as ${TYPE_EXAMPLE}`, "string", undefined, typeProblem).meta({ description: "A Spark SQL type, e.g. `string`, `bigint`, `decimal(10,2)`." });
const COLUMN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

/** A column: its type alone (`name: string`, nullable), or `{ type, nullable }`. */
const column = z.union(
  [columnType, closedObject({ type: columnType, nullable: bool("nullable").meta({ description: "Whether the column may hold nulls.", default: true }).optional() }, "a column (type and nullable)", "{ type: string, nullable: false }")],
  { error: (i) => (i.code === "invalid_union" ? expectedMessage(i.input, "a column type, or a mapping with type and nullable", "string or { type: bigint, nullable: false }") : undefined) },
).meta({ description: "The column's type alone (nullable), or `{ type, nullable }`." });

export const outputContractSchema = closedObject(
  {
    columns: z
      .record(z.string().regex(COLUMN_NAME, { error: (i) => `"${i.input}" is not a column name Spark, Glue and Athena all take unquoted; use letters, digits and _` }), column, {
        error: (i) => expectedMessage(i.input, "a mapping of column names to types", "{ org_id: string, members: bigint }"),
      })
      .refine((map) => Object.keys(map).length > 0, { error: "an output's schema lists at least one column; leave columns out to take what the job produces" })
      .meta({ description: "`name: type` per column the output must have.", keyName: "name" })
      .optional(),
    keys: z
      .array(text("a column name", "org_id", COLUMN_NAME), { error: (i) => expectedMessage(i.input, "a list of the columns that identify a row", "[org_id, role]") })
      .min(1, { error: "keys lists at least one column; leave keys out if no columns identify a row" })
      .refine((keys) => new Set(keys).size === keys.length, { error: "a key column is listed twice; list each once" })
      .meta({ description: "The columns that identify a row; the data plan compares base and head by them." })
      .optional(),
  },
  "an output's schema (columns, keys)",
  "{ keys: [org_id], columns: { org_id: { type: string, nullable: false }, members: bigint } }",
).superRefine((schema, ctx) => {
  if (!schema.columns && !schema.keys) ctx.addIssue({ code: "custom", message: "an output's schema gives columns, keys or both; remove schema: to take what the job produces" });
  if (!schema.columns || !schema.keys) return;
  schema.keys.forEach((key, i) => {
    if (!Object.hasOwn(schema.columns!, key)) {
      ctx.addIssue({ code: "custom", path: ["keys", i], message: `found the key ${key}, which is not one of the columns (${Object.keys(schema.columns!).join(", ")}); add it to columns or fix the name` });
    }
  });
});
export type OutputContractInput = z.infer<typeof outputContractSchema>;
