/**
 * Resource types whose destroy or replace a reviewer must see first: those that hold data (objects,
 * tables, logs, run state), keys, secrets or Terraform's own state, and those that grant access. Each
 * says what goes with the resource, in a few words. A pattern ending in `*` is a prefix; the longest
 * pattern that matches a type wins.
 *
 * `aws_s3_object` is left out on purpose: the stacks' objects are scripts and libraries uploaded from
 * the repository on every deploy, and a replaced one is uploaded again.
 */

export type RiskKind = "data" | "catalog" | "key" | "secret" | "state" | "access";

export interface RiskyType {
  /** A resource type, or a prefix ending in `*`. */
  readonly pattern: string;
  readonly kind: RiskKind;
  /** What is lost or reopened with it. */
  readonly holds: string;
}

export const RISKY_TYPES: readonly RiskyType[] = [
  { pattern: "aws_s3_bucket", kind: "data", holds: "the bucket and every object in it" },
  { pattern: "aws_s3_bucket_*", kind: "data", holds: "how the bucket keeps its objects (versions, encryption, expiry, ownership)" },
  { pattern: "aws_s3_bucket_policy", kind: "access", holds: "who may reach the bucket" },
  { pattern: "aws_s3_bucket_public_access_block", kind: "access", holds: "the bucket's block on public access" },
  { pattern: "aws_s3_bucket_acl", kind: "access", holds: "who may reach the bucket" },
  { pattern: "aws_s3_access_point", kind: "access", holds: "a way into the bucket and its policy" },
  { pattern: "aws_s3control_*", kind: "access", holds: "account-wide S3 access settings" },
  { pattern: "aws_kms_key", kind: "key", holds: "the key; what it encrypted cannot be read once it is deleted" },
  { pattern: "aws_kms_replica_key", kind: "key", holds: "the key; what it encrypted cannot be read once it is deleted" },
  { pattern: "aws_kms_external_key", kind: "key", holds: "the key; what it encrypted cannot be read once it is deleted" },
  { pattern: "aws_kms_alias", kind: "key", holds: "the name jobs and policies find the key by" },
  { pattern: "aws_kms_grant", kind: "access", holds: "who may use the key" },
  { pattern: "aws_kms_key_policy", kind: "access", holds: "who may use the key" },
  { pattern: "aws_iam_*", kind: "access", holds: "an identity or what it may do" },
  { pattern: "aws_secretsmanager_*", kind: "secret", holds: "a secret" },
  { pattern: "aws_secretsmanager_secret_policy", kind: "access", holds: "who may read the secret" },
  { pattern: "aws_ssm_parameter", kind: "secret", holds: "a parameter, possibly a secret" },
  { pattern: "aws_dynamodb_table", kind: "state", holds: "the table and its items (Terraform's lock tables are such tables)" },
  { pattern: "tfe_*", kind: "state", holds: "HCP Terraform settings, workspaces and their state" },
  { pattern: "aws_glue_job", kind: "state", holds: "the job's run history and its job bookmarks" },
  { pattern: "aws_glue_catalog_*", kind: "catalog", holds: "Data Catalog databases and tables (the schemas jobs read and write)" },
  { pattern: "aws_glue_partition", kind: "catalog", holds: "a table's partitions" },
  { pattern: "aws_glue_partition_index", kind: "catalog", holds: "a table's partition index" },
  { pattern: "aws_glue_data_catalog_encryption_settings", kind: "key", holds: "how the Data Catalog is encrypted" },
  { pattern: "aws_glue_resource_policy", kind: "access", holds: "who may reach the Data Catalog" },
  { pattern: "aws_lakeformation_*", kind: "access", holds: "who may reach Data Catalog tables and their data" },
  { pattern: "aws_cloudwatch_log_group", kind: "data", holds: "its log events" },
  { pattern: "aws_codecommit_repository", kind: "data", holds: "the repository and its history" },
  { pattern: "aws_sqs_queue", kind: "data", holds: "the queue and its messages" },
  { pattern: "aws_kinesis_stream", kind: "data", holds: "the stream and its records" },
  { pattern: "aws_db_instance", kind: "data", holds: "the database" },
  { pattern: "aws_rds_cluster", kind: "data", holds: "the database cluster" },
  { pattern: "aws_efs_file_system", kind: "data", holds: "the file system" },
  { pattern: "aws_ebs_volume", kind: "data", holds: "the volume" },
  { pattern: "aws_ecr_repository", kind: "data", holds: "the repository and its images" },
  { pattern: "aws_backup_vault", kind: "data", holds: "the vault and its backups" },
  { pattern: "aws_sns_topic_policy", kind: "access", holds: "who may publish to or read the topic" },
  { pattern: "aws_sqs_queue_policy", kind: "access", holds: "who may use the queue" },
  { pattern: "aws_lambda_permission", kind: "access", holds: "who may invoke the function" },
  { pattern: "aws_codebuild_resource_policy", kind: "access", holds: "who may use the project" },
  { pattern: "aws_cloudwatch_event_bus_policy", kind: "access", holds: "who may send events to the bus" },
];

/** The risk of a resource type, or undefined when its destroy or replace loses nothing a reviewer must weigh. */
export function riskOf(type: string, table: readonly RiskyType[] = RISKY_TYPES): RiskyType | undefined {
  let best: RiskyType | undefined;
  for (const entry of table) {
    const matches = entry.pattern.endsWith("*") ? type.startsWith(entry.pattern.slice(0, -1)) : type === entry.pattern;
    if (!matches) continue;
    // An exact type beats a prefix; a longer prefix beats a shorter one.
    const weight = (e: RiskyType) => (e.pattern.endsWith("*") ? e.pattern.length - 1 : Number.MAX_SAFE_INTEGER);
    if (!best || weight(entry) > weight(best)) best = entry;
  }
  return best;
}
