/** The tags AWS will hold for a resource: the provider's `default_tags` merged under the resource's own. */
import type { ResourceRef } from "./types";

export interface TagLimits {
  readonly maxTags: number;
  readonly keyMax: number;
  readonly valueMax: number;
}

const GENERAL: TagLimits = { maxTags: 50, keyMax: 128, valueMax: 256 };
/** CodeBuild's Tag type: KeyInput 1..127, ValueInput 0..255. */
const CODEBUILD: TagLimits = { maxTags: 50, keyMax: 127, valueMax: 255 };

/**
 * Resource types the AWS provider tags (so `default_tags` reach them), with their service's limits. A
 * resource of another type counts as taggable when it sets `tags` itself.
 */
export const TAGGABLE_TYPES: Readonly<Record<string, TagLimits>> = {
  aws_iam_role: GENERAL,
  aws_iam_policy: GENERAL,
  aws_s3_bucket: GENERAL,
  // S3 object tagging allows at most 10 tags per object.
  aws_s3_object: { maxTags: 10, keyMax: 128, valueMax: 256 },
  aws_kms_key: GENERAL,
  aws_glue_job: GENERAL,
  aws_codebuild_project: CODEBUILD,
  aws_codebuild_report_group: CODEBUILD,
  aws_codepipeline: GENERAL,
  aws_cloudwatch_log_group: GENERAL,
  aws_cloudwatch_event_rule: GENERAL,
  aws_sns_topic: GENERAL,
  aws_codestarconnections_connection: GENERAL,
  aws_codecommit_repository: GENERAL,
};

export interface ResourceTags {
  readonly tags: Readonly<Record<string, string>>;
  readonly limits: TagLimits;
}

/** The merged tags of a taggable resource, or undefined for a resource that takes none. */
export function tagsOf(resource: ResourceRef): ResourceTags | undefined {
  const own = resource.block.tags;
  const limits = TAGGABLE_TYPES[resource.type] ?? (own && typeof own === "object" ? GENERAL : undefined);
  if (!limits) return undefined;
  return { tags: { ...resource.provider.defaultTags, ...(own && typeof own === "object" ? own : {}) }, limits };
}
