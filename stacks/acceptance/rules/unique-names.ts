/**
 * Two resources of one app may not take the same name where AWS keeps names unique: IAM role and
 * managed policy names per account, ignoring case (across every stack deployed to that account); S3
 * bucket names worldwide; regional names per account and region; inline policy names per role.
 */
import { findingAt, shown } from "../finding";
import type { AcceptanceRule, Finding, ResourceRef } from "../types";

const ID = "unique-names";

interface UniqueName {
  readonly type: string;
  readonly attribute: string;
  /** The namespace the name must be unique in. */
  readonly scope: (resource: ResourceRef) => string;
  readonly ignoreCase: boolean;
  readonly what: string;
}

const account = (r: ResourceRef) => `account ${r.provider.accountId ?? "?"}`;
const accountRegion = (r: ResourceRef) => `${account(r)} ${r.provider.region ?? "?"}`;
/** A role named by reference is the stack's own; a literal name is the account's role of that name. */
const roleOf = (r: ResourceRef) => (String(r.block.role).includes("${") ? `${r.stack} ${r.block.role}` : `${account(r)} role ${r.block.role}`);
const regional = (type: string, what: string): UniqueName => ({ type, attribute: "name", scope: accountRegion, ignoreCase: false, what });

const UNIQUE_NAMES: readonly UniqueName[] = [
  { type: "aws_iam_role", attribute: "name", scope: account, ignoreCase: true, what: "IAM role names are unique per account, ignoring case" },
  { type: "aws_iam_policy", attribute: "name", scope: account, ignoreCase: true, what: "IAM policy names are unique per account, ignoring case" },
  { type: "aws_s3_bucket", attribute: "bucket", scope: () => "S3", ignoreCase: false, what: "S3 bucket names are unique worldwide" },
  { type: "aws_iam_role_policy", attribute: "name", scope: roleOf, ignoreCase: false, what: "a role's inline policy names are unique" },
  regional("aws_glue_job", "Glue job names are unique per account and region"),
  regional("aws_glue_security_configuration", "Glue security configuration names are unique per account and region"),
  regional("aws_glue_workflow", "Glue workflow names are unique per account and region"),
  regional("aws_glue_trigger", "Glue trigger names are unique per account and region"),
  regional("aws_glue_catalog_database", "Data Catalog database names are unique per account and region (one catalog each)"),
  regional("aws_athena_workgroup", "Athena workgroup names are unique per account and region"),
  regional("aws_codebuild_project", "CodeBuild project names are unique per account and region"),
  regional("aws_codebuild_report_group", "CodeBuild report group names are unique per account and region"),
  regional("aws_cloudwatch_log_group", "log group names are unique per account and region"),
  regional("aws_cloudwatch_event_rule", "EventBridge rule names are unique per account, region and bus"),
  regional("aws_kms_alias", "KMS alias names are unique per account and region"),
  regional("aws_sns_topic", "SNS topic names are unique per account and region"),
  regional("aws_codepipeline", "CodePipeline names are unique per account and region"),
];

export const uniqueNames: AcceptanceRule = {
  id: ID,
  description: "names are unique where AWS keeps them unique (IAM names per account ignoring case, across all stacks)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const rule of UNIQUE_NAMES) {
      const seen = new Map<string, ResourceRef>();
      for (const resource of app.resources.filter((r) => r.type === rule.type)) {
        const name = resource.block[rule.attribute];
        if (typeof name !== "string" || name.includes("${")) continue;
        const key = `${rule.scope(resource)} ${rule.ignoreCase ? name.toLowerCase() : name}`;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, resource);
          continue;
        }
        findings.push(
          findingAt(ID, resource, `${rule.attribute} ${shown(name)} is also taken by ${first.stack} ${first.address} (${shown(first.block[rule.attribute])}); ${rule.what}`, "give one of them another name"),
        );
      }
    }
    return findings;
  },
};
