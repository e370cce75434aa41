/** Names, images and tool versions of the pipeline stack, in one place. */
import { PIPELINE_NAME } from "../names";

/** CodePipeline stores artifacts under the first 20 characters of the pipeline's name. */
export const ARTIFACT_PREFIX = PIPELINE_NAME.slice(0, 20);

/** Standard Linux image 7.0 (Ubuntu 22.04): Node 20, Python 3.11 and Corretto 17 are among its runtimes. */
export const CODEBUILD_IMAGE = "aws/codebuild/standard:7.0";

/** Runtimes of every project: the app is TypeScript, the job scripts and their tests Python 3.11 (Glue 5.1). */
export const RUNTIMES = { nodejs: "20", python: "3.11" } as const;

/** Local Spark (the job-script tests in Build) needs Java 17, as Glue 5.1 does. */
export const JAVA_RUNTIME = { java: "corretto17" } as const;

/** Terraform that cdktf drives in CodeBuild: 1.10 or later, for S3-native state locking. */
export const TERRAFORM_VERSION = "1.12.2";

/** Terraform's provider plugin cache, kept between builds with the npm and pip caches. */
export const TERRAFORM_PLUGIN_CACHE = "/root/.terraform.d/plugin-cache";

/** Quiet, non-interactive Terraform in every project that runs it, with the cached plugin directory. */
export const TERRAFORM_VARIABLES = { CHECKPOINT_DISABLE: "1", CI: "true", TF_IN_AUTOMATION: "1", TF_INPUT: "0", TF_PLUGIN_CACHE_DIR: TERRAFORM_PLUGIN_CACHE } as const;

/** What each project caches: npm's and pip's download caches, and Terraform's providers. */
export const CACHE_PATHS = ["/root/.npm/**/*", "/root/.cache/pip/**/*", `${TERRAFORM_PLUGIN_CACHE}/**/*`] as const;

export const COMPUTE_TYPES = {
  /** 2 vCPU, 3 GB: deploys, plans and the integration test. */
  small: "BUILD_GENERAL1_SMALL",
  /** 4 vCPU, 7 GB: Build runs jest, local Spark and checkov. */
  medium: "BUILD_GENERAL1_MEDIUM",
} as const;
export type ComputeType = (typeof COMPUTE_TYPES)[keyof typeof COMPUTE_TYPES];

/** CodeBuild logs are kept a year: long enough to look back at any deploy of the year. */
export const LOG_RETENTION_DAYS = 365;

/** Artifact names passed between actions. */
export const ARTIFACTS = {
  source: "source",
  /** The repository plus cdktf.out, as Build tested it. */
  build: "build",
  prodPlan: "prod_plan",
  integReport: "integ_report",
} as const;

/** The source action's variables (CommitId, ...) are read as #{SourceVariables.CommitId}. */
export const SOURCE_NAMESPACE = "SourceVariables";

/** Where PlanProd copies the plan, one object per execution, for the approver's link. */
export const PLAN_PREFIX = "plans/prod-glue/";

/**
 * The longest plan headline `npm run diff` writes (headline.txt): PlanProd passes it into the prod
 * approval's text, which CodePipeline limits to 500 characters.
 */
export const HEADLINE_LENGTH = 250;

/** Where the pull-request check keeps each checked commit's summary and plans. */
export const PR_CHECK_PREFIX = "pr-checks/";

/** The project and role name of a step, e.g. `glue-pipeline-deploy-dev`. */
export function stepResourceName(stepId: string): string {
  return `${PIPELINE_NAME}-${stepId}`;
}
