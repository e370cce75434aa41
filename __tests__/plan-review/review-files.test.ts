/** The review's exit code, headline and markdown when several stacks are reviewed, or one failed. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HEADLINE_LENGTH } from "../../stacks/pipeline/constants";
import { asPlanJson } from "../../review/plan-json";
import { exitCodeOf, reviewHeadline, reviewMarkdown } from "../../review/review-files";
import { summarizePlan } from "../../review/summarize-plan";

const summary = (name: string, stack: string) => summarizePlan(stack, asPlanJson(JSON.parse(readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8"))));

test("exit code: 1 for any error, else 2 for any change, else 0", () => {
  expect(exitCodeOf({ summaries: [summary("no-op", "a")], errors: [] })).toBe(0);
  expect(exitCodeOf({ summaries: [summary("no-op", "a"), summary("delete", "b")], errors: [] })).toBe(2);
  expect(exitCodeOf({ summaries: [summary("delete", "b")], errors: [{ stack: "c", error: "x" }] })).toBe(1);
});

test("the headline of several stacks joins theirs, names a failed one, and fits HEADLINE_LENGTH", () => {
  const review = { summaries: [summary("no-op", "pipeline"), summary("update-in-place", "dev-glue")], errors: [{ stack: "prod-glue", error: "boom" }] };
  const line = reviewHeadline(review);
  expect(line.startsWith("pipeline: no changes | dev-glue: 0 to add, 1 to change")).toBe(true);
  expect(line.length).toBeLessThanOrEqual(HEADLINE_LENGTH);
  expect(reviewHeadline({ summaries: [summary("no-op", "pipeline")], errors: [{ stack: "prod-glue", error: "boom" }] })).toBe("pipeline: no changes | prod-glue: the plan FAILED");
});

test("the markdown ends with each failed plan and Terraform's error", () => {
  const text = reviewMarkdown({ summaries: [summary("no-op", "pipeline")], errors: [{ stack: "prod-glue", error: "terraform plan failed:\nError: denied" }] }, { title: "Plan review" });
  expect(text).toBe("### Plan review\n\n**pipeline: no changes**\n\n**prod-glue: the plan FAILED**\n\n```\nterraform plan failed:\nError: denied\n```");
});

describe("with a data plan", () => {
  const job = (name: string, downstream: string[], breaking = true) => ({
    job: name,
    stage: "prod" as const,
    change: "data" as const,
    schemaChanges: [{ output: "output_path", column: "org_name", change: "dropped (was string)", breaking, downstream }],
    contractViolations: [],
    rowDiff: null,
    runErrors: [],
  });
  const plan = (jobs: ReturnType<typeof job>[]) => ({ base: { ref: "main", commit: "a".repeat(40) }, jobs, breaking: jobs.filter((j) => j.schemaChanges[0].breaking).length, violations: 0, seconds: 1, notes: [] });

  test("a breaking change puts the data plan's headline first, in the headline and the markdown", () => {
    const review = { summaries: [summary("update-in-place", "prod-glue")], errors: [], data: plan([job("JoinLegislators", ["SummarizeLegislators"])]) };
    expect(reviewHeadline(review)).toMatch(/^1 breaking schema change: JoinLegislators drops `org_name`, read by SummarizeLegislators \| prod-glue: 0 to add, 1 to change/);
    const text = reviewMarkdown(review, { title: "Plan review" });
    expect(text.split("\n").slice(0, 3)).toEqual(["### Plan review", "", "> **Data: 1 breaking schema change: JoinLegislators drops `org_name`, read by SummarizeLegislators**"]);
    expect(text).toContain("! BREAKING output_path.org_name: dropped (was string) — read by SummarizeLegislators");
    expect(exitCodeOf(review)).toBe(2);
  });

  test("without a breaking change the stacks' headline comes first", () => {
    const review = { summaries: [summary("update-in-place", "prod-glue")], errors: [], data: plan([job("JoinLegislators", [], false)]) };
    expect(reviewHeadline(review)).toMatch(/^prod-glue: 0 to add, 1 to change.* \| data: 1 job changed, no breaking schema change \(1 other schema change\)$/);
  });

  test("many breaking changes still fit the headline the prod approval's 500 characters hold (HEADLINE_LENGTH)", () => {
    const many = plan(Array.from({ length: 30 }, (_, i) => job(`Job${i}`, ["ReaderA", "ReaderB"])));
    const line = reviewHeadline({ summaries: [summary("update-in-place", "prod-glue")], errors: [], data: many });
    expect(line.length).toBe(HEADLINE_LENGTH);
    expect(line.startsWith("30 breaking schema changes: Job0 drops `org_name`")).toBe(true);
  });

  test("a data plan that could not be made fails the review and says so first", () => {
    const review = { summaries: [summary("no-op", "prod-glue")], errors: [], dataError: "the data plan's Spark run failed (exit 1)" };
    expect(exitCodeOf(review)).toBe(1);
    expect(reviewHeadline(review)).toBe("data plan FAILED | prod-glue: no changes");
  });
});
