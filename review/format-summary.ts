/**
 * The summary in the forms people read it: a terminal's text, a pull request's markdown, and one
 * headline a line long (the prod approval's text). The risky block always comes first.
 */
import { HEADLINE_LENGTH } from "../stacks/pipeline/constants";
import type { PlannedResource, StackSummary } from "./summarize-plan";

const SYMBOL: Record<PlannedResource["action"], string> = {
  create: "+",
  update: "~",
  replace: "-/+",
  delete: "-",
  forget: ".",
  import: "<=",
};

/** Other changes listed per stack before "and N more": the plan itself has the rest. */
export const MAX_LISTED_CHANGES = 25;

/** `prod-glue: 2 to add, 1 to change, 0 to replace, 0 to destroy` (plus forget/import/outputs when any). */
export function countsLine(summary: StackSummary): string {
  const { counts } = summary;
  const parts = [`${counts.add} to add`, `${counts.change} to change`, `${counts.replace} to replace`, `${counts.destroy} to destroy`];
  if (counts.import > 0) parts.push(`${counts.import} to import`);
  if (counts.forget > 0) parts.push(`${counts.forget} to forget`);
  if (summary.outputsChanged > 0) parts.push(`${summary.outputsChanged} output${summary.outputsChanged === 1 ? "" : "s"} to change`);
  return `${summary.stack}: ${parts.join(", ")}`;
}

/** How a resource is named to a reviewer: its type and own name, else its address. */
export function resourceLabel(resource: PlannedResource): string {
  if (!resource.name) return resource.address;
  const name = resource.newName ? `"${resource.name}" -> "${resource.newName}"` : `"${resource.name}"`;
  return `${resource.type} ${name}`;
}

/** One line of the risky block: action, resource, what goes with it, and what forces a replacement. */
export function riskyLine(resource: PlannedResource): string {
  const forced = resource.forcedBy.length
    ? `; forced by ${resource.forcedBy.map((f) => `${f.path} (${f.before} -> ${f.after})`).join(", ")}`
    : resource.reason
      ? `; ${resource.reason.replace(/_/g, " ")}`
      : "";
  const where = resource.name ? ` [${resource.address}]` : "";
  return `${resource.action} ${resourceLabel(resource)}${where}: ${resource.risk?.holds ?? ""}${forced}`;
}

function changeLine(resource: PlannedResource): string {
  const moved = resource.previousAddress ? ` (moved from ${resource.previousAddress})` : "";
  const where = resource.name ? ` [${resource.address}]` : "";
  const forced = resource.forcedBy.length ? `; forced by ${resource.forcedBy.map((f) => f.path).join(", ")}` : "";
  return `${SYMBOL[resource.action]} ${resource.action} ${resourceLabel(resource)}${where}${moved}${forced}`;
}

/**
 * One line for the approver: the counts, then either that nothing holding data or granting access is
 * destroyed or replaced, or which are; cut to `maxLength` characters with how many were left out.
 */
export function headline(summary: StackSummary, maxLength = HEADLINE_LENGTH): string {
  if (!summary.changed) return fit(`${summary.stack}: no changes`, maxLength);
  const counts = countsLine(summary);
  if (summary.risky.length === 0) return fit(`${counts}; no data- or access-bearing resource destroyed or replaced`, maxLength);
  const head = `${counts}; DESTROYS OR REPLACES ${summary.risky.length} data- or access-bearing`;
  const items = summary.risky.map((r) => `${r.action} ${resourceLabel(r)}${r.forcedBy.length ? ` (${r.forcedBy.map((f) => f.path).join(", ")})` : ""}`);
  let text = `${head}: ${items.join(", ")}`;
  for (let shown = items.length - 1; text.length > maxLength && shown >= 0; shown--) {
    text = shown > 0 ? `${head}: ${items.slice(0, shown).join(", ")} and ${items.length - shown} more` : `${head} (listed in the plan)`;
  }
  return fit(text, maxLength);
}

function fit(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

/** The terminal form: per stack its counts, the risky block, then the other changes. */
export function formatText(summaries: readonly StackSummary[]): string {
  const lines: string[] = [];
  for (const summary of summaries) {
    if (lines.length > 0) lines.push("");
    if (!summary.changed) {
      lines.push(`${summary.stack}: no changes`);
      continue;
    }
    lines.push(countsLine(summary));
    if (summary.risky.length > 0) {
      lines.push("  DESTROYS OR REPLACES what holds data or grants access:");
      for (const resource of summary.risky) lines.push(`    ! ${riskyLine(resource)}`);
    } else {
      lines.push("  nothing that holds data or grants access is destroyed or replaced");
    }
    lines.push(...listed(summary.changes).map((line) => `  ${line}`));
  }
  return lines.join("\n");
}

function listed(changes: readonly PlannedResource[]): string[] {
  const lines = changes.slice(0, MAX_LISTED_CHANGES).map(changeLine);
  if (changes.length > MAX_LISTED_CHANGES) lines.push(`… and ${changes.length - MAX_LISTED_CHANGES} more (see the plan)`);
  return lines;
}

export interface MarkdownOptions {
  /** The heading, e.g. "Plan review of 1a2b3c4". */
  readonly title: string;
  /** Links under the heading, e.g. the full plans and the build's log. */
  readonly links?: readonly { readonly text: string; readonly url: string }[];
  /** Most characters of the whole text (a CodeCommit comment holds 10,240). @default 10000 */
  readonly maxLength?: number;
}

/** The pull request's form: the same content as markdown, cut to fit a comment. */
export function formatMarkdown(summaries: readonly StackSummary[], options: MarkdownOptions): string {
  const lines = [`### ${options.title}`, ""];
  if (options.links?.length) lines.push(options.links.map((l) => `[${l.text}](${l.url})`).join(" · "), "");
  for (const summary of summaries) {
    lines.push(`**${headline(summary, Number.MAX_SAFE_INTEGER)}**`, "");
    if (summary.risky.length > 0) {
      lines.push("> **Destroys or replaces what holds data or grants access:**");
      for (const resource of summary.risky) lines.push(`> - ${escape(riskyLine(resource))}`);
      lines.push("");
    }
    const others = listed(summary.changes);
    if (others.length > 0) lines.push("```", ...others, "```", "");
  }
  const text = lines.join("\n").trimEnd();
  const max = options.maxLength ?? 10_000;
  if (text.length <= max) return text;
  const note = "\n\n… cut to fit; the full plans are behind the links above.";
  return text.slice(0, max - note.length) + note;
}

function escape(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, "\\$1");
}
