import { resourceDescriptions } from "../../stacks/acceptance/rules/resource-descriptions";
import { runOne } from "./fixtures";

describe("resource-descriptions", () => {
  test("refuses a Glue description over 2,048 bytes, though under 2,048 characters", () => {
    const description = "é".repeat(1025);
    const findings = runOne(resourceDescriptions, { aws_glue_job: { j: { name: "dev-A", description } } });
    expect(findings).toEqual([
      expect.objectContaining({ rule: "resource-descriptions", address: "aws_glue_job.j", message: expect.stringMatching(/ is 2050 bytes; aws_glue_job allows 2048$/) }),
    ]);
  });

  test("refuses control characters in a Glue description, and non-Latin-1 ones in a role description", () => {
    const findings = runOne(resourceDescriptions, {
      aws_glue_job: { j: { name: "dev-A", description: "line\u0000end" } },
      aws_iam_role: { r: { name: "r", description: "Runs the Glue job dev-データ" } },
    });
    expect(findings.map((f) => f.message)).toEqual([
      'description "line\\u0000end" holds U+0000, which aws_glue_job refuses',
      'description "Runs the Glue job dev-データ" holds U+30C7, which aws_iam_role refuses',
    ]);
    expect(runOne(resourceDescriptions, { aws_codebuild_project: { p: { name: "p", description: "d".repeat(256) } } })).toHaveLength(1);
  });

  test("accepts multi-line Glue descriptions with any printable text up to 2,048 bytes", () => {
    expect(
      runOne(resourceDescriptions, {
        aws_glue_job: { j: { name: "dev-A", description: `Joins persons\n\tand memberships — 日本語 ${"x".repeat(2000)}` } },
        aws_iam_role: { r: { name: "r", description: "Runs the Glue job dev-Résumé" } },
      }),
    ).toEqual([]);
  });
});
