/**
 * IAM actions that AWS cannot scope to a resource ARN (the Service Authorization Reference lists no
 * resource type for them). Only these may be granted on `Resource: "*"`; the guard test enforces it.
 */
export const ACTIONS_WITHOUT_RESOURCE_LEVEL: readonly string[] = [
  "glue:GetJobs",
  "cloudwatch:PutMetricData",
  "sts:GetCallerIdentity",
  // A key's ARN exists only after CreateKey; ListAliases lists the whole account's aliases.
  "kms:CreateKey",
  "kms:ListAliases",
  // Glue security configurations have no ARN.
  "glue:CreateSecurityConfiguration",
  "glue:GetSecurityConfiguration",
  "glue:DeleteSecurityConfiguration",
  // SNS's subscription actions name no resource type; nor does DescribeLogGroups.
  "sns:GetSubscriptionAttributes",
  "sns:SetSubscriptionAttributes",
  "sns:Unsubscribe",
  "logs:DescribeLogGroups",
  // A ruleset's ARN exists only after CreateDataQualityRuleset.
  "glue:CreateDataQualityRuleset",
];
