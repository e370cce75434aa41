/** Every relative link of README.md and docs/*.md reaches a file of the project, and its #anchor a heading there. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { docFiles, PROJECT_DIR } from "./doc-commands";
import { githubSlug, headingAnchors, markdownLinks } from "./markdown-links";

const EXTERNAL = /^(https?:|mailto:)/;

/** Top-level folders of the project: a code span that starts with one names a file or folder of it. */
const TOP_FOLDERS = readdirSync(PROJECT_DIR).filter((name) => !name.startsWith(".") && name !== "node_modules" && statSync(join(PROJECT_DIR, name)).isDirectory());
/** Written by the commands, not kept in git. */
const GENERATED = new Set(["job_scripts/.local-output", "perf/.work"]);

/** Code spans such as `stacks/pipeline/buildspec.ts` that name a project path with no placeholder in it. */
function namedPaths(file: string): { path: string; line: number }[] {
  const folders = new RegExp(`^(${[...TOP_FOLDERS, ".ci"].map((f) => f.replace(/[.]/g, "\\.")).join("|")})/[\\w./-]*$`);
  return readFileSync(join(PROJECT_DIR, file), "utf8")
    .split("\n")
    .flatMap((text, index) => [...text.matchAll(/`([^`\s]+)`/g)].map((m) => ({ path: m[1], line: index + 1 })))
    .filter(({ path }) => folders.test(path) && !GENERATED.has(path));
}

function linkProblems(file: string, projectDir = PROJECT_DIR): string[] {
  const path = join(projectDir, file);
  return markdownLinks(path).flatMap(({ target, line }) => {
    if (EXTERNAL.test(target)) return [];
    const [page, anchor] = target.split("#", 2);
    const linked = page === "" ? path : join(dirname(path), decodeURIComponent(page));
    const at = `${file}:${line}: ${target}`;
    if (!linked.startsWith(projectDir)) return [`${at}: leaves the project`];
    if (!existsSync(linked)) return [`${at}: no such file ${relative(projectDir, linked)}`];
    if (anchor !== undefined && linked.endsWith(".md") && !headingAnchors(linked).has(anchor)) {
      return [`${at}: ${relative(projectDir, linked)} has no heading with the anchor #${anchor}`];
    }
    return [];
  });
}

describe("links of README.md and docs/", () => {
  test("the README links every page of docs/", () => {
    const readme = markdownLinks(join(PROJECT_DIR, "README.md")).map((link) => link.target.split("#")[0]);
    const pages = docFiles().filter((file) => file.startsWith("docs/"));
    expect(pages.filter((page) => !readme.includes(page))).toEqual([]);
  });

  test.each(docFiles())("every relative link of %s resolves, anchors included", (file) => {
    expect(linkProblems(file)).toEqual([]);
  });

  test.each(docFiles())("every project path %s names in code exists", (file) => {
    const missing = namedPaths(file).filter(({ path }) => !existsSync(join(PROJECT_DIR, path)));
    expect(missing.map(({ path, line }) => `${file}:${line}: ${path} does not exist; fix the path`)).toEqual([]);
  });

  test("paths in code are found: folders, files, and multi-level ones", () => {
    const named = docFiles().flatMap((file) => namedPaths(file).map(({ path }) => path));
    expect(named).toEqual(expect.arrayContaining(["stacks/pipeline/buildspec.ts", "job_scripts/legislators/transforms.py", "stacks/pipeline/permissions/", "bench/results.json"]));
    expect(named).not.toContain("job_scripts/<job>.py");
  });

  test("anchors are GitHub's", () => {
    expect(githubSlug("First deploy (bootstrap), in order")).toBe("first-deploy-bootstrap-in-order");
    expect(githubSlug("Job alerts: `glue-<stage>-job-alerts`")).toBe("job-alerts-glue-stage-job-alerts");
    expect(githubSlug("On a laptop: `npm run diff`")).toBe("on-a-laptop-npm-run-diff");
  });

  test("a broken link or anchor is caught, and links in code are not links", () => {
    const dir = mkdtempSync(join(tmpdir(), "doc-links-"));
    const page = join(dir, "page.md");
    writeFileSync(page, "# Title\n\n## Two words\n\n[ok](#two-words) [bad](#three) [gone](gone.md) [out](../../x.md) `[code](nowhere.md)`\n\n```\n[fenced](nowhere.md)\n```\n");
    expect(markdownLinks(page).map((l) => l.target)).toEqual(["#two-words", "#three", "gone.md", "../../x.md"]);
    expect([...headingAnchors(page)]).toEqual(["title", "two-words"]);
    expect(linkProblems("page.md", dir)).toEqual([
      "page.md:5: #three: page.md has no heading with the anchor #three",
      "page.md:5: gone.md: no such file gone.md",
      "page.md:5: ../../x.md: leaves the project",
    ]);
  });
});
