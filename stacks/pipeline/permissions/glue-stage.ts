/**
 * What deploying one Glue stage (`dev-glue` or `prod-glue`) needs in its account: its bucket and the
 * objects in it, its KMS key and alias, its Glue jobs and security configuration, its workflow, database
 * and Athena workgroup, and the job and test roles. Every right is scoped to that stage's names.
 */
import type { AwsAccount } from "../../config";
import { partitionOf } from "../../constants/aws-regions";
import type { StageName } from "../../constants/glue";
import { glueJobRoleName, integTestRoleName, stageBucketName, stageJobNamePrefix, stageKeyAlias } from "../../names";
import { jobAlertsName } from "../../constructs/job-alerts";
import { qualityAlertsName } from "../../constructs/quality-alerts";
import { dashboardName } from "../../constructs/stage-dashboard";
import { glueOrchestrationRows } from "./glue-orchestration";
import type { PermissionRow } from "./permission-table";
import { BUCKET_READ, BUCKET_WRITE, MANAGED_OBJECT_BUCKET_WRITE, MANAGED_OBJECT_READ, MANAGED_OBJECT_WRITE } from "./secure-bucket";

/** The resource types a SecureBucket is made of. */
export const SECURE_BUCKET_TYPES = [
  "aws_s3_bucket",
  "aws_s3_bucket_versioning",
  "aws_s3_bucket_server_side_encryption_configuration",
  "aws_s3_bucket_public_access_block",
  "aws_s3_bucket_ownership_controls",
  "aws_s3_bucket_lifecycle_configuration",
  "aws_s3_bucket_policy",
];

/** Where JobScripts uploads a stage's objects: its deployer writes and its plan reads only these keys of the bucket. */
export const STAGE_MANAGED_OBJECT_PREFIXES = ["scripts/", "libraries/"] as const;

/** Managing aliases matching `aliasArns`, and creating keys (which has no resource to scope to). */
export function kmsAliasRows(sid: string, aliasArns: readonly string[]): PermissionRow[] {
  return [
    {
      sid,
      types: ["aws_kms_alias"],
      resources: aliasArns,
      read: [],
      write: ["kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"],
    },
    {
      sid: "CreateKeysAndListAliases",
      types: ["aws_kms_key", "aws_kms_alias"],
      resources: ["*"],
      why: "kms:CreateKey and kms:ListAliases have no resource-level permissions",
      read: ["kms:ListAliases"],
      write: ["kms:CreateKey"],
    },
  ];
}

export const KMS_KEY_READ = ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags"];
export const KMS_KEY_WRITE = [
  "kms:PutKeyPolicy",
  "kms:EnableKeyRotation",
  "kms:UpdateKeyDescription",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CreateAlias",
  "kms:UpdateAlias",
  "kms:DeleteAlias",
];
export const IAM_ROLE_READ = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"];
export const IAM_ROLE_WRITE = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:ListInstanceProfilesForRole",
];

/**
 * Managing an SNS topic matching `topicArn` and its subscriptions. The subscription actions have no
 * resource-level permissions, so they get a row of their own on "*".
 */
export function snsTopicRows(sid: string, topicArn: string): PermissionRow[] {
  return [
    {
      sid,
      types: ["aws_sns_topic", "aws_sns_topic_policy", "aws_sns_topic_subscription"],
      resources: [topicArn],
      read: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
      write: ["sns:CreateTopic", "sns:DeleteTopic", "sns:SetTopicAttributes", "sns:TagResource", "sns:UntagResource", "sns:Subscribe"],
    },
    {
      sid: `${sid}Subscriptions`,
      types: ["aws_sns_topic_subscription"],
      resources: ["*"],
      why: "sns:GetSubscriptionAttributes, SetSubscriptionAttributes and Unsubscribe have no resource-level permissions",
      read: ["sns:GetSubscriptionAttributes"],
      write: ["sns:SetSubscriptionAttributes", "sns:Unsubscribe"],
    },
  ];
}
export const EVENT_RULE_READ = ["events:DescribeRule", "events:ListTargetsByRule", "events:ListTagsForResource"];
export const EVENT_RULE_WRITE = ["events:PutRule", "events:DeleteRule", "events:PutTargets", "events:RemoveTargets", "events:TagResource", "events:UntagResource"];

/** Role changes that IAM checks against the role's boundary (the `iam:PermissionsBoundary` key). */
const BOUNDED_ROLE_WRITE = ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary"];

/**
 * Deploy rights of one Glue stage. With `roleBoundaryArn`, roles may be created and their policies
 * changed only while they carry that boundary; removing it is never granted.
 */
export function glueStageRows(stage: StageName, account: AwsAccount, roleBoundaryArn?: string): PermissionRow[] {
  const { awsAccountId: accountId, awsRegion: region } = account;
  const partition = partitionOf(region);
  const bucketArn = `arn:${partition}:s3:::${stageBucketName(stage, account)}`;
  const kms = `arn:${partition}:kms:${region}:${accountId}`;
  const role = (name: string) => `arn:${partition}:iam::${accountId}:role/${name}`;
  const jobRoles = role(glueJobRoleName(`${stageJobNamePrefix(stage)}*`));
  return [
    {
      sid: "StageBucket",
      types: [...SECURE_BUCKET_TYPES, "aws_s3_object"],
      resources: [bucketArn],
      read: BUCKET_READ,
      write: [...BUCKET_WRITE, ...MANAGED_OBJECT_BUCKET_WRITE],
    },
    {
      // The scripts and libraries the stack uploads; never the data the jobs read and write under other keys.
      sid: "StageManagedObjects",
      types: ["aws_s3_object"],
      resources: STAGE_MANAGED_OBJECT_PREFIXES.map((prefix) => `${bucketArn}/${prefix}*`),
      read: MANAGED_OBJECT_READ,
      write: MANAGED_OBJECT_WRITE,
    },
    {
      sid: "StageKey",
      types: ["aws_kms_key", "aws_kms_alias", "aws_s3_object"],
      // Key IDs are random and only known once the key exists: the account's keys in this region.
      resources: [`${kms}:key/*`],
      // Uploading an object to the SSE-KMS bucket takes a data key (S3 asks for one as the uploader). Neither
      // kms:Decrypt nor kms:Encrypt: the deployer reads no object's content (HeadObject needs no key), and
      // S3 encrypts with the data key, never with kms:Encrypt.
      read: KMS_KEY_READ,
      write: [...KMS_KEY_WRITE, "kms:GenerateDataKey"],
    },
    ...kmsAliasRows("StageKeyAliases", [`${kms}:alias/${stageKeyAlias(stage)}`, `${kms}:alias/${jobAlertsName(stage)}`]),
    {
      sid: "StageJobs",
      types: ["aws_glue_job"],
      resources: [`arn:${partition}:glue:${region}:${accountId}:job/${stageJobNamePrefix(stage)}*`],
      read: ["glue:GetJob", "glue:GetTags"],
      write: ["glue:CreateJob", "glue:UpdateJob", "glue:DeleteJob", "glue:TagResource", "glue:UntagResource"],
    },
    {
      sid: "SecurityConfigurations",
      types: ["aws_glue_security_configuration"],
      resources: ["*"],
      why: "Glue security configuration actions have no resource-level permissions",
      read: ["glue:GetSecurityConfiguration"],
      write: ["glue:CreateSecurityConfiguration", "glue:DeleteSecurityConfiguration"],
    },
    ...glueOrchestrationRows(stage, account),
    ...snsTopicRows("JobAlertsTopic", `arn:${partition}:sns:${region}:${accountId}:${jobAlertsName(stage)}`),
    {
      sid: "JobAlertsRule",
      types: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"],
      resources: [`arn:${partition}:events:${region}:${accountId}:rule/${jobAlertsName(stage)}`],
      read: EVENT_RULE_READ,
      write: EVENT_RULE_WRITE,
    },
    // Data quality (docs/data-quality.md): the rulesets are named <stage>-<job>-<output>, after the stage's jobs.
    {
      sid: "DataQualityRulesets",
      types: ["aws_glue_data_quality_ruleset"],
      resources: [`arn:${partition}:glue:${region}:${accountId}:dataQualityRuleset/${stageJobNamePrefix(stage)}*`],
      read: ["glue:GetDataQualityRuleset", "glue:GetTags"],
      write: ["glue:UpdateDataQualityRuleset", "glue:DeleteDataQualityRuleset", "glue:TagResource", "glue:UntagResource"],
    },
    {
      sid: "CreateDataQualityRulesets",
      types: ["aws_glue_data_quality_ruleset"],
      resources: ["*"],
      // Service Authorization Reference, AWS Glue: CreateDataQualityRuleset names no resource type.
      why: "glue:CreateDataQualityRuleset has no resource-level permissions",
      read: [],
      write: ["glue:CreateDataQualityRuleset"],
    },
    {
      sid: "QualityAlertsRule",
      types: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"],
      resources: [`arn:${partition}:events:${region}:${accountId}:rule/${qualityAlertsName(stage)}`],
      read: EVENT_RULE_READ,
      write: EVENT_RULE_WRITE,
    },
    {
      sid: "Dashboards",
      types: ["aws_cloudwatch_dashboard"],
      // Dashboards are global: their ARNs name no region.
      resources: [`arn:${partition}:cloudwatch::${accountId}:dashboard/${dashboardName(stage, 1)}*`],
      read: ["cloudwatch:GetDashboard"],
      write: ["cloudwatch:PutDashboard", "cloudwatch:DeleteDashboards"],
    },
    ...stageRoleRows([jobRoles, role(integTestRoleName(stage))], roleBoundaryArn),
    {
      sid: "PassJobRolesToGlue",
      types: ["aws_glue_job"],
      resources: [jobRoles],
      read: [],
      write: ["iam:PassRole"],
      condition: { StringEquals: { "iam:PassedToService": "glue.amazonaws.com" } },
    },
  ];
}

function stageRoleRows(roleArns: string[], roleBoundaryArn?: string): PermissionRow[] {
  const types = ["aws_iam_role", "aws_iam_role_policy"];
  if (!roleBoundaryArn) return [{ sid: "StageRoles", types, resources: roleArns, read: IAM_ROLE_READ, write: IAM_ROLE_WRITE }];
  return [
    {
      sid: "StageRoles",
      types,
      resources: roleArns,
      read: IAM_ROLE_READ,
      write: IAM_ROLE_WRITE.filter((action) => !BOUNDED_ROLE_WRITE.includes(action)),
    },
    {
      sid: "StageRolesWithinBoundary",
      types,
      resources: roleArns,
      read: [],
      write: BOUNDED_ROLE_WRITE,
      condition: { StringEquals: { "iam:PermissionsBoundary": roleBoundaryArn } },
    },
  ];
}
