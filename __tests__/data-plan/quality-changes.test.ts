/** The data plan's data-quality section: rules added, removed, loosened or tightened, and those left to Glue. */
import type { OutputQuality } from "../../stacks/config";
import { awsOnlyRules, qualityChanges } from "../../review/data-plan/quality-changes";

const quality = (rules: (string | [string, true])[], onFailure: "fail" | "warn" = "fail"): Record<string, OutputQuality> => ({
  output_path: {
    name: "dev-J-output_path",
    onFailure,
    rules: rules.map((r) => (typeof r === "string" ? { rule: r, awsOnly: false, type: r.split(" ")[0], references: [] } : { rule: r[0], awsOnly: true, type: r[0].split(" ")[0], references: [] })),
  },
});

describe("qualityChanges", () => {
  test("a new rule is added and a dropped one removed", () => {
    expect(qualityChanges(quality(['IsComplete "id"']), quality(['IsUnique "id"']))).toEqual([
      { output: "output_path", rule: 'IsUnique "id"', change: "added" },
      { output: "output_path", rule: 'IsComplete "id"', change: "removed" },
    ]);
  });

  test("a lower row count is loosened, a higher one tightened, with what it was", () => {
    expect(qualityChanges(quality(["RowCount > 1000"]), quality(["RowCount > 100"]))).toEqual([{ output: "output_path", rule: "RowCount > 100", change: "loosened", was: "RowCount > 1000" }]);
    expect(qualityChanges(quality(['Completeness "a" < 0.5']), quality(['Completeness "a" < 0.2']))[0].change).toBe("tightened");
    expect(qualityChanges(quality(["RowCount > 10"]), quality(["RowCount >= 10"]))[0].change).toBe("loosened");
  });

  test("onFailure turned to warn and a rule made awsOnly are loosened", () => {
    const changes = qualityChanges(quality(["RowCount > 0", 'IsComplete "id"']), quality(["RowCount > 0", ['IsComplete "id"', true]], "warn"));
    expect(changes.map((c) => `${c.rule} ${c.change}`)).toEqual(['IsComplete "id" loosened', "(onFailure) loosened"]);
  });

  test("an unchanged ruleset has no change; a new output's rules are all added", () => {
    expect(qualityChanges(quality(["RowCount > 0"]), quality(["RowCount > 0"]))).toEqual([]);
    expect(qualityChanges(undefined, quality(["RowCount > 0"]))).toEqual([{ output: "output_path", rule: "RowCount > 0", change: "added" }]);
  });

  test("the rules only Glue checks are listed", () => {
    expect(awsOnlyRules(quality(["RowCount > 0", ['DetectAnomalies "RowCount"', true]]))).toEqual([{ output: "output_path", rule: 'DetectAnomalies "RowCount"' }]);
  });
});
