/**
 * Deploy rights for what orchestrates and catalogs a stage's jobs: its Glue workflow and triggers, its
 * Data Catalog database and its Athena workgroup, each scoped to the stage's names. Rows of the stage's
 * deploy rights (glue-stage.ts).
 */
import type { AwsAccount } from "../../config";
import { partitionOf } from "../../constants/aws-regions";
import type { StageName } from "../../constants/glue";
import { catalogArn, databaseArn } from "../../iam/glue-catalog-statements";
import { athenaWorkgroupName, stageDatabaseName, stageJobNamePrefix, stageWorkflowName } from "../../names";
import type { PermissionRow } from "./permission-table";

const GLUE_TAGS_WRITE = ["glue:TagResource", "glue:UntagResource"];

export function glueOrchestrationRows(stage: StageName, account: AwsAccount): PermissionRow[] {
  const { awsAccountId: accountId, awsRegion: region } = account;
  const partition = partitionOf(region);
  const glue = `arn:${partition}:glue:${region}:${accountId}`;
  const scope = { partition, region, accountId };
  const database = stageDatabaseName(stage);
  return [
    {
      sid: "StageWorkflow",
      types: ["aws_glue_workflow"],
      resources: [`${glue}:workflow/${stageWorkflowName(stage)}`],
      read: ["glue:GetWorkflow", "glue:GetTags"],
      write: ["glue:CreateWorkflow", "glue:UpdateWorkflow", "glue:DeleteWorkflow", ...GLUE_TAGS_WRITE],
    },
    {
      sid: "StageTriggers",
      types: ["aws_glue_trigger"],
      // The start trigger and one per job with after: all named after the stage's job-name prefix.
      resources: [`${glue}:trigger/${stageJobNamePrefix(stage)}*`],
      read: ["glue:GetTrigger", "glue:GetTags"],
      // Start and stop: the provider activates a conditional or scheduled trigger, and toggles `enabled`.
      write: ["glue:CreateTrigger", "glue:UpdateTrigger", "glue:DeleteTrigger", "glue:StartTrigger", "glue:StopTrigger", ...GLUE_TAGS_WRITE],
    },
    {
      sid: "StageDatabase",
      types: ["aws_glue_catalog_database"],
      // Deleting a database deletes its tables and functions, so IAM checks those as well.
      resources: [catalogArn(scope), databaseArn(scope, database), `${glue}:table/${database}/*`, `${glue}:userDefinedFunction/${database}/*`],
      read: ["glue:GetDatabase", "glue:GetTags"],
      write: ["glue:CreateDatabase", "glue:UpdateDatabase", "glue:DeleteDatabase", ...GLUE_TAGS_WRITE],
    },
    {
      sid: "StageAthenaWorkgroup",
      types: ["aws_athena_workgroup"],
      resources: [`arn:${partition}:athena:${region}:${accountId}:workgroup/${athenaWorkgroupName(stage)}`],
      read: ["athena:GetWorkGroup", "athena:ListTagsForResource"],
      write: ["athena:CreateWorkGroup", "athena:UpdateWorkGroup", "athena:DeleteWorkGroup", "athena:TagResource", "athena:UntagResource"],
    },
  ];
}
