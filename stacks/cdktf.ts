/**
 * The one door to the CDK for Terraform framework. Every other file imports `cdktf`, `constructs` and the AWS
 * provider's resource classes from here, so a successor with the same API under other package names, such as
 * CDK Terrain (`cdktn`, `@cdktn/provider-aws`), is a change of the module names in this file and nothing else.
 * `npm run check:cdktn` makes that change in a copy and compares the synthesized stacks (docs/cdk-terrain.md);
 * __tests__/framework-seam.test.ts keeps every other file off these packages.
 *
 * Each provider class comes from its own `lib/<resource>` module, never the provider's root, which loads every
 * resource the provider has and costs seconds per process (docs/performance.md). Add a resource here when a
 * construct needs one.
 */
export { Construct } from "constructs";

/** The provider's package; bench's naive synth loads its root on purpose, to measure what deep imports save. */
export const AWS_PROVIDER_PACKAGE = "@cdktf/provider-aws";

export {
  Annotations,
  App,
  AssetType,
  CloudBackend,
  Lazy,
  LocalBackend,
  NamedCloudWorkspace,
  S3Backend,
  TerraformAsset,
  TerraformBackend,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
} from "cdktf";
export { AthenaWorkgroup } from "@cdktf/provider-aws/lib/athena-workgroup";
export { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
export { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
export { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
export { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
export { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
export { CodebuildReportGroup } from "@cdktf/provider-aws/lib/codebuild-report-group";
export { CodebuildWebhook } from "@cdktf/provider-aws/lib/codebuild-webhook";
export { Codepipeline, type CodepipelineStage, type CodepipelineStageAction, type CodepipelineTrigger } from "@cdktf/provider-aws/lib/codepipeline";
export { GlueCatalogDatabase } from "@cdktf/provider-aws/lib/glue-catalog-database";
export { GlueDataQualityRuleset } from "@cdktf/provider-aws/lib/glue-data-quality-ruleset";
export { GlueJob } from "@cdktf/provider-aws/lib/glue-job";
export { GlueSecurityConfiguration } from "@cdktf/provider-aws/lib/glue-security-configuration";
export { GlueTrigger } from "@cdktf/provider-aws/lib/glue-trigger";
export { GlueWorkflow } from "@cdktf/provider-aws/lib/glue-workflow";
export { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
export { IamRole } from "@cdktf/provider-aws/lib/iam-role";
export { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
export { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
export { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
export { AwsProvider } from "@cdktf/provider-aws/lib/provider";
export { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
export { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
export { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
export { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
export { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
export { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
export { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
export { S3Object } from "@cdktf/provider-aws/lib/s3-object";
export { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
export { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
export { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
