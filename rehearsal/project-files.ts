/**
 * The project's files as git would list them (`git ls-files -co --exclude-standard`: tracked and
 * untracked, not ignored), from any tree: a clone, an unpacked download, or the pipeline's source
 * artifact, none of which need a `.git`. The tree is walked, and every `.gitignore` on the way applies
 * to its own directory and below, read by the `ignore` package (the .gitignore rules as git documents
 * them: https://git-scm.com/docs/gitignore). An ignored directory is not entered.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";

/** Never part of the copy, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set([".git"]);

interface Rules {
  /** The directory the rules were read in, relative to the root ("" for the root) */
  readonly base: string;
  readonly matcher: Ignore;
}

function rulesIn(root: string, dir: string): Rules | undefined {
  const file = join(root, dir, ".gitignore");
  if (!existsSync(file)) return undefined;
  return { base: dir, matcher: ignore().add(readFileSync(file, "utf8")) };
}

function ignored(rules: readonly Rules[], path: string, isDir: boolean): boolean {
  return rules.some(({ base, matcher }) => {
    const inside = base ? path.slice(base.length + 1) : path;
    return matcher.ignores(isDir ? `${inside}/` : inside);
  });
}

/** Files (and symbolic links) under `root`, relative to it, sorted, as git would list them. */
export function listProjectFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string, inherited: readonly Rules[]) => {
    const own = rulesIn(root, dir);
    const rules = own ? [...inherited, own] : inherited;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (ignored(rules, path, isDir)) continue;
      if (isDir) walk(path, rules);
      else files.push(path);
    }
  };
  walk("", []);
  return files.sort();
}
