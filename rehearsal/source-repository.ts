/**
 * The repository the rehearsal's pipeline builds from: a local git repository in place of CodeCommit or
 * the GitHub, GitLab or Bitbucket repository behind a CodeStar connection, neither of which the emulator
 * has (emulator-gaps.ts: codecommit-pull-requests, codestar-connections).
 *
 *   const repo = createSourceRepository({ workspaceDir, dir, branch: "main" });
 *   repo.baseCommit                        // the workspace's files, committed on `main`
 *   exportSource(repo, into)               // the Source action's artifact: CODE_ZIP, files without .git
 *   const pr = openPullRequest(repo, into) // a branch that changes a job's script, cloned for the check
 *
 * The base commit holds what `git add -A` takes from the workspace (its .gitignore honoured), so the
 * pipeline builds exactly the files the workspace synthesized. The pull request's clone is what CodeBuild
 * checks out for the pull-request check: full history (the project sets no clone depth), the base branch
 * as `origin/<branch>`, so the data plan finds its base as it does on AWS.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LINKED_DIRS } from "./workspace";

export interface SourceRepository {
  /** The bare repository (`<dir>/repository.git`) */
  readonly gitDir: string;
  readonly branch: string;
  readonly baseCommit: string;
  /** The workspace the base commit was taken from, whose linked directories (node_modules, .venv) copies get too */
  readonly workspaceDir: string;
}

export interface PullRequest {
  readonly id: string;
  readonly branch: string;
  /** The pull request's head (its source commit) */
  readonly headCommit: string;
  /** The branch it merges into, at the base commit (its destination commit) */
  readonly baseCommit: string;
  readonly targetBranch: string;
  /** A clone checked out at the head, as CodeBuild checks it out */
  readonly checkoutDir: string;
  /** The file the change edits, relative to the repository */
  readonly changedFile: string;
}

/** A change a reviewer's data plan must show: one output column added by one job's script. */
export interface ScriptChange {
  readonly job: string;
  /** The job's script, relative to the repository */
  readonly file: string;
  /** Text of the script to replace, and its replacement */
  readonly replace: readonly [string, string];
  /** The column the change adds to the job's output */
  readonly addedColumn: string;
  readonly message: string;
}

/** ProcessLegislators' copy gets a `reviewed` column: an added column, not a breaking change. */
export const PULL_REQUEST_CHANGE: ScriptChange = {
  job: "ProcessLegislators",
  file: "job_scripts/process_legislators.py",
  replace: ['write_output(clean_persons(persons), args, "output_path")', 'write_output(clean_persons(persons).withColumn("reviewed", lit(True)), args, "output_path")'],
  addedColumn: "reviewed",
  message: "ProcessLegislators marks each person reviewed",
};

/** Never committed: the links to installed directories, which `.gitignore`'s `dir/` patterns do not match. */
const NOT_COMMITTED = LINKED_DIRS;

const IDENTITY = ["-c", "user.name=Rehearsal", "-c", "user.email=rehearsal@example.com", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"];

function git(args: readonly string[], cwd?: string): string {
  return execFileSync("git", [...IDENTITY, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" } }).trim();
}

/** A bare repository under `dir` whose `branch` holds one commit: the workspace's files. */
export function createSourceRepository(options: { workspaceDir: string; dir: string; branch: string }): SourceRepository {
  const gitDir = join(options.dir, "repository.git");
  mkdirSync(options.dir, { recursive: true });
  git(["init", "--quiet", "--bare", gitDir]);
  mkdirSync(join(gitDir, "info"), { recursive: true });
  writeFileSync(join(gitDir, "info", "exclude"), NOT_COMMITTED.map((name) => `/${name}\n`).join(""));
  const withTree = ["--git-dir", gitDir, "--work-tree", options.workspaceDir];
  git([...withTree, "add", "--all"]);
  const tree = git([...withTree, "write-tree"]);
  const baseCommit = git(["--git-dir", gitDir, "commit-tree", tree, "-m", "The project as the rehearsal synthesized it"]);
  git(["--git-dir", gitDir, "update-ref", `refs/heads/${options.branch}`, baseCommit]);
  git(["--git-dir", gitDir, "symbolic-ref", "HEAD", `refs/heads/${options.branch}`]);
  return { gitDir, branch: options.branch, baseCommit, workspaceDir: options.workspaceDir };
}

/** Links what `npm ci` and setup would have made (node_modules, .venv, .jars): the rehearsal does not run them. */
function linkInstalled(repo: SourceRepository, dir: string): void {
  for (const name of LINKED_DIRS) {
    const from = join(repo.workspaceDir, name);
    if (existsSync(from) && !existsSync(join(dir, name))) symlinkSync(from, join(dir, name), "dir");
  }
}

/**
 * The Source action's output artifact (OutputArtifactFormat CODE_ZIP): the branch's files at its head,
 * without .git, as CodeCommit or a connection hands them to CodePipeline. Returns the commit.
 */
export function exportSource(repo: SourceRepository, into: string): string {
  mkdirSync(into, { recursive: true });
  const commit = git(["--git-dir", repo.gitDir, "rev-parse", `refs/heads/${repo.branch}`]);
  const archive = execFileSync("git", ["--git-dir", repo.gitDir, "archive", "--format=tar", commit], { maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", into], { input: archive });
  linkInstalled(repo, into);
  return commit;
}

/** Pushes a branch with `change` to the repository and returns the pull request into `repo.branch`, cloned at its head. */
export function openPullRequest(repo: SourceRepository, into: string, change: ScriptChange = PULL_REQUEST_CHANGE): PullRequest {
  const branch = "change-process-legislators";
  git(["clone", "--quiet", "--branch", repo.branch, repo.gitDir, into]);
  git(["checkout", "--quiet", "-b", branch], into);
  const file = join(into, change.file);
  const text = readFileSync(file, "utf8");
  const [from, to] = change.replace;
  if (!text.includes(from)) throw new Error(`the rehearsal's pull request cannot change ${change.file}: it no longer holds ${JSON.stringify(from)}; update PULL_REQUEST_CHANGE in rehearsal/source-repository.ts`);
  const edited = text.replace(from, to);
  writeFileSync(file, /^from pyspark\.sql\.functions import .*\blit\b/m.test(edited) ? edited : edited.replace(/^(from pyspark\.sql import SparkSession)$/m, "$1\nfrom pyspark.sql.functions import lit"));
  git(["commit", "--quiet", "-am", change.message], into);
  git(["push", "--quiet", "origin", branch], into);
  mkdirSync(join(into, ".git", "info"), { recursive: true });
  writeFileSync(join(into, ".git", "info", "exclude"), NOT_COMMITTED.map((name) => `/${name}\n`).join(""));
  linkInstalled(repo, into);
  return { id: "1", branch, headCommit: git(["rev-parse", "HEAD"], into), baseCommit: repo.baseCommit, targetBranch: repo.branch, checkoutDir: into, changedFile: change.file };
}
