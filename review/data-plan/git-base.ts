/**
 * The data plan's base: a git ref (default: the merge base with the pipeline's branch), its tree
 * written into a temporary directory with `git archive`, so the work tree (the head, uncommitted
 * changes included) is never touched.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../../stacks/config";

/** The config is not in a git work tree, so there is no base to compare with. */
export class NoWorkTreeError extends InputError {}

function git(repoDir: string, args: string[]): { ok: boolean; out: string; err: string; raw: Buffer } {
  const run = spawnSync("git", ["-C", repoDir, ...args], { maxBuffer: 512 * 1024 * 1024 });
  return { ok: run.status === 0, out: run.stdout?.toString("utf8").trim() ?? "", err: run.stderr?.toString("utf8").trim() ?? String(run.error ?? ""), raw: run.stdout ?? Buffer.alloc(0) };
}

/** The top of the git work tree holding `dir`, or undefined outside one. */
export function workTreeTop(dir: string): string | undefined {
  const top = git(dir, ["rev-parse", "--show-toplevel"]);
  return top.ok ? top.out : undefined;
}

/** The commit `ref` names, or the merge base of HEAD with the branch (origin's copy first); bad refs are an InputError. */
export function resolveBase(repoDir: string, ref: string | undefined, branch: string): { commit: string; described: string } {
  if (ref !== undefined) {
    const commit = git(repoDir, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    if (!commit.ok) throw new InputError(`--base ${ref} names no commit of ${repoDir}; give a branch, tag or commit, for example --base main`);
    return { commit: commit.out, described: ref };
  }
  for (const candidate of [`origin/${branch}`, branch]) {
    const base = git(repoDir, ["merge-base", "HEAD", candidate]);
    if (base.ok) return { commit: base.out, described: `the merge base with ${candidate}` };
  }
  throw new InputError(`found no merge base of HEAD with ${branch} (the pipeline's branch) in ${repoDir}; fetch it, or name the base with --base REF`);
}

/** Writes the tree of `commit` into a new temporary directory and returns it. */
export function materializeBase(repoDir: string, commit: string): string {
  const dir = mkdtempSync(join(tmpdir(), "glue-data-plan-base-"));
  const archive = git(repoDir, ["archive", "--format=tar", commit]);
  if (!archive.ok) throw new InputError(`git archive ${commit} failed: ${archive.err}`);
  const untar = spawnSync("tar", ["-x", "-C", dir], { input: archive.raw });
  if (untar.status !== 0) throw new InputError(`could not unpack the base ${commit} into ${dir}: ${untar.stderr?.toString() ?? untar.error}`);
  return dir;
}
