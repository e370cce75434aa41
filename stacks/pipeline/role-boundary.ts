/**
 * `glue-<stage>-role-boundary`: the permissions boundary on every role a Glue stage creates. A stage's
 * deploy rights may create roles only with this boundary attached, and nothing that deploys a stage may
 * change it, so code pushed to the repository cannot grant a job role more than this.
 */
import { Construct, IamPolicy, type TerraformProvider } from "../cdktf";
import type { AwsAccount } from "../config";
import { partitionOf } from "../constants/aws-regions";
import type { StageName } from "../constants/glue";
import { CATALOG_WRITE_ACTIONS, catalogArn, databaseArn, SPARK_DEFAULT_DATABASE, SPARK_DEFAULT_DATABASE_ACTIONS } from "../iam/glue-catalog-statements";
import { policyDocument } from "../iam/policy-document";
import { roleBoundaryName, stageDatabaseName, stageJobNamePrefix, stageWorkflowName } from "../names";

/** The most any role of the stage may do; each role's own policy grants a narrow part of it. */
export function roleBoundaryDocument(stage: StageName, account: AwsAccount): string {
  const { awsAccountId: accountId, awsRegion: region } = account;
  const partition = partitionOf(region);
  const scope = { partition, region, accountId };
  const database = stageDatabaseName(stage);
  return policyDocument(
    {
      Sid: "JobData",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketLocation"],
      // Jobs read inputs from any bucket the config names; each job role's policy narrows this to its locations.
      Resource: "*",
    },
    {
      Sid: "AccountKeys",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: `arn:${partition}:kms:${region}:${accountId}:key/*`,
    },
    {
      Sid: "GlueLogs",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
      Resource: `arn:${partition}:logs:${region}:${accountId}:log-group:/aws-glue/*`,
    },
    // PutMetricData and GetJobs have no resource-level permissions.
    { Sid: "GlueMetrics", Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*" },
    { Sid: "ListJobs", Effect: "Allow", Action: "glue:GetJobs", Resource: "*" },
    {
      // A job's in-job data-quality evaluation publishes its results (docs/data-quality.md); each job role grants it only where its outputs have rules.
      Sid: "PublishDataQuality",
      Effect: "Allow",
      Action: "glue:PublishDataQuality",
      Resource: `arn:${partition}:glue:${region}:${accountId}:dataQualityRuleset/*`,
    },
    {
      Sid: "RunStageJobs",
      Effect: "Allow",
      Action: ["glue:GetTags", "glue:StartJobRun", "glue:GetJobRun"],
      Resource: `arn:${partition}:glue:${region}:${accountId}:job/${stageJobNamePrefix(stage)}*`,
    },
    {
      Sid: "StageCatalogTables",
      Effect: "Allow",
      // Each job role's policy narrows this to the tables it reads and writes.
      Action: CATALOG_WRITE_ACTIONS,
      Resource: [catalogArn(scope), databaseArn(scope, database), `arn:${partition}:glue:${region}:${accountId}:table/${database}/*`],
    },
    {
      Sid: "SparkDefaultDatabase",
      Effect: "Allow",
      Action: SPARK_DEFAULT_DATABASE_ACTIONS,
      Resource: [catalogArn(scope), databaseArn(scope, SPARK_DEFAULT_DATABASE)],
    },
    {
      Sid: "RunStageWorkflow",
      Effect: "Allow",
      Action: ["glue:GetWorkflow", "glue:StartWorkflowRun", "glue:GetWorkflowRun"],
      Resource: `arn:${partition}:glue:${region}:${accountId}:workflow/${stageWorkflowName(stage)}`,
    },
  );
}

export interface RoleBoundaryProps {
  readonly stage: StageName;
  readonly account: AwsAccount;
  /** The provider of the stage's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class RoleBoundary extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, props: RoleBoundaryProps) {
    super(scope, id);
    this.policy = new IamPolicy(this, "policy", {
      provider: props.provider,
      name: roleBoundaryName(props.stage),
      description: `Caps every role of the ${props.stage} Glue stage; its deploy rights cannot change it`,
      policy: roleBoundaryDocument(props.stage, props.account),
    });
  }
}
