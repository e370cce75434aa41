/**
 * Name limits of each resource type, from the services' API references (length and allowed pattern of
 * the name parameter of CreateRole, CreatePolicy, PutRolePolicy, CreateJob, CreateSecurityConfiguration,
 * CreateWorkflow, CreateTrigger, CreateDatabase, CreateProject, CreateReportGroup, CreateLogGroup, PutRule,
 * CreateAlias, CreateTopic, CreatePipeline, CreateWorkGroup).
 * S3 bucket names have rules of their own (s3-bucket-names.ts).
 */
import { findingAt, shown } from "../finding";
import type { AcceptanceRule, Finding } from "../types";

const ID = "resource-names";

interface NameRule {
  readonly type: string;
  readonly attribute: string;
  readonly min: number;
  readonly max: number;
  /** Glue counts the bytes of a UTF-8 name. @default "characters" */
  readonly unit?: "characters" | "bytes";
  readonly pattern: RegExp;
  /** The allowed characters in words, for the fix. */
  readonly allowed: string;
}

const IAM_NAME = /^[\w+=,.@-]+$/;
const IAM_ALLOWED = "letters, digits and + = , . @ _ -";
/** Glue's single-line string: no control characters but tab. */
const GLUE_NAME = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]+$/u;

export const NAME_RULES: readonly NameRule[] = [
  { type: "aws_iam_role", attribute: "name", min: 1, max: 64, pattern: IAM_NAME, allowed: IAM_ALLOWED },
  { type: "aws_iam_policy", attribute: "name", min: 1, max: 128, pattern: IAM_NAME, allowed: IAM_ALLOWED },
  { type: "aws_iam_role_policy", attribute: "name", min: 1, max: 128, pattern: IAM_NAME, allowed: IAM_ALLOWED },
  { type: "aws_glue_job", attribute: "name", min: 1, max: 255, unit: "bytes", pattern: GLUE_NAME, allowed: "any printable character" },
  { type: "aws_glue_security_configuration", attribute: "name", min: 1, max: 255, unit: "bytes", pattern: GLUE_NAME, allowed: "any printable character" },
  { type: "aws_glue_workflow", attribute: "name", min: 1, max: 255, unit: "bytes", pattern: GLUE_NAME, allowed: "any printable character" },
  { type: "aws_glue_trigger", attribute: "name", min: 1, max: 255, unit: "bytes", pattern: GLUE_NAME, allowed: "any printable character" },
  // Glue takes any printable name but stores it in lower case (Terraform would then plan a change on every
  // run), and Athena and Spark take only lower-case letters, digits and _ unquoted.
  { type: "aws_glue_catalog_database", attribute: "name", min: 1, max: 255, pattern: /^[a-z0-9_]+$/, allowed: "lower-case letters, digits and _" },
  { type: "aws_athena_workgroup", attribute: "name", min: 1, max: 128, pattern: /^[a-zA-Z0-9._-]+$/, allowed: "letters, digits and . _ -" },
  { type: "aws_codebuild_project", attribute: "name", min: 2, max: 150, pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/, allowed: "a letter or digit, then letters, digits, _ and -" },
  { type: "aws_codebuild_report_group", attribute: "name", min: 2, max: 128, pattern: /^[^\u0000-\u001F]+$/, allowed: "printable characters" },
  { type: "aws_cloudwatch_log_group", attribute: "name", min: 1, max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: "letters, digits and . - _ / #" },
  { type: "aws_cloudwatch_event_rule", attribute: "name", min: 1, max: 64, pattern: /^[.\-_A-Za-z0-9]+$/, allowed: "letters, digits and . - _" },
  { type: "aws_kms_alias", attribute: "name", min: 7, max: 256, pattern: /^alias\/(?!aws\/)[a-zA-Z0-9:/_-]+$/, allowed: "alias/ (never alias/aws/), then letters, digits and : / _ -" },
  { type: "aws_sns_topic", attribute: "name", min: 1, max: 256, pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/, allowed: "letters, digits, _ and - (and .fifo at the end of a FIFO topic)" },
  { type: "aws_codepipeline", attribute: "name", min: 1, max: 100, pattern: /^[A-Za-z0-9.@_-]+$/, allowed: "letters, digits and . @ _ -" },
];

function lengthOf(value: string, unit: NameRule["unit"]): number {
  return unit === "bytes" ? Buffer.byteLength(value, "utf8") : [...value].length;
}

export const resourceNames: AcceptanceRule = {
  id: ID,
  description: "IAM, Glue, CodeBuild, CloudWatch Logs, EventBridge, KMS alias, SNS, CodePipeline and Athena names fit their API's length and pattern",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      for (const rule of NAME_RULES) {
        if (resource.type !== rule.type) continue;
        const name = resource.block[rule.attribute];
        // A name taken from another resource is judged there.
        if (typeof name !== "string" || name.includes("${")) continue;
        const length = lengthOf(name, rule.unit);
        const unit = rule.unit ?? "characters";
        if (length < rule.min || length > rule.max) {
          findings.push(findingAt(ID, resource, `${rule.attribute} ${shown(name)} is ${length} ${unit}; ${rule.type} allows ${rule.min} to ${rule.max}`, `shorten the name to at most ${rule.max} ${unit}`));
        }
        if (!rule.pattern.test(name)) {
          findings.push(findingAt(ID, resource, `${rule.attribute} ${shown(name)} has characters ${rule.type} refuses`, `use ${rule.allowed}`));
        }
      }
    }
    return findings;
  },
};
