import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_DIR } from "../../stacks/config";
import { deployAccessOf } from "../../stacks/pipeline/deploy-access";
import { STAGE_NAMES } from "../../stacks/constants/glue";
import { TOPOLOGIES } from "../../rehearsal/both-topologies";
import { accountKeys, accountLayouts, allKinds, formatKinds, KIND_ROWS, kindOfFile, layoutOf, rowOf, unionTypes } from "../../rehearsal/config-kinds";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";
import { loadConfig } from "../../stacks/config";

describe("config kinds", () => {
  test("the dimensions are read from the schema", () => {
    expect(unionTypes("source")).toEqual(["codecommit", "codestar"]);
    expect(unionTypes("backend")).toEqual(["cloud", "s3", "local"]);
    expect(accountKeys()).toEqual(["pipelineAccount", "devAccount", "prodAccount"]);
    // The five ways three accounts can coincide.
    expect(accountLayouts().sort()).toEqual(["pipeline+prod|dev", "pipeline+dev+prod", "pipeline+dev|prod", "pipeline|dev+prod", "pipeline|dev|prod"].sort());
    expect(allKinds()).toHaveLength(2 * 3 * 2 * 5);
  });

  test("every kind the schema allows has a rehearsal or tests that say why it has none", () => {
    const uncovered = allKinds().filter((kind) => !rowOf(kind));
    expect(uncovered).toEqual([]);
    expect(formatKinds()).not.toContain("NOT COVERED");
  });

  test("a kind the table does not name is not covered: a new source or backend type fails the table", () => {
    const kind = allKinds()[0];
    expect(rowOf({ ...kind, source: "s3-archive" })).toBeUndefined();
    expect(rowOf({ ...kind, backend: "consul" })).toBeUndefined();
    expect(accountLayouts(["pipelineAccount", "devAccount", "prodAccount", "auditAccount"])).toHaveLength(15);
  });

  test("each rehearsal row names a config that npm run rehearse:all rehearses, of exactly that row's kind", () => {
    const rehearsed = Object.values(TOPOLOGIES);
    const rows = KIND_ROWS.filter((row) => "rehearsal" in row.proof);
    expect(rows.length).toBe(rehearsed.length);
    for (const row of rows) {
      const file = (row.proof as { rehearsal: string }).rehearsal;
      expect(rehearsed).toContain(file);
      expect(rowOf(kindOfFile(join(PROJECT_DIR, file)))).toBe(row);
    }
    // The two rehearsals between them take every source, both emulated backends and both deploy modes.
    const kinds = rehearsed.map((file) => kindOfFile(join(PROJECT_DIR, file)));
    expect(new Set(kinds.map((k) => k.source))).toEqual(new Set(unionTypes("source")));
    expect(new Set(kinds.map((k) => k.backend))).toEqual(new Set(["cloud", "s3"]));
    expect(new Set(kinds.map((k) => k.accounts))).toEqual(new Set(["pipeline+dev+prod", "pipeline|dev|prod"]));
  });

  test("each test a row names exists", () => {
    for (const row of KIND_ROWS) {
      if (!("tests" in row.proof)) continue;
      expect(row.proof.why.length).toBeGreaterThan(40);
      for (const { file, test: name } of row.proof.tests) {
        const suite = join(__dirname, "..", file);
        expect(existsSync(suite)).toBe(true);
        expect(readFileSync(suite, "utf8")).toContain(`test(${JSON.stringify(name)}`);
      }
    }
  });

  test("layoutOf groups the account keys by account id", () => {
    expect(layoutOf({ pipelineAccount: "1", devAccount: "2", prodAccount: "2" })).toBe("pipeline|dev+prod");
    expect(layoutOf({ pipelineAccount: "1", devAccount: "1", prodAccount: "1" })).toBe("pipeline+dev+prod");
  });

  test("each stage's deploy access depends on its own account alone, in every account layout", () => {
    const ids = ["111111111111", "222222222222", "333333333333"];
    for (const layout of accountLayouts()) {
      const config = baseConfig();
      layout.split("|").forEach((group, i) => {
        for (const name of group.split("+")) config[`${name}Account`].awsAccountId = ids[i];
      });
      const loaded = loadConfig(writeTempProject(config));
      for (const stage of STAGE_NAMES) {
        const own = loaded.stages[stage].account.awsAccountId === loaded.pipelineAccount.awsAccountId;
        expect({ layout, stage, mode: deployAccessOf(loaded, stage).mode }).toEqual({ layout, stage, mode: own ? "direct" : "profile" });
      }
    }
  });
});
