import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSourceRepository, exportSource, openPullRequest, PULL_REQUEST_CHANGE } from "../../rehearsal/source-repository";
import { PROJECT_DIR } from "../../stacks/config";

const git = (dir: string, ...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8" }).trim();

describe("the rehearsal's source repository", () => {
  const root = mkdtempSync(join(tmpdir(), "source-repository-test-"));
  const workspace = join(root, "project");
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeAll(() => {
    mkdirSync(join(workspace, "job_scripts"), { recursive: true });
    mkdirSync(join(workspace, "cdktf.out"), { recursive: true });
    copyFileSync(join(PROJECT_DIR, PULL_REQUEST_CHANGE.file), join(workspace, PULL_REQUEST_CHANGE.file));
    writeFileSync(join(workspace, ".gitignore"), "node_modules/\ncdktf.out/\n");
    writeFileSync(join(workspace, "cdktf.out", "manifest.json"), "{}");
    symlinkSync(join(PROJECT_DIR, "node_modules"), join(workspace, "node_modules"), "dir");
  });

  test("the base commit holds the workspace's files, not what .gitignore names nor the linked node_modules", () => {
    const repo = createSourceRepository({ workspaceDir: workspace, dir: root, branch: "main" });
    expect(execFileSync("git", ["--git-dir", repo.gitDir, "ls-tree", "-r", "--name-only", "main"], { encoding: "utf8" }).trim().split("\n")).toEqual([".gitignore", PULL_REQUEST_CHANGE.file]);

    // The Source action's artifact: the files at the branch's head, no .git, node_modules linked as npm ci would have made it.
    const source = join(root, "source");
    expect(exportSource(repo, source)).toBe(repo.baseCommit);
    expect(existsSync(join(source, ".git"))).toBe(false);
    expect(readFileSync(join(source, PULL_REQUEST_CHANGE.file), "utf8")).toBe(readFileSync(join(workspace, PULL_REQUEST_CHANGE.file), "utf8"));
    expect(lstatSync(join(source, "node_modules")).isSymbolicLink()).toBe(true);

    // The pull request: one commit on a branch that changes the job's script, cloned with its base as origin/main.
    const pr = openPullRequest(repo, join(root, "pull-request"));
    expect(pr).toMatchObject({ baseCommit: repo.baseCommit, targetBranch: "main", changedFile: PULL_REQUEST_CHANGE.file });
    expect(git(pr.checkoutDir, "rev-parse", "HEAD")).toBe(pr.headCommit);
    expect(git(pr.checkoutDir, "merge-base", "HEAD", "origin/main")).toBe(repo.baseCommit);
    expect(git(pr.checkoutDir, "diff", "--name-only", repo.baseCommit)).toBe(PULL_REQUEST_CHANGE.file);
    expect(git(pr.checkoutDir, "status", "--porcelain")).toBe("");
    const script = readFileSync(join(pr.checkoutDir, PULL_REQUEST_CHANGE.file), "utf8");
    expect(script).toContain(PULL_REQUEST_CHANGE.replace[1]);
    expect(script).toMatch(/^from pyspark\.sql\.functions import lit$/m);
    // The branch is in the repository too, as a push leaves it.
    expect(execFileSync("git", ["--git-dir", repo.gitDir, "rev-parse", `refs/heads/${pr.branch}`], { encoding: "utf8" }).trim()).toBe(pr.headCommit);
  });

  test("a script that no longer holds the text the change replaces is an error that names the file and the fix", () => {
    const other = join(root, "other");
    mkdirSync(join(other, "job_scripts"), { recursive: true });
    writeFileSync(join(other, PULL_REQUEST_CHANGE.file), "print('rewritten')\n");
    const repo = createSourceRepository({ workspaceDir: other, dir: join(root, "other-git"), branch: "main" });
    expect(() => openPullRequest(repo, join(root, "other-pr"))).toThrow(/cannot change job_scripts\/process_legislators\.py.*update PULL_REQUEST_CHANGE/);
  });
});
