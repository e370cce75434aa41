import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PROJECT_DIR } from "../../stacks/config";
import { listProjectFiles } from "../../rehearsal/project-files";

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "project-files-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("listProjectFiles, in a tree without .git", () => {
  const root = tree({
    ".gitignore": "node_modules/\n*.log\n/cdktf.out/\nbuild/\n!keep.log\n",
    "main.ts": "",
    "debug.log": "",
    "keep.log": "",
    "node_modules/x/index.js": "",
    "cdktf.out/stacks/a.json": "",
    "stacks/cdktf.out/kept.ts": "",
    "job_scripts/.gitignore": "*.tmp\n/local/\n",
    "job_scripts/a.py": "",
    "job_scripts/a.tmp": "",
    "job_scripts/local/out.parquet": "",
    "job_scripts/tests/local/kept.py": "",
    "job_scripts/tests/b.tmp": "",
    "lib/build/out.js": "",
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("applies each .gitignore to its directory and below: globs, anchors, directories and negation", () => {
    expect(listProjectFiles(root)).toEqual([
      ".gitignore",
      "job_scripts/.gitignore",
      "job_scripts/a.py",
      "job_scripts/tests/local/kept.py",
      "keep.log",
      "main.ts",
      "stacks/cdktf.out/kept.ts",
    ]);
  });
});

describe("listProjectFiles, against git itself", () => {
  const hasGit = existsSync(join(PROJECT_DIR, ".git"));
  (hasGit ? test : test.skip)("lists what `git ls-files -co --exclude-standard` lists in this project", () => {
    const git = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
      .split("\0")
      .filter((file) => file && existsSync(join(PROJECT_DIR, file)));
    // Symbolic links to the shared environments (a second work tree's node_modules) are files to git.
    const linked = /^(node_modules|\.venv|\.venv-scan)$/;
    expect(listProjectFiles(PROJECT_DIR).filter((f) => !linked.test(f))).toEqual([...new Set(git)].filter((f) => !linked.test(f)).sort());
  });
  if (!hasGit) console.log("skipped: the comparison with git needs this project's .git");
});
