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
