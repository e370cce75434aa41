/**
 * Names that more than one stack (or tool) must agree on. Changing one renames a real resource,
 * so Terraform would replace it.
 */
import type { StageName } from "./constants/glue";

export const PIPELINE_STACK_NAME = "pipeline";

export function glueStackName(stage: StageName): string {
  return `${stage}-glue`;
}

/** Globally unique without a random suffix: the account and region make it so. */
export function stageBucketName(stage: StageName, account: { awsAccountId: string; awsRegion: string }): string {
  return `${stage}-glue-${account.awsAccountId}-${account.awsRegion}`;
}

/** The role the integration test assumes in a stage's account. */
export function integTestRoleName(stage: StageName): string {
  return `glue-test-${stage}`;
}

/** The pipeline's IntegTest CodeBuild role, the only principal that may assume the integration-test roles. */
export const INTEG_TEST_RUNNER_ROLE_NAME = "glue-pipeline-integ-test";
