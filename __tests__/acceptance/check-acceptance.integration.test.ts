import { spawnSync } from "child_process";
import * as path from "path";
import { acceptanceRules, checkAcceptance, formatFindings } from "../../stacks/acceptance";
import { ACCEPTANCE_RULES } from "../../stacks/acceptance/rules";
import { allow, policy, roleWithPolicy, stackOf } from "./fixtures";
import { projectActionCatalog } from "./project-catalog";

const PROJECT_DIR = path.resolve(__dirname, "..", "..");

describe("checkAcceptance", () => {
  const stacks = {
    pipeline: stackOf(roleWithPolicy("update-pipeline", policy(allow({ Sid: "ArtifactBucket" }), allow({ Sid: "ArtifactBucket", Action: "s3:GetObjekt" })))),
    "dev-glue": stackOf({ aws_glue_job: { j: { name: "dev-A", worker_type: "G.025X", command: { name: "glueetl" }, glue_version: "5.1" } } }),
  };

  test("runs every rule over every stack; the action rule only with a catalog", () => {
    const without = checkAcceptance(stacks);
    expect(without.map((f) => `${f.stack} ${f.rule}`)).toEqual(["pipeline policy-sid-unique", "dev-glue glue-worker-type"]);
    const withCatalog = checkAcceptance(stacks, { actionCatalog: projectActionCatalog() });
    expect(withCatalog.map((f) => `${f.stack} ${f.rule}`)).toEqual(["pipeline policy-sid-unique", "dev-glue glue-worker-type", "pipeline iam-actions-known"]);
    expect(checkAcceptance({ clean: stackOf(roleWithPolicy("a", policy(allow({ Sid: "Read" })))) }, { actionCatalog: projectActionCatalog() })).toEqual([]);
  });

  test("rules have unique ids and one-line descriptions", () => {
    const rules = acceptanceRules({ actionCatalog: projectActionCatalog() });
    expect(rules.length).toBe(ACCEPTANCE_RULES.length + 2);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) expect(rule.description).toMatch(/^[^\n]{10,200}$/);
  });

  test("the formatter names stack, address, rule, refused value and fix", () => {
    expect(formatFindings(checkAcceptance(stacks))).toBe(
      [
        "AWS acceptance rules: 2 finding(s)",
        "pipeline:",
        '  aws_iam_role_policy.update-pipeline_policy [policy-sid-unique]: policy: Sid "ArtifactBucket" is used by 2 statements',
        "    fix: give each statement of the policy its own Sid",
        "dev-glue:",
        '  aws_glue_job.j [glue-worker-type]: worker_type "G.025X" is for gluestreaming jobs, not glueetl',
        "    fix: use G.1X or G.2X for a glueetl job",
      ].join("\n"),
    );
    expect(formatFindings([])).toBe("AWS acceptance rules: no findings");
  });

  test("loads neither cdktf nor the AWS provider package", () => {
    const script = [
      "require('./stacks/acceptance');",
      "const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdktf|@cdktf|constructs)[\\\\/]/.test(f));",
      "console.log(JSON.stringify(loaded));",
    ].join("\n");
    const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "-e", script], { cwd: PROJECT_DIR, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
