/**
 * DQDL rules as the config writes them, one per line: which rule types DQDL has, what each takes,
 * and which of them Deequ's DQDL evaluator checks off AWS. The table follows the AWS Glue Developer
 * Guide, "Data Quality Definition Language (DQDL) reference", Rule type reference
 * (https://docs.aws.amazon.com/glue/latest/dg/dqdl.html); `local` is what was measured against
 * deequ 2.1.0-spark-3.5 with dqdl 1.0.0 (job_scripts/tests/test_quality_rule_types.py), listed in
 * docs/data-quality.md.
 */

/** What follows a rule type's quoted arguments. */
type Expression =
  | "none" // IsComplete "id"
  | "number" // RowCount > 10, Mean "x" between 1 and 5
  | "values" // ColumnValues "x" in ["a","b"], matches "re", > 0, != NULL
  | "types" // ColumnDataType "x" = "INTEGER"
  | "duration" // DataFreshness "x" <= 24 hours
  | "optionalNumber"; // CustomSql "select ..." [> 0]

interface RuleType {
  /** How many quoted arguments: a fixed count, or at least `min` (IsPrimaryKey "a" "b" ...). */
  readonly args: number | { readonly min: number };
  readonly expression: Expression;
  /** Whether Deequ (deequ 2.1.0-spark-3.5, dqdl 1.0.0) checks it; otherwise the rule needs awsOnly: true. */
  readonly local: boolean;
  /** Why it is not checked locally, for the message. */
  readonly why?: string;
  /** Which quoted arguments name columns of the output (indexes); the others are text. @default all */
  readonly columnArgs?: readonly number[];
  /** Which quoted arguments name `<dataset>.<column>` of a reference dataset (an input of the job). */
  readonly referenceArgs?: readonly number[];
  /** Whether `with threshold` is taken. @default false */
  readonly threshold?: boolean;
}

const NOT_IN_DEEQU = "Deequ's DQDL evaluator has no translation for it";
const NEEDS_FILES = "it reads files, not the output's rows";

export const RULE_TYPES: Readonly<Record<string, RuleType>> = {
  RowCount: { args: 0, expression: "number", local: true },
  ColumnCount: { args: 0, expression: "number", local: true },
  ColumnExists: { args: 1, expression: "none", local: true },
  IsComplete: { args: 1, expression: "none", local: true },
  IsUnique: { args: 1, expression: "none", local: true },
  IsPrimaryKey: { args: { min: 1 }, expression: "none", local: true },
  Completeness: { args: 1, expression: "number", local: true },
  Uniqueness: { args: 1, expression: "number", local: true },
  UniqueValueRatio: { args: 1, expression: "number", local: true },
  DistinctValuesCount: { args: 1, expression: "number", local: true },
  Mean: { args: 1, expression: "number", local: true },
  Sum: { args: 1, expression: "number", local: true },
  StandardDeviation: { args: 1, expression: "number", local: true },
  Entropy: { args: 1, expression: "number", local: true },
  ColumnLength: { args: 1, expression: "number", local: true, threshold: true },
  ColumnValues: { args: 1, expression: "values", local: true, threshold: true },
  ColumnCorrelation: { args: 2, expression: "number", local: true },
  ColumnDataType: { args: 1, expression: "types", local: true, threshold: true },
  ColumnNamesMatchPattern: { args: 1, expression: "none", local: true, columnArgs: [] },
  DataFreshness: { args: 1, expression: "duration", local: true, threshold: true },
  ReferentialIntegrity: { args: 2, expression: "number", local: true, columnArgs: [0], referenceArgs: [1] },
  CustomSql: { args: 1, expression: "optionalNumber", local: false, columnArgs: [], why: "Deequ does not register the output as the table `primary` that the SQL reads" },
  DatasetMatch: { args: 2, expression: "number", local: false, columnArgs: [], why: NOT_IN_DEEQU },
  AggregateMatch: { args: 2, expression: "number", local: false, columnArgs: [], why: NOT_IN_DEEQU },
  RowCountMatch: { args: 1, expression: "number", local: false, columnArgs: [], why: NOT_IN_DEEQU },
  SchemaMatch: { args: 1, expression: "number", local: false, columnArgs: [], why: NOT_IN_DEEQU },
  DetectAnomalies: { args: 1, expression: "none", local: false, columnArgs: [], why: "it compares with earlier runs' published results, which only Glue keeps" },
  FileFreshness: { args: { min: 0 }, expression: "optionalNumber", local: false, columnArgs: [], why: NEEDS_FILES },
  FileMatch: { args: { min: 1 }, expression: "optionalNumber", local: false, columnArgs: [], why: NEEDS_FILES },
  FileUniqueness: { args: { min: 0 }, expression: "optionalNumber", local: false, columnArgs: [], why: NEEDS_FILES },
  FileSize: { args: { min: 0 }, expression: "optionalNumber", local: false, columnArgs: [], why: NEEDS_FILES },
};

/** A rule as parsed: its type, the output's columns it names, the reference datasets it reads. */
export interface ParsedRule {
  readonly type: string;
  readonly columns: readonly string[];
  readonly references: readonly string[];
  /** Why Deequ cannot check it here, or undefined when it can. */
  readonly notLocal?: string;
}

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|>=|<=|!=|[<>=\[\](),*+/-])/y;

function tokenize(text: string): string[] | string {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length && text.slice(at).trim() !== "") {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(text);
    if (!match) return `cannot read "${text.slice(at).trim().slice(0, 30)}"`;
    tokens.push(match[1]);
    at = TOKEN.lastIndex;
  }
  return tokens;
}

const isQuoted = (t: string | undefined) => t !== undefined && t.startsWith('"');
const isNumber = (t: string | undefined) => t !== undefined && /^-?\d+(\.\d+)?$/.test(t);
const unquote = (t: string) => t.slice(1, -1).replace(/\\(.)/g, "$1");
const COMPARISONS = new Set([">", ">=", "<", "<=", "=", "!="]);
const DURATION_UNITS = new Set(["minutes", "hours", "days"]);

/** Parses `rule`; a string is the problem (what is wrong and an example). */
export function parseRule(rule: string): ParsedRule | string {
  const text = rule.trim();
  if (/^\(|\)\s+(and|or)\s+\(/.test(text)) {
    return { type: "composite", columns: [], references: [], notLocal: "Deequ's DQDL evaluator with dqdl 1.0.0 does not parse composite rules (and / or)" };
  }
  const tokens = tokenize(text);
  if (typeof tokens === "string") return `${tokens}; write a rule such as IsComplete "id"`;
  const type = tokens[0] ?? "";
  if (!Object.hasOwn(RULE_TYPES, type)) return `${type ? `"${type}" is not a DQDL rule type` : "the rule is empty"}; one of: ${Object.keys(RULE_TYPES).join(", ")}`;
  const spec = RULE_TYPES[type];
  let i = 1;
  const quoted: string[] = [];
  while (isQuoted(tokens[i])) quoted.push(unquote(tokens[i++]));
  const wanted = typeof spec.args === "number" ? spec.args : spec.args.min;
  if (typeof spec.args === "number" ? quoted.length !== wanted : quoted.length < wanted) {
    return `${type} takes ${typeof spec.args === "number" ? wanted : `at least ${wanted}`} quoted argument${wanted === 1 ? "" : "s"}, found ${quoted.length}; for example ${example(type)}`;
  }
  let rest = tokens.slice(i);
  let dynamic = false;
  // `with threshold <number expression>` and `where "<sql>"` close a rule.
  const withAt = rest.indexOf("with");
  let threshold: string[] | undefined;
  let thresholded = false;
  if (withAt >= 0) {
    if (rest[withAt + 1] !== "threshold") return `expected "with threshold" and a comparison, for example with threshold > 0.9`;
    threshold = rest.slice(withAt + 2);
    rest = rest.slice(0, withAt);
    if (!spec.threshold) return `${type} takes no "with threshold"; remove it (DQDL allows it on ColumnValues, ColumnLength, ColumnDataType and DataFreshness)`;
    const problem = numberExpression(threshold);
    if (problem !== undefined) return `the threshold: ${problem}`;
    thresholded = true;
  }
  const whereAt = rest.indexOf("where");
  if (whereAt >= 0) {
    if (!isQuoted(rest[whereAt + 1]) || rest.length !== whereAt + 2) return `expected where and one quoted SQL condition, for example where "status = 'active'"`;
    rest = rest.slice(0, whereAt);
  }
  const problem = expressionProblem(spec.expression, rest);
  if (problem === "dynamic") dynamic = true;
  else if (problem !== undefined) return `${problem}; for example ${example(type)}`;
  const columnArgs = spec.columnArgs ?? quoted.map((_, k) => k);
  const references = (spec.referenceArgs ?? []).map((k) => quoted[k]);
  for (const reference of references) {
    if (!/^[A-Za-z_]\w*\.[A-Za-z_]\w*$/.test(reference)) return `"${reference}" names no reference column; write "<input>.<column>", for example "input_path_orgs.id"`;
  }
  return {
    type,
    columns: columnArgs.map((k) => quoted[k]).flatMap((c) => c.split(",").map((part) => part.trim())),
    references: references.map((r) => r.split(".")[0]),
    ...(!spec.local
      ? { notLocal: spec.why }
      : dynamic
        ? { notLocal: "Deequ cannot evaluate dynamic rules (last(), avg(), ...): they compare with earlier runs that only Glue keeps" }
        : thresholded
          ? { notLocal: "Deequ 2.1.0 with dqdl 1.0.0 ignores with threshold and asks every value to comply" }
          : {}),
  };
}

/** A problem of what follows the quoted arguments, "dynamic" for a rule over earlier runs, or undefined. */
function expressionProblem(kind: Expression, rest: readonly string[]): string | undefined {
  switch (kind) {
    case "none":
      return rest.length === 0 ? undefined : `found "${rest.join(" ")}" after the rule, which takes no comparison`;
    case "optionalNumber":
      return rest.length === 0 ? undefined : numberExpression(rest);
    case "number":
      return numberExpression(rest);
    case "duration": {
      const [op, amount, unit] = rest;
      return COMPARISONS.has(op) && isNumber(amount) && DURATION_UNITS.has(unit) && rest.length === 3 ? undefined : `expected a comparison with a duration, such as <= 24 hours`;
    }
    case "types":
      return (rest[0] === "=" && isQuoted(rest[1]) && rest.length === 2) || listAfter(rest, 0, isQuoted) ? undefined : `expected = "TYPE" or in ["TYPE", ...]`;
    case "values": {
      if (rest[0] === "matches" || (rest[0] === "not" && rest[1] === "matches")) {
        const at = rest[0] === "not" ? 2 : 1;
        return isQuoted(rest[at]) && rest.length === at + 1 ? undefined : `expected matches and one quoted regular expression`;
      }
      if ((rest[0] === "=" || rest[0] === "!=") && rest[1] === "NULL" && rest.length === 2) return undefined;
      const at = rest[0] === "not" ? 1 : 0;
      if (rest[at] === "in") return listAfter(rest, at, (t) => isQuoted(t) || isNumber(t) || t === "NULL") ? undefined : `expected in [ "a", "b" ] with quoted values or numbers`;
      if (COMPARISONS.has(rest[0]) && isQuoted(rest[1]) && rest.length === 2) return undefined;
      return numberExpression(rest);
    }
  }
}

/** `> 5`, `between 1 and 10`, `not between ...`, `in [1, 2]`, or `> avg(last(3))` ("dynamic"). */
function numberExpression(rest: readonly string[]): string | undefined {
  if (rest.length === 0) return "expected a comparison such as > 0 or between 1 and 10";
  const at = rest[0] === "not" ? 1 : 0;
  if (rest[at] === "between") return isNumber(rest[at + 1]) && rest[at + 2] === "and" && isNumber(rest[at + 3]) && rest.length === at + 4 ? undefined : "expected between <number> and <number>";
  if (rest[at] === "in") return listAfter(rest, at, isNumber) ? undefined : "expected in [<number>, ...]";
  if (!COMPARISONS.has(rest[0]) || rest.length < 2) return `found "${rest.join(" ")}"; expected a comparison such as > 0 or between 1 and 10`;
  if (isNumber(rest[1]) && rest.length === 2) return undefined;
  // A dynamic rule: a function of earlier runs, e.g. > avg(last(3)) * 0.9.
  if (/^[a-z]+$/.test(rest[1]) && rest[2] === "(") return "dynamic";
  return `found "${rest.slice(1).join(" ")}"; expected a number after ${rest[0]}`;
}

function listAfter(rest: readonly string[], at: number, item: (t: string) => boolean): boolean {
  if (rest[at] !== "in" || rest[at + 1] !== "[" || rest.at(-1) !== "]") return false;
  const items = rest.slice(at + 2, -1);
  return items.length > 0 && items.every((t, k) => (k % 2 === 0 ? item(t) : t === ","));
}

function example(type: string): string {
  const examples: Record<string, string> = {
    RowCount: "RowCount > 0",
    ColumnCount: "ColumnCount = 9",
    IsPrimaryKey: 'IsPrimaryKey "org_name" "role"',
    ColumnValues: 'ColumnValues "gender" in ["female", "male"]',
    ColumnCorrelation: 'ColumnCorrelation "a" "b" > 0.8',
    ColumnDataType: 'ColumnDataType "id" = "STRING"',
    DataFreshness: 'DataFreshness "updated_at" <= 24 hours',
    ReferentialIntegrity: 'ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0',
    ColumnNamesMatchPattern: 'ColumnNamesMatchPattern "^[a-z_]+$"',
  };
  if (examples[type]) return examples[type];
  const spec = RULE_TYPES[type];
  return spec.expression === "none" ? `${type} "id"` : `${type} "id" > 0.9`;
}
