/** `outputs.<name>.quality`: rules parsed at load time, refused with the file, line, key, rule and fix. */
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { ConfigError, loadConfig } from "../stacks/config";
import { parseRule, RULE_TYPES } from "../stacks/config/dqdl-rules";
import { qualityArgument, qualityArguments } from "../stacks/config/quality-arguments";
import { splitRuleset } from "../stacks/config/resolve-quality";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;

function withQuality(quality: Json, change: (config: Json) => void = () => {}): Json {
  const config = baseConfig();
  config.jobs.JoinLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/join_legislators/", table: "legislators_history", quality };
  change(config);
  return config;
}

function errorOf(file: string): ConfigError {
  try {
    loadConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("the config loaded, but it should have failed");
}

describe("quality rules resolve", () => {
  test("rules, the evaluation context named after the job and output, and onFailure fail by default", () => {
    const config = loadConfig(writeTempProject(withQuality({ rules: ["RowCount > 0", 'ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0', { rule: 'DetectAnomalies "RowCount"', awsOnly: true }] })));
    const quality = config.stages.dev.jobs.JoinLegislators.outputQuality.output_path;
    expect(quality).toMatchObject({ name: "dev-JoinLegislators-output_path", onFailure: "fail" });
    expect(JSON.parse(qualityArgument(quality))).toEqual({
      context: "dev-JoinLegislators-output_path",
      onFailure: "fail",
      rules: [{ rule: "RowCount > 0" }, { rule: 'ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0' }, { rule: 'DetectAnomalies "RowCount"', awsOnly: true }],
      references: ["input_path_orgs"],
    });
    expect(qualityArguments(config.stages.dev.jobs.ProcessLegislators)).toEqual({});
  });

  test("a stage's quality.onFailure wins over the output's", () => {
    const config = loadConfig(writeTempProject(withQuality({ rules: ["RowCount > 0"], onFailure: "fail" }, (c) => (c.stages.dev.quality = { onFailure: "warn" }))));
    expect(config.stages.dev.jobs.JoinLegislators.outputQuality.output_path.onFailure).toBe("warn");
    expect(config.stages.prod.jobs.JoinLegislators.outputQuality.output_path.onFailure).toBe("fail");
  });

  test("a ruleset file beside the scripts gives the same rules", () => {
    const file = writeTempProject(withQuality({ ruleset: "quality/join.dqdl" }));
    const dir = path.join(path.dirname(file), "job_scripts", "quality");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "join.dqdl"), 'Rules = [\n  RowCount > 0,   # at least one row\n  ColumnValues "role" in ["member", "chair"]\n]\n');
    const quality = loadConfig(file).stages.dev.jobs.JoinLegislators.outputQuality.output_path;
    expect(quality.rules.map((r) => r.rule)).toEqual(["RowCount > 0", 'ColumnValues "role" in ["member", "chair"]']);
    expect(quality.rulesetFile).toBe(path.join(dir, "join.dqdl"));
  });
});

describe("a bad rule is refused at load time with the file, the line, the key and the fix", () => {
  const cases: [string, Json, RegExp][] = [
    ["a rule type DQDL does not have", { rules: ["RowCount > 0", 'IsComplte "id"'] }, /line \d+: jobs\.JoinLegislators\.outputs\.output_path\.quality\.rules\.1: rule IsComplte "id": "IsComplte" is not a DQDL rule type \(did you mean IsComplete\?\); write IsComplete "id"/],
    ["a bad expression", { rules: ["RowCount >> 0"] }, /quality\.rules\.0: rule RowCount >> 0: found ">> 0"|quality\.rules\.0: rule RowCount >> 0: .*expected a number/],
    ["a rule Deequ cannot check, not marked awsOnly", { rules: ['DetectAnomalies "RowCount"'] }, /quality\.rules\.0: rule DetectAnomalies "RowCount": it cannot be checked offline .*mark it \{ rule: \.\.\., awsOnly: true \}/],
    ["with threshold, which this Deequ ignores", { rules: ['ColumnValues "role" in ["member"] with threshold > 0.9'] }, /it cannot be checked offline \(Deequ 2\.1\.0 with dqdl 1\.0\.0 ignores with threshold/],
    ["a dynamic rule", { rules: ["RowCount > avg(last(3))"] }, /rule RowCount > avg\(last\(3\)\): it cannot be checked offline \(Deequ cannot evaluate dynamic rules/],
    ["a dataset that is not an input", { rules: ['ReferentialIntegrity "organization_id" "orgs.id" = 1.0'] }, /it reads the dataset orgs, which is not an input of the job \(its inputs: input_path_orgs, input_path_persons, input_path_memberships\)/],
    ["both rules and ruleset", { rules: ["RowCount > 0"], ruleset: "q.dqdl" }, /give rules: \(a list\) or ruleset: \(a \.dqdl file\), one of them/],
  ];
  test.each(cases)("%s", (_, quality, message) => {
    const error = errorOf(writeTempProject(stringify(withQuality(quality))));
    expect(error.message).toMatch(/^Invalid config \S+config\.yaml:/);
    expect(error.message).toMatch(message);
  });

  test("the line is the rule's own", () => {
    const text = stringify(withQuality({ rules: ["RowCount > 0", 'IsUnique "membership_idd"', 'IsComplte "id"'] }));
    const line = text.split("\n").findIndex((l) => l.includes("IsComplte")) + 1;
    const problem = errorOf(writeTempProject(text)).problems.find((p) => p.path.endsWith("rules.2"));
    expect(problem?.line).toBe(line);
  });

  test("a column the output's declared schema lacks", () => {
    const config = withQuality({ rules: ['IsComplete "org_name"', 'IsUnique "org_nme"'] }, (c) => {
      c.jobs.JoinLegislators.outputs.output_path.schema = { columns: { org_name: "string", role: "string" } };
    });
    expect(errorOf(writeTempProject(config)).message).toMatch(/quality\.rules\.1: rule IsUnique "org_nme": the output's schema has no column org_nme \(it has org_name, role\); fix the column name or the schema/);
  });

  test("a ruleset file's bad rule is named with the file and its line", () => {
    const file = writeTempProject(withQuality({ ruleset: "quality/join.dqdl" }));
    const dir = path.join(path.dirname(file), "job_scripts", "quality");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "join.dqdl"), 'Rules = [\n  RowCount > 0,\n  Foo "id"\n]\n');
    expect(errorOf(file).message).toMatch(/quality\.ruleset: \S+join\.dqdl line 3: rule Foo "id": "Foo" is not a DQDL rule type/);
  });
});

describe("parseRule", () => {
  test.each([
    ['IsPrimaryKey "org_name" "role"', ["org_name", "role"]],
    ['ColumnValues "gender" in ["female", "male", NULL]', ["gender"]],
    ['ColumnValues "name" matches "[A-Z].*"', ["name"]],
    ['Completeness "name" >= 0.5 where "id > 1"', ["name"]],
    ['ColumnLength "name" between 1 and 40', ["name"]],
    ['DataFreshness "updated" <= 24 hours', ["updated"]],
    ["RowCount not between 0 and 10", []],
  ])("%s names the columns %j", (rule, columns) => {
    expect(parseRule(rule)).toMatchObject({ columns });
  });

  test.each(['IsComplete "id" with threshold > 0.5', 'RowCount > "ten"', 'ColumnValues "x" in ["a" "b"]', 'IsComplete "a" "b"', "RowCount between 1 10"])("%s is refused", (rule) => {
    expect(typeof parseRule(rule)).toBe("string");
  });

  test("splitRuleset keeps commas inside lists and quotes", () => {
    expect(splitRuleset('Rules = [ ColumnValues "a" in ["x", "y"], CustomSql "select a, b from primary" > 0 ]')).toEqual([
      { rule: 'ColumnValues "a" in ["x", "y"]', line: 1 },
      { rule: 'CustomSql "select a, b from primary" > 0', line: 1 },
    ]);
  });
});

describe("the rule-type table", () => {
  test("every rule type taken as checked locally is tested against the pinned Deequ both ways", () => {
    const pythonTest = fs.readFileSync(path.join(__dirname, "..", "job_scripts", "tests", "test_quality_rule_types.py"), "utf8");
    const tested = new Set([...pythonTest.matchAll(/^ {4}"(\w+)": \(/gm)].map((m) => m[1]));
    const local = Object.entries(RULE_TYPES).filter(([, spec]) => spec.local).map(([type]) => type);
    expect(local.filter((type) => !tested.has(type))).toEqual([]);
    expect([...tested].filter((type) => !local.includes(type))).toEqual([]);
  });

  test("docs/data-quality.md lists every rule type with whether it is checked locally", () => {
    const page = fs.readFileSync(path.join(__dirname, "..", "docs", "data-quality.md"), "utf8");
    for (const [type, spec] of Object.entries(RULE_TYPES)) {
      expect(page).toMatch(new RegExp(`^\\| \`${type}\` \\| ${spec.local ? "yes" : "no"} \\|`, "m"));
    }
  });
});
