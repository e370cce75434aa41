/**
 * The wildcards the stacks may grant, each with its reason: the allow-list of the rule
 * `iam-action-wildcards`. An entry names who holds the policy (`role <name>` for a role's identity
 * policy, `key policy`, `bucket policy` or `topic policy` for a resource policy), the statement's Sid
 * and the exact wildcard. Anything not listed here is refused.
 */
export interface WildcardAllowance {
  /** `role <name>` or `<kind> policy`, as holderOf() names them. */
  readonly holders: readonly string[];
  readonly sid: string;
  /** The wildcard exactly as the policy writes it, e.g. `kms:GenerateDataKey*`. */
  readonly action: string;
  readonly reason: string;
}

/** Every CodeBuild role of the pipeline reads and writes the KMS-encrypted artifact bucket. */
const ARTIFACT_KEY_USERS = [
  "build",
  "update-pipeline",
  "deploy-dev",
  "deploy-prod",
  "integ-test",
  "plan-prod",
  "pr-check",
  "drift-check",
  "codepipeline",
].map((step) => `role glue-pipeline-${step}`);

const DATA_KEYS =
  "the GenerateDataKey family (data keys with and without plaintext, and key pairs) on this one key only; what AWS documents for writers of SSE-KMS data";

export const WILDCARD_ALLOWANCES: readonly WildcardAllowance[] = [
  {
    holders: ["key policy"],
    sid: "AccountAdministersKeyThroughIam",
    action: "kms:*",
    // Default key policy, https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    reason:
      "AWS's default key policy statement: it lets the account's IAM policies grant use of the key, and nothing more by itself; without it only the key policy could, and the key could become unmanageable (KMS: Default key policy)",
  },
  ...["GlueJobLogsEncryptWithThisKey", "CodeBuildLogsEncryptWithThisKey"].flatMap((sid) =>
    ["kms:ReEncrypt*", "kms:GenerateDataKey*"].map((action) => ({
      holders: ["key policy"],
      sid,
      action,
      // Encrypt log data in CloudWatch Logs using AWS KMS, https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
      reason:
        "the key policy statement CloudWatch Logs documents for an encrypted log group, for the logs service principal only and only under the encryption context of the named log groups",
    })),
  ),
  ...["JobAlertRulePublishesEncrypted", "FailureRulePublishesEncrypted"].map((sid) => ({
    holders: ["key policy"],
    sid,
    action: "kms:GenerateDataKey*",
    // Amazon SNS: Managing Amazon SNS encryption keys, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
    reason: "what SNS documents a publisher to an encrypted topic needs, for EventBridge only and only from the named rule (aws:SourceArn)",
  })),
  {
    holders: ARTIFACT_KEY_USERS,
    sid: "ArtifactKey",
    action: "kms:GenerateDataKey*",
    // Protecting data with SSE-KMS, https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
    reason: `${DATA_KEYS}: the artifact key`,
  },
  {
    holders: ["role glue-pipeline-drift-check"],
    sid: "EncryptNotice",
    action: "kms:GenerateDataKey*",
    // Amazon SNS: Managing Amazon SNS encryption keys, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
    reason: `${DATA_KEYS}: the failure-notice topic's key, which SNS documents its publishers need`,
  },
];
