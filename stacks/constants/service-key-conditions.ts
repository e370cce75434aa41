/**
 * What each AWS service sends to KMS when it uses a customer-managed key, per use: as which principal, and
 * which condition keys its requests carry. A key-policy statement for a service principal applies only when
 * every condition it names is in the request, so a condition the service does not send makes the service's
 * use fail, often silently (the event source's FailedInvocations metric, a log group that stops taking events).
 *
 * One row per service and use, each with the AWS documentation it comes from. The acceptance rule
 * `service-key-conditions` judges the synthesized key policies by it, and the rehearsal's emulator judges the
 * KMS use of EventBridge's deliveries by the same rows (see rehearsal/emulator/moto_patches/).
 */

export interface DocSource {
  /** The guide, e.g. "Amazon SNS Developer Guide". */
  readonly guide: string;
  /** The section the row is read from. */
  readonly section: string;
  readonly url: string;
}

export interface ServiceKeyUse {
  /** Short, stable name of the row, e.g. `eventbridge-sns`. */
  readonly id: string;
  /** The service principal, with `{region}` where it is regional (`logs.{region}.amazonaws.com`). */
  readonly principal: string;
  /** What the key protects in this use. */
  readonly use: string;
  /**
   * Resource types whose reference to a key marks this use (a topic's `kms_master_key_id`); empty when the
   * principal alone tells the use.
   */
  readonly usedBy: readonly string[];
  /**
   * `service`: the service calls KMS as its service principal, so the key policy must grant that principal.
   * `caller`: the service calls KMS with the requester's credentials; grant the requesting role, never the service.
   */
  readonly callsAs: "service" | "caller";
  /** The KMS actions the service calls. */
  readonly actions: readonly string[];
  /** Condition keys its requests carry, which a statement for it may name. An empty list: name none. */
  readonly conditionKeys: readonly string[];
  /** Why, in one line, where the list is surprising. */
  readonly note?: string;
  readonly source: DocSource;
}

const SNS_AWS_SOURCES: DocSource = {
  guide: "Amazon SNS Developer Guide",
  section: "Managing Amazon SNS encryption keys and costs: Enable compatibility between event sources from AWS services and encrypted topics",
  url: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services",
};

export const SERVICE_KEY_USES: readonly ServiceKeyUse[] = [
  {
    id: "eventbridge-sns",
    principal: "events.amazonaws.com",
    use: "a rule's target publishes to an encrypted SNS topic",
    usedBy: ["aws_sns_topic"],
    callsAs: "service",
    actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
    conditionKeys: [],
    note: "adding aws:SourceAccount, aws:SourceArn or aws:SourceOrgID to the key policy is not supported for EventBridge to encrypted topics; narrow the publisher in the topic policy",
    source: SNS_AWS_SOURCES,
  },
  {
    id: "eventbridge-event-bus",
    principal: "events.amazonaws.com",
    use: "an event bus encrypted with a customer-managed key",
    usedBy: ["aws_cloudwatch_event_bus"],
    callsAs: "service",
    actions: ["kms:DescribeKey", "kms:GenerateDataKey", "kms:Decrypt"],
    conditionKeys: ["aws:SourceArn", "aws:SourceAccount", "kms:EncryptionContext:aws:events:event-bus:arn"],
    source: {
      guide: "Amazon EventBridge User Guide",
      section: "Authorizing EventBridge to use a customer managed key: Security when using customer managed keys",
      url: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html",
    },
  },
  {
    id: "codestar-notifications-sns",
    principal: "codestar-notifications.amazonaws.com",
    use: "a notification rule (CodePipeline, CodeBuild, CodeCommit) publishes to an encrypted SNS topic",
    usedBy: ["aws_sns_topic"],
    callsAs: "service",
    actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
    conditionKeys: ["kms:ViaService"],
    source: {
      guide: "Developer Tools console User Guide",
      section: "Configure Amazon SNS topics for notifications (key policy for an encrypted topic, kms:ViaService sns.<region>.amazonaws.com)",
      url: "https://docs.aws.amazon.com/dtconsole/latest/userguide/set-up-sns.html",
    },
  },
  {
    id: "cloudwatch-alarms-sns",
    principal: "cloudwatch.amazonaws.com",
    use: "an alarm action publishes to an encrypted SNS topic",
    usedBy: ["aws_sns_topic"],
    callsAs: "service",
    actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
    conditionKeys: ["aws:SourceArn", "aws:SourceAccount"],
    note: "the SNS guide names EventBridge as the one AWS event source whose key use the aws:Source* keys may not narrow",
    source: SNS_AWS_SOURCES,
  },
  {
    id: "cloudwatch-logs",
    principal: "logs.{region}.amazonaws.com",
    use: "a log group encrypted with the key (Glue job logs under /aws-glue/*, CodeBuild logs)",
    usedBy: [],
    callsAs: "service",
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    conditionKeys: ["kms:EncryptionContext:aws:logs:arn"],
    note: "the guide narrows the logs principal by the log group's encryption context only; it documents no aws:Source* key for this use",
    source: {
      guide: "Amazon CloudWatch Logs User Guide",
      section: "Encrypt log data in CloudWatch Logs using AWS Key Management Service: Step 2, set permissions on the KMS key",
      url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
    },
  },
  {
    id: "s3-sse-kms",
    principal: "s3.amazonaws.com",
    use: "default encryption of a bucket (SSE-KMS) and its bucket key",
    usedBy: ["aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket"],
    callsAs: "caller",
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    conditionKeys: ["kms:ViaService", "kms:CallerAccount", "kms:EncryptionContext:aws:s3:arn"],
    note: "S3 calls KMS with the requester's credentials: grant the role that reads or writes, narrowed by kms:ViaService s3.<region>.amazonaws.com",
    source: {
      guide: "Amazon S3 User Guide",
      section: "Using server-side encryption with AWS KMS keys (SSE-KMS): permissions, and encryption context",
      url: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    },
  },
  {
    id: "s3-notifications-sns",
    principal: "s3.amazonaws.com",
    use: "a bucket's event notifications publish to an encrypted SNS topic",
    usedBy: ["aws_sns_topic"],
    callsAs: "service",
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    conditionKeys: ["aws:SourceArn", "aws:SourceAccount"],
    note: "as for CloudWatch alarms: only EventBridge is excepted from the aws:Source* keys",
    source: SNS_AWS_SOURCES,
  },
  {
    id: "glue-job",
    principal: "glue.amazonaws.com",
    use: "a Glue job reads and writes encrypted S3 data, job bookmarks and logs",
    usedBy: [],
    callsAs: "caller",
    actions: ["kms:GenerateDataKey", "kms:Decrypt", "kms:Encrypt"],
    conditionKeys: ["kms:ViaService", "kms:CallerAccount"],
    note: "a job's KMS calls are made with its role (S3 through S3, logs through the logs principal): grant the job role, never glue.amazonaws.com",
    source: {
      guide: "AWS Glue Developer Guide",
      section: "Setting up encryption in AWS Glue (the job role's KMS permissions, and the CloudWatch Logs key policy)",
      url: "https://docs.aws.amazon.com/glue/latest/dg/set-up-encryption.html",
    },
  },
];

/** Whether the row's principal names `principal` (a regional principal matches any region). */
export function principalMatches(row: ServiceKeyUse, principal: string): boolean {
  const [before, after] = row.principal.split("{region}");
  if (after === undefined) return row.principal === principal;
  return principal.startsWith(before) && principal.endsWith(after) && /^[a-z0-9-]+$/.test(principal.slice(before.length, principal.length - after.length));
}
