/** A job's Data Catalog rights and arguments: only its own database and tables, only when it uses a table. */
import { glueCatalogStatements } from "../stacks/iam/glue-catalog-statements";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { writeTempProject } from "../testkit/temp-project";

const ARN = "arn:aws:glue:eu-west-1:222222222222";
const scope = { partition: "aws", region: "eu-west-1", accountId: "222222222222" };

describe("glueCatalogStatements", () => {
  test("none for a job that reads and writes no table", () => {
    expect(glueCatalogStatements(scope, { reads: [], writes: [] })).toEqual([]);
  });

  test("a writer may look up, drop, create and alter its own tables, and look up (or create) Spark's default database", () => {
    expect(glueCatalogStatements(scope, { reads: [], writes: [{ database: "dev_glue", name: "history" }] })).toEqual([
      { Sid: "SparkDefaultDatabase", Effect: "Allow", Action: ["glue:GetDatabase", "glue:CreateDatabase"], Resource: [`${ARN}:catalog`, `${ARN}:database/default`] },
      {
        Sid: "WriteCatalogTables",
        Effect: "Allow",
        Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions", "glue:CreateTable", "glue:DeleteTable", "glue:UpdateTable"],
        Resource: [`${ARN}:catalog`, `${ARN}:database/dev_glue`, `${ARN}:table/dev_glue/history`],
      },
    ]);
  });

  test("a reader may only read the tables it reads", () => {
    const [, read] = glueCatalogStatements(scope, { reads: [{ database: "dev_glue", name: "a" }, { database: "dev_glue", name: "b" }], writes: [] });
    expect(read).toEqual({
      Sid: "ReadCatalogTables",
      Effect: "Allow",
      Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions"],
      Resource: [`${ARN}:catalog`, `${ARN}:database/dev_glue`, `${ARN}:table/dev_glue/a`, `${ARN}:table/dev_glue/b`],
    });
  });
});

describe("catalog rights and arguments in a stage", () => {
  const { json } = synthGlueStack(writeTempProject(chainConfig(), [SUMMARY_SCRIPT]), "dev");
  const job = (name: string) => (Object.values(resourcesOf(json, "aws_glue_job")) as any[]).find((j) => j.name === name);
  const policyOf = (jobName: string) => {
    const role = (Object.values(resourcesOf(json, "aws_iam_role")) as any[]).find((r) => r.name === `glue-job-${jobName}`);
    const id = Object.entries(resourcesOf(json, "aws_iam_role")).find(([, r]) => r === role)![0];
    const policy = (Object.values(resourcesOf(json, "aws_iam_role_policy")) as any[]).find((p) => p.role === `\${aws_iam_role.${id}.name}`);
    return JSON.parse(policy.policy).Statement as any[];
  };
  const catalogResources = (jobName: string) => policyOf(jobName).filter((s) => String(s.Action).includes("glue:")).flatMap((s) => s.Resource);

  test("a writer gets the Data Catalog as Spark's catalog, its table's name and its location", () => {
    expect(job("dev-JoinLegislators").default_arguments).toEqual(
      expect.objectContaining({
        "--enable-glue-datacatalog": "true",
        "--output_path": "s3://dev-glue-222222222222-eu-west-1/output/join_legislators/",
        "--output_path_table": "dev_glue.legislators_history",
      }),
    );
  });

  test("a reader gets the table's name and the table's location as the input, and may read that location", () => {
    const args = job("dev-SummarizeLegislators").default_arguments;
    expect(args["--history_table"]).toBe("dev_glue.legislators_history");
    expect(args["--history"]).toBe("s3://dev-glue-222222222222-eu-west-1/output/join_legislators/");
    const read = policyOf("dev-SummarizeLegislators").find((s) => s.Sid === "ReadInputs");
    expect(read.Resource).toEqual(["arn:aws:s3:::dev-glue-222222222222-eu-west-1/output/join_legislators/*"]);
  });

  test("a job without tables gets neither the catalog nor any catalog right", () => {
    expect(job("dev-ProcessLegislators").default_arguments["--enable-glue-datacatalog"]).toBeUndefined();
    expect(catalogResources("dev-ProcessLegislators")).toEqual([]);
  });

  test("no job may touch another job's table, another database, or a table by wildcard", () => {
    expect(catalogResources("dev-JoinLegislators")).not.toContain(`${ARN}:table/dev_glue/legislators_summary`);
    const summarize = catalogResources("dev-SummarizeLegislators");
    expect(summarize).toContain(`${ARN}:table/dev_glue/legislators_history`);
    expect(summarize).toContain(`${ARN}:table/dev_glue/legislators_summary`);
    for (const name of ["dev-JoinLegislators", "dev-SummarizeLegislators"]) {
      for (const arn of catalogResources(name)) {
        expect(arn).not.toContain("*");
        expect(arn).toMatch(/:(catalog|database\/(dev_glue|default)|table\/dev_glue\/legislators_(history|summary))$/);
      }
    }
    const readOnly = policyOf("dev-SummarizeLegislators").find((s) => s.Sid === "ReadCatalogTables");
    expect(readOnly.Action).not.toContain("glue:DeleteTable");
    expect(readOnly.Resource).not.toContain(`${ARN}:table/dev_glue/legislators_summary`);
  });
});
