/**
 * Base against head of one output's schema: breaking changes first (a removed or renamed column, a
 * narrowed or otherwise changed type, a nullable column become required, changed keys), then the
 * others (an added column, a widened type, a required column become nullable).
 */
import type { ContractColumn } from "../../stacks/config";

/** An output's schema on one side: declared in the config, or produced by the job on the sample data. */
export interface SideSchema {
  readonly columns: readonly ContractColumn[];
  readonly keys?: readonly string[];
  readonly source: "declared" | "produced";
}

export interface SchemaChange {
  readonly output: string;
  /** The column, or `(keys)` for a change of keys. */
  readonly column: string;
  /** What changed, as a reviewer reads it: `dropped`, `renamed to org`, `type bigint -> int (narrowed)`, … */
  readonly change: string;
  readonly breaking: boolean;
  /** Jobs reading the output's table (inputs.*.table) or running after its job (after:); only for a breaking change to a table. */
  readonly downstream: readonly string[];
}

/** Integral and floating types, each widening to those after it (Spark's own safe upcasts). */
const NUMERIC_WIDENING = ["tinyint", "smallint", "int", "bigint"];
const FLOATING_WIDENING = ["float", "double"];

/** Whether every value of `from` fits `to` unchanged: a widened type. */
export function widens(from: string, to: string): boolean {
  if (from === to) return true;
  const integral = (t: string) => NUMERIC_WIDENING.indexOf(t);
  if (integral(from) >= 0 && integral(to) >= 0) return integral(from) < integral(to);
  if (FLOATING_WIDENING.includes(from) && FLOATING_WIDENING.includes(to)) return from === "float";
  if (["tinyint", "smallint", "int"].includes(from) && to === "double") return true;
  const df = /^decimal\((\d+),(\d+)\)$/.exec(from);
  const dt = /^decimal\((\d+),(\d+)\)$/.exec(to);
  if (df && dt) return Number(dt[2]) >= Number(df[2]) && Number(dt[1]) - Number(dt[2]) >= Number(df[1]) - Number(df[2]);
  if (integral(from) >= 0 && dt) return Number(dt[1]) - Number(dt[2]) >= [3, 5, 10, 20][integral(from)];
  if (from === "date" && to === "timestamp") return true;
  return false;
}

/** The changes from `base` to `head` of one output, breaking first; `downstream` is named on breaking ones. */
export function schemaChanges(output: string, base: SideSchema, head: SideSchema, downstream: readonly string[]): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const add = (column: string, change: string, breaking: boolean) => changes.push({ output, column, change, breaking, downstream: breaking ? [...downstream] : [] });
  const headByName = new Map(head.columns.map((c) => [c.name, c]));
  const baseByName = new Map(base.columns.map((c) => [c.name, c]));
  const removed = base.columns.filter((c) => !headByName.has(c.name));
  const added = head.columns.filter((c) => !baseByName.has(c.name));
  const renamedTo = new Map<string, ContractColumn>();
  // A column gone and one new of the same type at the same place is one column renamed.
  for (const gone of removed) {
    const place = base.columns.indexOf(gone);
    const candidate = head.columns[place];
    if (candidate && added.includes(candidate) && candidate.type === gone.type && ![...renamedTo.values()].includes(candidate)) renamedTo.set(gone.name, candidate);
  }
  for (const gone of removed) {
    const renamed = renamedTo.get(gone.name);
    add(gone.name, renamed ? `renamed to ${renamed.name}` : `dropped (was ${gone.type})`, true);
  }
  for (const column of base.columns) {
    const now = headByName.get(column.name);
    if (!now) continue;
    if (now.type !== column.type) add(column.name, `type ${column.type} -> ${now.type} (${widens(column.type, now.type) ? "widened" : "narrowed or changed"})`, !widens(column.type, now.type));
    if (column.nullable && !now.nullable) add(column.name, "nullable -> required", true);
    if (!column.nullable && now.nullable) add(column.name, "required -> nullable", false);
  }
  const [baseKeys, headKeys] = [base.keys ?? [], head.keys ?? []];
  if (baseKeys.join(",") !== headKeys.join(",")) {
    add("(keys)", `keys [${baseKeys.join(", ")}] -> [${headKeys.join(", ")}]`, baseKeys.length > 0);
  }
  for (const column of added) {
    if ([...renamedTo.values()].includes(column)) continue;
    add(column.name, `added (${column.type}${column.nullable ? "" : ", required"})`, false);
  }
  return [...changes.filter((c) => c.breaking), ...changes.filter((c) => !c.breaking)];
}
