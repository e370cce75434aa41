/**
 * Names that more than one stack (or tool) must agree on. Changing one renames a real resource,
 * so Terraform would replace it.
 */
import { partitionOf } from "./constants/aws-regions";
import type { StageName } from "./constants/glue";

export const PIPELINE_STACK_NAME = "pipeline";

/** The CodePipeline. Every role, project, log group, rule and topic of the pipeline stack starts with it. */
export const PIPELINE_NAME = "glue-pipeline";

/** The pipeline's artifact bucket; globally unique without a random suffix: the account and region make it so. */
export function artifactBucketName(account: { awsAccountId: string; awsRegion: string }): string {
  return `${PIPELINE_NAME}-artifacts-${account.awsAccountId}-${account.awsRegion}`;
}

/** Takes any stage name: the integration test is told stage names on its command line. */
export function glueStackName(stage: StageName | string): string {
  return `${stage}-glue`;
}

/** Globally unique without a random suffix: the account and region make it so. */
export function stageBucketName(stage: StageName, account: { awsAccountId: string; awsRegion: string }): string {
  return `${stage}-glue-${account.awsAccountId}-${account.awsRegion}`;
}

/** What every deployed Glue job of a stage is named after: `<stage>-`, so stages can share an account. */
export function stageJobNamePrefix(stage: StageName | string): string {
  return `${stage}-`;
}

/** A job's deployed name, `<stage>-<Name>`. */
export function glueJobName(stage: StageName, name: string): string {
  return `${stageJobNamePrefix(stage)}${name}`;
}

/** The role the integration test assumes in a stage's account. */
export function integTestRoleName(stage: StageName): string {
  return `glue-test-${stage}`;
}

/** The pipeline's IntegTest CodeBuild role, the only principal that may assume the integration-test roles. */
export const INTEG_TEST_RUNNER_ROLE_NAME = "glue-pipeline-integ-test";

/** The role a stage is deployed through when the pipeline cannot deploy it directly (another account). */
export function deployRoleName(stage: StageName): string {
  return `glue-deploy-${stage}`;
}

/**
 * The AWS CLI/SDK profile that holds credentials for a stage's account. On a laptop it is the person's own
 * profile for that account; inside the pipeline's CodeBuild projects it assumes the stage's deploy role.
 */
export function accountProfileName(stage: StageName): string {
  return `glue-${stage}`;
}

/** A Glue job's own role. The deploy role's IAM rights are scoped to these names. */
export function glueJobRoleName(glueJobName: string): string {
  return `glue-job-${glueJobName}`;
}

/** The alias of a stage's KMS key (without `alias/`), and the name of its Glue security configuration. */
export function stageKeyAlias(stage: StageName): string {
  return `glue-${stage}`;
}

/**
 * The managed policy that caps every role a Glue stage creates (its job roles and its test role). The
 * pipeline stack creates it, so a stage's deploy role can create those roles but cannot raise the cap.
 */
export function roleBoundaryName(stage: StageName | "*"): string {
  return `glue-${stage}-role-boundary`;
}

export function roleBoundaryArn(stage: StageName, account: { awsAccountId: string; awsRegion: string }): string {
  return `arn:${partitionOf(account.awsRegion)}:iam::${account.awsAccountId}:policy/${roleBoundaryName(stage)}`;
}

/** A stage's Glue workflow: every job of the stage, started on demand or on the stage's schedule. */
export function stageWorkflowName(stage: StageName | string): string {
  return `${stage}-glue-workflow`;
}

/** The trigger that starts a stage's workflow (its jobs with no `after`). */
export function workflowStartTriggerName(stage: StageName): string {
  return `${stage}-glue-start`;
}

/** The trigger that starts a job of the stage once every job it runs after SUCCEEDED. */
export function jobAfterTriggerName(stage: StageName, jobName: string): string {
  return `${stageJobNamePrefix(stage)}${jobName}-after`;
}

/** A stage's Data Catalog database: `_`, not `-`, so that Spark and Athena take it unquoted. */
export function stageDatabaseName(stage: StageName): string {
  return `${stage}_glue`;
}

/** A stage's Athena workgroup. */
export function athenaWorkgroupName(stage: StageName): string {
  return `${stage}-glue`;
}

/** Where a stage's Athena workgroup writes query results, in the stage bucket. */
export const ATHENA_RESULTS_PREFIX = "athena-results/";

/** What the stack itself keeps in a stage bucket, by key prefix, and why a job must not write there. */
export const STAGE_BUCKET_PREFIXES: Readonly<Record<string, string>> = {
  "scripts/": "holds every job's code (a job writing there could change what other jobs run)",
  "libraries/": "holds the Python libraries every job imports",
  "temp/": "is Glue's temp dir, whose objects the lifecycle rule deletes after 7 days",
  "spark-ui/": "holds the Spark UI event logs, which the lifecycle rule deletes after 30 days",
  [ATHENA_RESULTS_PREFIX]: "holds the Athena workgroup's query results, which the lifecycle rule deletes after 30 days",
};
