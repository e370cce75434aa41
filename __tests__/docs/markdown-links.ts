/**
 * Links and headings of a Markdown page, as GitHub renders them: links outside code, and each heading's
 * anchor (GitHub's slug: lower case, punctuation dropped, spaces to hyphens, `-1`, `-2` for repeats).
 */
import { readFileSync } from "node:fs";

export interface MarkdownLink {
  readonly target: string;
  readonly line: number;
}

/** Prose lines of a page: fenced code blocks are left out, and inline code spans blanked. */
function proseLines(text: string): { text: string; line: number }[] {
  const lines: { text: string; line: number }[] = [];
  let fenced = false;
  text.split("\n").forEach((raw, index) => {
    if (raw.trimStart().startsWith("```")) {
      fenced = !fenced;
      return;
    }
    if (!fenced) lines.push({ text: raw.replace(/`[^`]*`/g, "``"), line: index + 1 });
  });
  return lines;
}

export function markdownLinks(file: string): MarkdownLink[] {
  return proseLines(readFileSync(file, "utf8")).flatMap(({ text, line }) => [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => ({ target: match[1], line })));
}

export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every anchor a page has, from its headings. */
export function headingAnchors(file: string): Set<string> {
  const anchors = new Set<string>();
  const counts = new Map<string, number>();
  let fenced = false;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    if (raw.trimStart().startsWith("```")) fenced = !fenced;
    const match = !fenced && raw.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!match) continue;
    const slug = githubSlug(match[1]);
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    anchors.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return anchors;
}
