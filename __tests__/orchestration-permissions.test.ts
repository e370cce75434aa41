/**
 * The deploy rights and the role boundary of a stage, for its workflow, triggers, database and Athena
 * workgroup, and for the catalog and workflow rights its roles get.
 */
import { roleBoundaryDocument } from "../stacks/pipeline/role-boundary";
import { glueStageRows } from "../stacks/pipeline/permissions/glue-stage";
import { glueOrchestrationRows } from "../stacks/pipeline/permissions/glue-orchestration";
import { coveredTypes } from "../stacks/pipeline/permissions/permission-table";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { writeTempProject } from "../testkit/temp-project";

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[] };
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
/** IAM's wildcard match: `*` any run of characters, `?` one. */
const matches = (pattern: string, value: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i").test(value);
const allows = (statements: Statement[], action: string, resource: string) =>
  statements.some((s) => s.Effect === "Allow" && list(s.Action).some((a) => matches(a, action)) && list(s.Resource).some((r) => matches(r, resource)));

const file = writeTempProject(
  chainConfig((c) => (c.stages.prod.schedule = "cron(0 6 * * ? *)")),
  [SUMMARY_SCRIPT],
);

describe.each(["dev", "prod"] as const)("%s: rights for the orchestration and the catalog", (stage) => {
  const { json, config } = synthGlueStack(file, stage);
  const account = config.stages[stage].account;
  const rows = glueStageRows(stage, account);
  const named = (type: string) => (Object.values(resourcesOf(json, type)) as any[]).map((r) => r.name as string);
  const scopeOf = (sid: string) => rows.find((r) => r.sid === sid)!.resources;

  test("every resource type the stage synthesizes has a row of deploy rights", () => {
    expect(Object.keys(json.resource).filter((type) => !coveredTypes(rows).has(type))).toEqual([]);
    for (const type of ["aws_glue_workflow", "aws_glue_trigger", "aws_glue_catalog_database", "aws_athena_workgroup"]) {
      expect(coveredTypes(glueOrchestrationRows(stage, account)).has(type)).toBe(true);
    }
  });

  test("each new resource is named inside the scope of its row", () => {
    const arn = `arn:aws:glue:${account.awsRegion}:${account.awsAccountId}`;
    for (const name of named("aws_glue_workflow")) expect(scopeOf("StageWorkflow").some((s) => matches(s, `${arn}:workflow/${name}`))).toBe(true);
    expect(named("aws_glue_trigger").length).toBe(2);
    for (const name of named("aws_glue_trigger")) expect(scopeOf("StageTriggers").some((s) => matches(s, `${arn}:trigger/${name}`))).toBe(true);
    for (const name of named("aws_glue_catalog_database")) expect(scopeOf("StageDatabase")).toContain(`${arn}:database/${name}`);
    for (const name of named("aws_athena_workgroup")) {
      expect(scopeOf("StageAthenaWorkgroup")).toEqual([`arn:aws:athena:${account.awsRegion}:${account.awsAccountId}:workgroup/${name}`]);
    }
  });

  test("a stage's rows reach none of the other stage's workflow, triggers, database or workgroup", () => {
    const other = stage === "dev" ? "prod" : "dev";
    const scopes = glueOrchestrationRows(stage, account).flatMap((r) => r.resources);
    const arn = `arn:aws:glue:${account.awsRegion}:${account.awsAccountId}`;
    for (const foreign of [`${arn}:workflow/${other}-glue-workflow`, `${arn}:trigger/${other}-glue-start`, `${arn}:database/${other}_glue`, `${arn}:table/${other}_glue/x`]) {
      expect(scopes.some((s) => matches(s, foreign))).toBe(false);
    }
  });

  test("the role boundary allows every Glue right the stage's roles are given, and no table of another database", () => {
    const boundary = JSON.parse(roleBoundaryDocument(stage, account)).Statement as Statement[];
    const glueStatements = (Object.values(resourcesOf(json, "aws_iam_role_policy")) as any[])
      .flatMap((p) => JSON.parse(p.policy).Statement as Statement[])
      .filter((s) => list(s.Action).some((a) => a.startsWith("glue:")));
    const sids = glueStatements.map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(["SparkDefaultDatabase", "ReadCatalogTables", "WriteCatalogTables", "RunThisStagesWorkflow"]));
    for (const statement of glueStatements) {
      for (const action of list(statement.Action)) {
        for (const resource of list(statement.Resource)) {
          if (resource === "*") continue; // GetJobs: the boundary's own ListJobs statement
          expect({ action, resource, allowed: allows(boundary, action, resource) }).toEqual({ action, resource, allowed: true });
        }
      }
    }
    const other = stage === "dev" ? "prod" : "dev";
    const arn = `arn:aws:glue:${account.awsRegion}:${account.awsAccountId}`;
    expect(allows(boundary, "glue:DeleteTable", `${arn}:table/${other}_glue/legislators_history`)).toBe(false);
    expect(allows(boundary, "glue:StartWorkflowRun", `${arn}:workflow/${other}-glue-workflow`)).toBe(false);
    expect(allows(boundary, "glue:DeleteDatabase", `${arn}:database/${stage}_glue`)).toBe(false);
  });
});
