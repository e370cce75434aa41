/**
 * What a plan review leaves behind for people and machines (`npm run diff -- --out DIR`):
 * - `summary.md`: the markdown summary (a pull request's comment, the approval's summary);
 * - `summary.json`: the same as data;
 * - `headline.txt`: one line, at most HEADLINE_LENGTH characters (the prod approval's text);
 * - `<stack>.plan.txt`: each stack's full plan, as `terraform show` prints it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HEADLINE_LENGTH } from "../stacks/pipeline/constants";
import { formatMarkdown, headline, type MarkdownOptions } from "./format-summary";
import type { DataPlan } from "./data-plan/data-plan";
import { dataHeadline, dataPlanMarkdown, hasBreaking } from "./data-plan/format-data-plan";
import type { StackSummary } from "./summarize-plan";

export interface StackError {
  readonly stack: string;
  readonly error: string;
}

export interface Review {
  readonly summaries: readonly StackSummary[];
  readonly errors: readonly StackError[];
  /** The data plan, when it was made. */
  readonly data?: DataPlan;
  /** Why the data plan could not be made, when it was asked for. */
  readonly dataError?: string;
  /** Why no data plan was made (the config is not in a git work tree), when that is no error. */
  readonly dataSkipped?: string;
}

/** 0 no changes, 2 changes, 1 an error: as `terraform plan -detailed-exitcode`. */
export function exitCodeOf(review: Review): 0 | 1 | 2 {
  if (review.errors.length > 0 || review.dataError !== undefined) return 1;
  return review.summaries.some((s) => s.changed) || (review.data?.jobs.length ?? 0) > 0 ? 2 : 0;
}

/** The review as data: each stack's summary with its headline, the errors, and the exit code. */
export function reviewJson(review: Review) {
  return {
    stacks: review.summaries.map((summary) => ({ ...summary, headline: headline(summary, Number.MAX_SAFE_INTEGER) })),
    errors: review.errors,
    ...(review.data ? { data: { ...review.data, headline: dataHeadline(review.data, Number.MAX_SAFE_INTEGER) } } : {}),
    ...(review.dataError !== undefined ? { dataError: review.dataError } : {}),
    ...(review.dataSkipped !== undefined ? { dataSkipped: review.dataSkipped } : {}),
    exitCode: exitCodeOf(review),
  };
}

/** One line for every stack reviewed (and each that failed), cut to HEADLINE_LENGTH; the data plan's first when something breaks. */
export function reviewHeadline(review: Review): string {
  const parts = [...review.summaries.map((s) => headline(s, Number.MAX_SAFE_INTEGER)), ...review.errors.map((e) => `${e.stack}: the plan FAILED`)];
  const infra = review.summaries.length === 1 && review.errors.length === 0 ? headline(review.summaries[0]) : parts.join(" | ");
  const data = review.data ? dataHeadline(review.data, Number.MAX_SAFE_INTEGER) : review.dataError !== undefined ? "data plan FAILED" : undefined;
  const breaking = review.dataError !== undefined || (review.data !== undefined && hasBreaking(review.data));
  const text = [breaking ? data : undefined, infra || undefined, breaking ? undefined : data].filter(Boolean).join(" | ");
  return text.length <= HEADLINE_LENGTH ? text : `${text.slice(0, HEADLINE_LENGTH - 1)}…`;
}

/** The summary's markdown; the data plan's section follows the stacks', its headline goes first when something breaks. */
export function reviewMarkdown(review: Review, options: MarkdownOptions): string {
  const failed = review.errors.map((e) => `**${e.stack}: the plan FAILED**\n\n\`\`\`\n${e.error}\n\`\`\``);
  const data = review.data
    ? dataPlanMarkdown(review.data)
    : review.dataError !== undefined
      ? `**The data plan FAILED**\n\n\`\`\`\n${review.dataError}\n\`\`\``
      : review.dataSkipped !== undefined
        ? `**Data plan skipped:** ${review.dataSkipped}`
        : undefined;
  const breaking = review.dataError !== undefined || (review.data !== undefined && hasBreaking(review.data));
  // The data section is kept whole: the stacks' summary is cut to leave it room.
  const room = (options.maxLength ?? 10_000) - (data ? data.length + 200 : 0);
  const summary = formatMarkdown(review.summaries, { ...options, maxLength: Math.max(room, 2_000) });
  const lines = [summary, ...failed];
  if (data) lines.push(data);
  const text = lines.join("\n\n");
  if (!breaking || !review.data) return text;
  const [title, ...rest] = text.split("\n");
  return [title, "", `> **Data: ${dataHeadline(review.data, Number.MAX_SAFE_INTEGER)}**`, ...rest].join("\n");
}

export function writeReviewFiles(dir: string, review: Review, texts: Readonly<Record<string, string>>, markdown: MarkdownOptions): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "summary.md"), `${reviewMarkdown(review, markdown)}\n`);
  writeFileSync(join(dir, "summary.json"), `${JSON.stringify(reviewJson(review), null, 2)}\n`);
  writeFileSync(join(dir, "headline.txt"), `${reviewHeadline(review)}\n`);
  for (const [stack, text] of Object.entries(texts)) writeFileSync(join(dir, `${stack}.plan.txt`), text);
}
