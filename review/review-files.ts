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
import type { StackSummary } from "./summarize-plan";

export interface StackError {
  readonly stack: string;
  readonly error: string;
}

export interface Review {
  readonly summaries: readonly StackSummary[];
  readonly errors: readonly StackError[];
}

/** 0 no changes, 2 changes, 1 an error: as `terraform plan -detailed-exitcode`. */
export function exitCodeOf(review: Review): 0 | 1 | 2 {
  if (review.errors.length > 0) return 1;
  return review.summaries.some((s) => s.changed) ? 2 : 0;
}

/** The review as data: each stack's summary with its headline, the errors, and the exit code. */
export function reviewJson(review: Review) {
  return {
    stacks: review.summaries.map((summary) => ({ ...summary, headline: headline(summary, Number.MAX_SAFE_INTEGER) })),
    errors: review.errors,
    exitCode: exitCodeOf(review),
  };
}

/** One line for every stack reviewed (and each that failed), cut to HEADLINE_LENGTH. */
export function reviewHeadline(review: Review): string {
  const parts = [...review.summaries.map((s) => headline(s, Number.MAX_SAFE_INTEGER)), ...review.errors.map((e) => `${e.stack}: the plan FAILED`)];
  const text = parts.join(" | ");
  if (review.summaries.length === 1 && review.errors.length === 0) return headline(review.summaries[0]);
  return text.length <= HEADLINE_LENGTH ? text : `${text.slice(0, HEADLINE_LENGTH - 1)}…`;
}

export function reviewMarkdown(review: Review, options: MarkdownOptions): string {
  const failed = review.errors.map((e) => `**${e.stack}: the plan FAILED**\n\n\`\`\`\n${e.error}\n\`\`\``);
  const summary = formatMarkdown(review.summaries, options);
  return failed.length ? `${summary}\n\n${failed.join("\n\n")}` : summary;
}

export function writeReviewFiles(dir: string, review: Review, texts: Readonly<Record<string, string>>, markdown: MarkdownOptions): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "summary.md"), `${reviewMarkdown(review, markdown)}\n`);
  writeFileSync(join(dir, "summary.json"), `${JSON.stringify(reviewJson(review), null, 2)}\n`);
  writeFileSync(join(dir, "headline.txt"), `${reviewHeadline(review)}\n`);
  for (const [stack, text] of Object.entries(texts)) writeFileSync(join(dir, `${stack}.plan.txt`), text);
}
