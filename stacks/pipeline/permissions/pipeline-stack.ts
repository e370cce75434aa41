/**
 * What UpdatePipeline needs to apply the `pipeline` stack itself in the pipeline account: every right is
 * scoped to the `glue-pipeline` names (and the deploy roles the stack creates in this account).
 */
import type { AwsAccount, SourceConfig } from "../../config";
import { partitionOf } from "../../constants/aws-regions";
import { PIPELINE_NAME, roleBoundaryName } from "../../names";
import {
  EVENT_RULE_READ,
  EVENT_RULE_WRITE,
  IAM_ROLE_READ,
  IAM_ROLE_WRITE,
  KMS_KEY_READ,
  KMS_KEY_WRITE,
  kmsAliasRows,
  SECURE_BUCKET_TYPES,
  snsTopicRows,
} from "./glue-stage";
import type { PermissionRow } from "./permission-table";

export interface PipelineStackScope {
  readonly account: AwsAccount;
  readonly artifactBucket: string;
  readonly source: SourceConfig;
  /** Names of deploy roles this stack creates in the pipeline account. */
  readonly localDeployRoles: readonly string[];
}

export function pipelineStackRows(scope: PipelineStackScope): PermissionRow[] {
  const { awsAccountId: accountId, awsRegion: region } = scope.account;
  const partition = partitionOf(region);
  const arn = (service: string, resource: string) => `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
  const bucketArn = `arn:${partition}:s3:::${scope.artifactBucket}`;
  const roleArns = [`${PIPELINE_NAME}-*`, ...scope.localDeployRoles].map(
    (name) => `arn:${partition}:iam::${accountId}:role/${name}`,
  );
  const logGroups = arn("logs", `log-group:/aws/codebuild/${PIPELINE_NAME}-*`);
  const rows: PermissionRow[] = [
    {
      sid: "ArtifactBucket",
      types: SECURE_BUCKET_TYPES,
      resources: [bucketArn, `${bucketArn}/*`],
      read: ["s3:Get*", "s3:List*"],
      write: ["s3:*"],
    },
    {
      sid: "Keys",
      types: ["aws_kms_key", "aws_kms_alias"],
      // Key IDs are random and only known once the key exists: the account's keys in this region.
      resources: [arn("kms", "key/*")],
      read: KMS_KEY_READ,
      write: KMS_KEY_WRITE,
    },
    ...kmsAliasRows("KeyAliases", [arn("kms", `alias/${PIPELINE_NAME}-*`)]),
    {
      sid: "Roles",
      types: ["aws_iam_role", "aws_iam_role_policy"],
      resources: roleArns,
      read: IAM_ROLE_READ,
      write: IAM_ROLE_WRITE,
    },
    {
      // The role boundaries of stages in this account: UpdatePipeline is the one step that may change them.
      sid: "RoleBoundaries",
      types: ["aws_iam_policy"],
      resources: [`arn:${partition}:iam::${accountId}:policy/${roleBoundaryName("*")}`],
      read: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
      write: ["iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy"],
    },
    {
      sid: "PassPipelineRoles",
      types: ["aws_codebuild_project", "aws_codepipeline", "aws_cloudwatch_event_target"],
      resources: [`arn:${partition}:iam::${accountId}:role/${PIPELINE_NAME}-*`],
      read: [],
      write: ["iam:PassRole"],
      condition: {
        StringEquals: {
          "iam:PassedToService": ["codebuild.amazonaws.com", "codepipeline.amazonaws.com", "events.amazonaws.com"],
        },
      },
    },
    {
      sid: "Projects",
      types: ["aws_codebuild_project", "aws_codebuild_report_group", "aws_codebuild_webhook"],
      resources: [arn("codebuild", `project/${PIPELINE_NAME}-*`), arn("codebuild", `report-group/${PIPELINE_NAME}-*`)],
      read: ["codebuild:BatchGetProjects", "codebuild:BatchGetReportGroups"],
      write: [
        "codebuild:CreateProject",
        "codebuild:UpdateProject",
        "codebuild:DeleteProject",
        "codebuild:CreateReportGroup",
        "codebuild:UpdateReportGroup",
        "codebuild:DeleteReportGroup",
        // The pull-request check's webhook (codestar sources).
        ...(scope.source.type === "codestar" ? ["codebuild:CreateWebhook", "codebuild:UpdateWebhook", "codebuild:DeleteWebhook"] : []),
      ],
    },
    {
      sid: "LogGroups",
      types: ["aws_cloudwatch_log_group"],
      resources: [logGroups, `${logGroups}:*`],
      read: ["logs:ListTagsForResource", "logs:ListTagsLogGroup"],
      write: [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:AssociateKmsKey",
        "logs:DisassociateKmsKey",
        "logs:TagResource",
        "logs:UntagResource",
        "logs:TagLogGroup",
      ],
    },
    {
      sid: "DescribeLogGroups",
      types: ["aws_cloudwatch_log_group"],
      resources: ["*"],
      why: "logs:DescribeLogGroups has no resource-level permissions",
      read: ["logs:DescribeLogGroups"],
      write: [],
    },
    {
      sid: "Pipeline",
      types: ["aws_codepipeline"],
      resources: [arn("codepipeline", PIPELINE_NAME)],
      read: ["codepipeline:GetPipeline", "codepipeline:ListTagsForResource"],
      write: [
        "codepipeline:CreatePipeline",
        "codepipeline:UpdatePipeline",
        "codepipeline:DeletePipeline",
        "codepipeline:TagResource",
        "codepipeline:UntagResource",
        // Restarts the pipeline after it changed itself.
        "codepipeline:StartPipelineExecution",
        "codepipeline:StopPipelineExecution",
      ],
    },
    ...snsTopicRows("FailureTopic", arn("sns", `${PIPELINE_NAME}-*`)),
    {
      sid: "Rules",
      types: ["aws_cloudwatch_event_rule", "aws_cloudwatch_event_target"],
      resources: [arn("events", `rule/${PIPELINE_NAME}-*`)],
      read: EVENT_RULE_READ,
      write: EVENT_RULE_WRITE,
    },
  ];
  if (scope.source.type === "codestar") {
    rows.push({
      sid: "PassConnection",
      types: ["aws_codepipeline"],
      resources: [scope.source.connectionArn],
      read: [],
      // UseConnection: the pull-request check's project checks out through the connection, and its webhook is made through it.
      write: ["codestar-connections:PassConnection", "codeconnections:PassConnection", "codestar-connections:UseConnection", "codeconnections:UseConnection"],
    });
  }
  return rows;
}
