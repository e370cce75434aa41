/** Every relative link of README.md and docs/*.md reaches a file of the project, and its #anchor a heading there. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { docFiles, PROJECT_DIR } from "./doc-commands";
import { githubSlug, headingAnchors, markdownLinks } from "./markdown-links";

const EXTERNAL = /^(https?:|mailto:)/;

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
