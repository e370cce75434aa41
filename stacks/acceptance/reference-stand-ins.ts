/**
 * What a `${type.id.attribute}` reference inside a policy will resolve to, as a realistic stand-in of at
 * least its real length, so that policy sizes are measured as AWS will see them. The ARN's account,
 * region and partition come from the referenced resource's provider; generated IDs take their full
 * length (a KMS key ID is 36 characters).
 */
import { resourceAttribute } from "./references";
import type { ResourceRef, SynthesizedApp } from "./types";

interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** Used when the provider does not say: the longest partition and region names. */
const LONGEST_SCOPE: ArnScope = { partition: "aws-us-gov", region: "ap-southeast-5", account: "123456789012" };
/** A KMS key ID, or the ID of a CodeStar connection: a UUID. */
const UUID = "00000000-0000-0000-0000-000000000000";

/** A literal name attribute, or the longest name the service allows when it is not known yet. */
function nameOf(resource: ResourceRef, attribute: string, longest: number): string {
  const value = resource.block[attribute];
  return typeof value === "string" && !value.includes("${") ? value : "n".repeat(longest);
}

function arnScopeOf(resource: ResourceRef): ArnScope {
  const { partition, region, accountId } = resource.provider;
  return {
    partition: region ? partition : LONGEST_SCOPE.partition,
    region: region ?? LONGEST_SCOPE.region,
    account: accountId ?? LONGEST_SCOPE.account,
  };
}

type StandIn = (resource: ResourceRef, scope: ArnScope) => string;

const regional = (service: string, resource: (r: ResourceRef) => string): StandIn => (r, s) =>
  `arn:${s.partition}:${service}:${s.region}:${s.account}:${resource(r)}`;
const rolePath = (r: ResourceRef) => (typeof r.block.path === "string" ? r.block.path : "/");

const STAND_INS: Readonly<Record<string, StandIn>> = {
  "aws_kms_key.arn": regional("kms", () => `key/${UUID}`),
  "aws_kms_key.key_id": () => UUID,
  "aws_kms_key.id": () => UUID,
  "aws_kms_alias.arn": regional("kms", (r) => nameOf(r, "name", 256)),
  "aws_kms_alias.name": (r) => nameOf(r, "name", 256),
  "aws_sns_topic.arn": regional("sns", (r) => nameOf(r, "name", 256)),
  "aws_sns_topic.id": regional("sns", (r) => nameOf(r, "name", 256)),
  "aws_s3_bucket.arn": (r, s) => `arn:${s.partition}:s3:::${nameOf(r, "bucket", 63)}`,
  "aws_s3_bucket.id": (r) => nameOf(r, "bucket", 63),
  "aws_s3_bucket.bucket": (r) => nameOf(r, "bucket", 63),
  "aws_iam_role.arn": (r, s) => `arn:${s.partition}:iam::${s.account}:role${rolePath(r)}${nameOf(r, "name", 64)}`,
  "aws_iam_role.name": (r) => nameOf(r, "name", 64),
  "aws_iam_role.id": (r) => nameOf(r, "name", 64),
  "aws_iam_role.unique_id": () => "AROA" + "X".repeat(17),
  "aws_iam_policy.arn": (r, s) => `arn:${s.partition}:iam::${s.account}:policy${rolePath(r)}${nameOf(r, "name", 128)}`,
  "aws_codebuild_project.arn": regional("codebuild", (r) => `project/${nameOf(r, "name", 150)}`),
  "aws_codebuild_project.name": (r) => nameOf(r, "name", 150),
  "aws_codebuild_report_group.arn": regional("codebuild", (r) => `report-group/${nameOf(r, "name", 128)}`),
  "aws_codepipeline.arn": regional("codepipeline", (r) => nameOf(r, "name", 100)),
  "aws_codepipeline.name": (r) => nameOf(r, "name", 100),
  "aws_cloudwatch_event_rule.arn": regional("events", (r) => `rule/${nameOf(r, "name", 64)}`),
  "aws_cloudwatch_log_group.arn": regional("logs", (r) => `log-group:${nameOf(r, "name", 512)}`),
  "aws_glue_job.arn": regional("glue", (r) => `job/${nameOf(r, "name", 255)}`),
  "aws_codestarconnections_connection.arn": regional("codestar-connections", () => `connection/${UUID}`),
  "aws_codecommit_repository.arn": regional("codecommit", (r) => nameOf(r, "repository_name", 100)),
};

/**
 * The stand-in for one interpolated expression found in `holder` (which names the stack), or undefined
 * when the expression is not a resource attribute this table knows, or names no resource of the stack.
 */
export function standInFor(expression: string, holder: ResourceRef, app: SynthesizedApp): string | undefined {
  const target = resourceAttribute(expression);
  if (!target) return undefined;
  const standIn = STAND_INS[`${target.type}.${target.attribute}`];
  const resource = app.byAddress.get(`${holder.stack} ${target.type}.${target.id}`);
  if (!standIn || !resource) return undefined;
  return standIn(resource, arnScopeOf(resource));
}
