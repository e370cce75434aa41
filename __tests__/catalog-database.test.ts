import { TerraformStack, Testing } from "../stacks/cdktf";
import { CatalogDatabase } from "../stacks/constructs/catalog-database";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { writeTempProject } from "../testkit/temp-project";

describe("CatalogDatabase", () => {
  test("each stage has its own database, and Terraform declares no table in it (the jobs write them)", () => {
    const file = writeTempProject(chainConfig(), [SUMMARY_SCRIPT]);
    for (const stage of ["dev", "prod"] as const) {
      const { json } = synthGlueStack(file, stage);
      expect(Object.values(resourcesOf(json, "aws_glue_catalog_database"))).toEqual([
        { name: `${stage}_glue`, description: `Tables the ${stage} Glue jobs write` },
      ]);
      expect(resourcesOf(json, "aws_glue_catalog_table")).toEqual({});
      expect(json.output.database_name.value).toBe(`${stage}_glue`);
    }
  });

  test("refuses a name Spark or Athena would need quoted", () => {
    expect(() => new CatalogDatabase(new TerraformStack(Testing.app(), "s"), "d", { name: "dev-glue", description: "x" })).toThrow(
      'CatalogDatabase: name "dev-glue" must be lower-case letters, digits and _, which Spark and Athena take unquoted',
    );
  });
});
