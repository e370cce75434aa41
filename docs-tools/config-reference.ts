/**
 * The config reference (docs/config-reference.md), written from the config schema itself: every key, its
 * type and limits, its default and its meaning come from `stacks/config/schema*.ts` (zod's JSON Schema of
 * it, plus each key's `.meta()`), so the page cannot drift from what synth accepts.
 */
import { z } from "zod";
import { configSchema } from "../stacks/config/schema";

/** The part of JSON Schema that zod writes for this config, with the keys the schema's `.meta()` adds. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: SchemaNode | boolean;
  readonly propertyNames?: SchemaNode;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly description?: string;
  /** A literal default, as the config would write it. */
  readonly default?: unknown;
  /** A default that depends on other keys, in words. */
  readonly defaultText?: string;
  /** What a key of a mapping names (`job`, `input`): the reference writes it as `<job>`. */
  readonly keyName?: string;
}

export interface ReferenceRow {
  readonly key: string;
  /** The variant of a union keyed by `type` that has this key, e.g. `type: s3`. */
  readonly when?: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: string;
  readonly description?: string;
}

/** Where the reference is written, from the project's root. */
export const CONFIG_REFERENCE_PATH = "docs/config-reference.md";
export const CONFIG_REFERENCE_COMMAND = "npm run docs:config";
/** Lists longer than this are named by their count and where they are kept. */
const LONGEST_LISTED_ENUM = 12;

export function configJsonSchema(): SchemaNode {
  return z.toJSONSchema(configSchema, { io: "output", unrepresentable: "any" }) as SchemaNode;
}

/** Every key of the schema, depth first, in the order the schema declares them. */
export function referenceRows(root: SchemaNode): ReferenceRow[] {
  const rows: ReferenceRow[] = [];
  const seen = new Map<string, string>();
  for (const [name, node] of Object.entries(root.properties ?? {})) visit(node, name, (root.required ?? []).includes(name), rows, seen);
  return rows;
}

function visit(raw: SchemaNode, key: string, required: boolean, rows: ReferenceRow[], seen: Map<string, string>, when?: string): void {
  const node = withoutNull(raw);
  const variants = node.oneOf ?? node.anyOf;
  const children = childrenOf(node, key);
  const shape = children.length > 0 || variants ? JSON.stringify(stripDocs(node)) : undefined;
  const earlier = shape ? seen.get(shape) : undefined;
  if (earlier) {
    rows.push({ key, when, type: `the same keys as \`${earlier}\``, required, default: defaultOf(node), description: node.description });
    return;
  }
  if (shape) seen.set(shape, key);
  rows.push({ key, when, type: typeOf(node), required, default: defaultOf(node), description: node.description });
  if (node.oneOf) {
    // A discriminated union (backend, source): each variant's keys under its own `type`.
    for (const variant of node.oneOf) {
      const tag = variant.properties?.type?.const;
      for (const [name, child] of Object.entries(variant.properties ?? {})) {
        if (name === "type") continue;
        visit(child, `${key}.${name}`, (variant.required ?? []).includes(name), rows, seen, `type: ${String(tag)}`);
      }
    }
    return;
  }
  for (const child of children) visit(child.node, child.key, child.required, rows, seen, when);
}

/** The keys under an object, a mapping's values, or the mapping branch of "text or mapping". */
function childrenOf(node: SchemaNode, key: string): { key: string; node: SchemaNode; required: boolean }[] {
  if (node.properties) {
    return Object.entries(node.properties).map(([name, child]) => ({ key: `${key}.${name}`, node: child, required: (node.required ?? []).includes(name) }));
  }
  if (typeof node.additionalProperties === "object") {
    const value = withoutNull(node.additionalProperties);
    const entry = `${key}.<${node.keyName ?? "name"}>`;
    const mapping = value.anyOf?.find((branch) => branch.properties);
    if (value.properties || mapping) return [{ key: entry, node: value, required: false }];
    return [];
  }
  const mapping = node.anyOf?.find((branch) => branch.properties);
  if (mapping) return childrenOf(mapping, key);
  return [];
}

function withoutNull(node: SchemaNode): SchemaNode {
  if (!node.anyOf) return node;
  const rest = node.anyOf.filter((branch) => branch.type !== "null");
  if (rest.length === node.anyOf.length) return node;
  const { anyOf: _anyOf, ...docs } = node;
  return rest.length === 1 ? { ...rest[0], ...docs } : { ...docs, anyOf: rest };
}

/** The shape alone, so that two keys of one shape with their own descriptions are seen as one. */
function stripDocs(node: SchemaNode): SchemaNode {
  const { description: _description, default: _default, defaultText: _defaultText, ...rest } = node;
  return rest;
}

export function typeOf(node: SchemaNode): string {
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
  if (node.enum) {
    return node.enum.length > LONGEST_LISTED_ENUM ? `one of ${node.enum.length} names` : node.enum.map((value) => `\`${String(value)}\``).join(", ");
  }
  if (node.oneOf) return `a mapping, by \`type\`: ${node.oneOf.map((v) => `\`${String(v.properties?.type?.const)}\``).join(", ")}`;
  if (node.anyOf) return node.anyOf.map(typeOf).join(", or ");
  if (Array.isArray(node.type)) return node.type.map((type) => typeOf({ type })).join(" or ");
  switch (node.type) {
    case "string":
      if (node.format) return node.format === "email" ? "an email address" : `text (${node.format})`;
      return node.pattern ? `text matching \`${node.pattern}\`` : "text";
    case "integer":
    case "number":
      return `${node.type === "integer" ? "a whole number" : "a number"}${node.minimum !== undefined && node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? ` from ${node.minimum} to ${node.maximum}` : node.minimum !== undefined ? ` of at least ${node.minimum}` : ""}`;
    case "boolean":
      return "`true` or `false`";
    case "array":
      return node.items ? `a list of ${typeOf(node.items).replace(/^an? /, "")}` : "a list";
    case "object":
      if (node.properties) return "a mapping";
      if (typeof node.additionalProperties === "object") {
        const keys = node.keyName ? `${node.keyName} names` : node.propertyNames?.pattern ? `names matching \`${node.propertyNames.pattern}\`` : "names";
        const value = typeOf(withoutNull(node.additionalProperties));
        return `a mapping of ${keys} to ${value === "a mapping" ? "mappings (below)" : value.replace(/^an? /, "")}`;
      }
      return "a mapping";
    default:
      return "any value";
  }
}

function defaultOf(node: SchemaNode): string | undefined {
  if (node.defaultText) return node.defaultText;
  if (node.default === undefined) return undefined;
  return `\`${JSON.stringify(node.default)}\``;
}

/** The whole page. Sections follow the top-level keys; `|` in a cell is escaped for the table. */
export function renderConfigReference(root: SchemaNode = configJsonSchema()): string {
  const rows = referenceRows(root);
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = [
    "<!-- Generated from stacks/config/schema*.ts by `npm run docs:config`; edit the schema's .meta() texts, not this file. -->",
    "# Config reference",
    "",
    "Every key of `default-config.yaml` (or the file `GLUE_CONFIG` names), as the schema in `stacks/config/` declares it.",
    "How the file is found, what synth checks across keys, and worked examples are in [Configuration](configuration.md).",
    "",
  ];
  let section: string | undefined;
  for (const row of rows) {
    const top = row.key.split(".")[0];
    if (top !== section) {
      section = top;
      if (lines.at(-1) !== "") lines.push("");
      lines.push(`## \`${top}\``, "", "| key | type | default | meaning |", "|---|---|---|---|");
    }
    const missing = row.required ? "required" : "none";
    // The page sits in docs/: a page named in a description becomes a link to it.
    const description = (row.description ?? "").replace(/\bdocs\/([\w-]+\.md)\b/g, "[$1]($1)");
    const meaning = `${row.when ? `(with \`${row.when}\`) ` : ""}${description}`;
    lines.push(`| \`${cell(row.key)}\` | ${cell(row.type)} | ${cell(row.default ?? missing)} | ${cell(meaning)} |`);
  }
  lines.push("");
  return lines.join("\n");
}

/** Keys the reference would show without a meaning: each needs a `.meta({ description })` in the schema. */
export function undescribedKeys(root: SchemaNode = configJsonSchema()): string[] {
  return referenceRows(root)
    .filter((row) => !row.description)
    .map((row) => row.key);
}
