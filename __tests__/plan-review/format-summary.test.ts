/** The summary's text, markdown and headline, over recorded plans. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatMarkdown, formatText, headline, MAX_LISTED_CHANGES } from "../../review/format-summary";
import { asPlanJson } from "../../review/plan-json";
import { summarizePlan, type StackSummary } from "../../review/summarize-plan";

const summary = (name: string, stack = "dev-glue"): StackSummary =>
  summarizePlan(stack, asPlanJson(JSON.parse(readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8"))));

describe("headline", () => {
  test("counts, and that nothing data- or access-bearing is destroyed or replaced", () => {
    expect(headline(summary("update-in-place", "prod-glue"))).toBe(
      "prod-glue: 0 to add, 1 to change, 0 to replace, 0 to destroy; no data- or access-bearing resource destroyed or replaced",
    );
    expect(headline(summary("no-op", "prod-glue"))).toBe("prod-glue: no changes");
  });

  test("or the list of those that are, with the forcing attribute", () => {
    expect(headline(summary("replace-data-bucket", "prod-glue"))).toBe(
      "prod-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy; DESTROYS OR REPLACES 2 data- or access-bearing: " +
        'replace aws_s3_bucket "fixture-data-a" -> "fixture-data-b" (bucket), replace aws_s3_bucket_versioning "fixture-data-a" (bucket)',
    );
  });

  test("fits its length by leaving items out and saying how many", () => {
    const text = headline(summary("replace-data-bucket", "prod-glue"), 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/: replace aws_s3_bucket "fixture-data-a" -> "fixture-data-b" \(bucket\) and 1 more$/);
    expect(headline(summary("replace-data-bucket", "prod-glue"), 150)).toBe(
      "prod-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy; DESTROYS OR REPLACES 2 data- or access-bearing (listed in the plan)",
    );
    expect(headline(summary("replace-data-bucket", "prod-glue"), 40)).toHaveLength(40);
  });
});

describe("formatText", () => {
  test("leads with the risky block, then the other changes", () => {
    const text = formatText([summary("replace-data-bucket"), summary("update-in-place", "prod-glue"), summary("no-op", "pipeline")]);
    expect(text).toBe(
      [
        "dev-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy",
        "  DESTROYS OR REPLACES what holds data or grants access:",
        '    ! replace aws_s3_bucket "fixture-data-a" -> "fixture-data-b" [aws_s3_bucket.data]: the bucket and every object in it; forced by bucket ("fixture-data-a" -> "fixture-data-b")',
        '    ! replace aws_s3_bucket_versioning "fixture-data-a" [aws_s3_bucket_versioning.data]: how the bucket keeps its objects (versions, encryption, expiry, ownership); forced by bucket ("fixture-data-a" -> (known after apply))',
        "",
        "prod-glue: 0 to add, 1 to change, 0 to replace, 0 to destroy",
        "  nothing that holds data or grants access is destroyed or replaced",
        '  ~ update aws_iam_role "fixture-reader" [aws_iam_role.reader]',
        "",
        "pipeline: no changes",
      ].join("\n"),
    );
  });

  test("lists at most MAX_LISTED_CHANGES other changes", () => {
    const many = summary("create");
    const long = { ...many, changes: Array.from({ length: MAX_LISTED_CHANGES + 3 }, () => many.changes[0]) };
    expect(formatText([long])).toContain("… and 3 more (see the plan)");
  });
});

describe("formatMarkdown", () => {
  test("a heading, the links, then per stack its headline, the risky block and the other changes", () => {
    const text = formatMarkdown([summary("replace-data-bucket"), summary("create", "prod-glue")], {
      title: "Plan review of 1a2b3c4",
      links: [{ text: "full plans", url: "https://example.com/plans" }],
    });
    expect(text.split("\n").slice(0, 6)).toEqual([
      "### Plan review of 1a2b3c4",
      "",
      "[full plans](https://example.com/plans)",
      "",
      expect.stringMatching(/^\*\*dev-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy; DESTROYS OR REPLACES 2/),
      "",
    ]);
    expect(text).toContain("> **Destroys or replaces what holds data or grants access:**\n> - replace aws\\_s3\\_bucket");
    expect(text).toContain('```\n+ create aws_iam_role "fixture-reader" [aws_iam_role.reader]');
  });

  test("is cut to fit a comment, saying so", () => {
    const text = formatMarkdown([summary("create")], { title: "x".repeat(500), maxLength: 300 });
    expect(text).toHaveLength(300);
    expect(text).toMatch(/cut to fit; the full plans are behind the links above\.$/);
  });
});
