/**
 * PlanProd and the approval's text, as data. PlanProd plans `prod-glue` as Build synthesized it, through
 * the read-only plan roles and without a lock, saves the plan for DeployProd, and writes the summary.
 * Its headline is exported (`#{PlanProdVariables.PLAN_HEADLINE}`) so that the approval shows it; the full
 * plan and the summary are copied next to the saved plan, one link away.
 */
import type { AppConfig } from "../config";
import { glueStackName } from "../names";
import type { CodeBuildStepSpec } from "./codebuild-step";
import { ARTIFACTS, CACHE_PATHS, COMPUTE_TYPES, HEADLINE_LENGTH, PLAN_PREFIX, RUNTIMES, SOURCE_NAMESPACE, TERRAFORM_VARIABLES } from "./constants";
import { assumePlanRoleStatement, planProfiles, readPlanToken } from "./plan-access";
import { installTerraform, NPM_CI, PLAN_REVIEW_DIR, planReview, writeProfiles } from "./step-commands";

export const PLAN_PROD_NAMESPACE = "PlanProdVariables";
export const PLAN_HEADLINE_VARIABLE = "PLAN_HEADLINE";
/** The saved plan DeployProd applies, in the stack's directory. */
export const APPROVED_PLAN = "approved.tfplan";
const PLAN_FILE = "prod-glue-plan.txt";
const SUMMARY_FILE = "prod-glue-summary.md";
const EXECUTION_ID = "#{codepipeline.PipelineExecutionId}";
/** CodePipeline's limit on a manual approval's CustomData. */
export const CUSTOM_DATA_LIMIT = 500;

export interface PlanProdContext {
  readonly config: AppConfig;
  readonly artifactBucket: string;
}

/** s3://<bucket>/plans/prod-glue/<execution>: the saved plan, its text and summary share it (no extension). */
export function planUri(artifactBucket: string, executionId = "$PIPELINE_EXECUTION_ID"): string {
  return `s3://${artifactBucket}/${PLAN_PREFIX}${executionId}`;
}

export function planProdStep(ctx: PlanProdContext): CodeBuildStepSpec {
  const { config, artifactBucket } = ctx;
  const stack = glueStackName("prod");
  const uri = planUri(artifactBucket);
  const token = readPlanToken(config);
  return {
    id: "plan-prod",
    stage: "PlanProd",
    description: `plans ${stack} read-only for the approver and summarizes it`,
    computeType: COMPUTE_TYPES.small,
    timeoutMinutes: 60,
    input: ARTIFACTS.build,
    output: ARTIFACTS.prodPlan,
    namespace: PLAN_PROD_NAMESPACE,
    writesPrefixes: [PLAN_PREFIX],
    needsExecutionId: true,
    assumesPlanRoles: true,
    buildSpec: {
      runtimes: RUNTIMES,
      variables: TERRAFORM_VARIABLES,
      // The summary is TypeScript: node modules, unlike the Terraform-only steps.
      install: [...installTerraform(), NPM_CI, ...writeProfiles(planProfiles(config))],
      build: [
        ...token,
        planReview({ stacks: [stack], planFile: APPROVED_PLAN, plansUrl: planConsoleUrl(config, artifactBucket, "$PIPELINE_EXECUTION_ID") }),
        `cp ${PLAN_REVIEW_DIR}/${stack}.plan.txt ${PLAN_FILE} && cp ${PLAN_REVIEW_DIR}/summary.md ${SUMMARY_FILE}`,
        `aws s3 cp ${PLAN_FILE} "${uri}.txt"`,
        `aws s3 cp ${SUMMARY_FILE} "${uri}.summary.md"`,
        `aws s3 cp cdktf.out/stacks/${stack}/${APPROVED_PLAN} "${uri}.tfplan"`,
        `${PLAN_HEADLINE_VARIABLE}="$(cat ${PLAN_REVIEW_DIR}/headline.txt)" && export ${PLAN_HEADLINE_VARIABLE}`,
      ],
      exportedVariables: [PLAN_HEADLINE_VARIABLE],
      artifacts: { files: [PLAN_FILE, SUMMARY_FILE] },
      cachePaths: CACHE_PATHS,
    },
    statements: [assumePlanRoleStatement(config)],
  };
}

/** The console page of the plan's text, which the approval links to. */
export function planConsoleUrl(config: AppConfig, artifactBucket: string, executionId = EXECUTION_ID): string {
  return `https://s3.console.aws.amazon.com/s3/object/${artifactBucket}?region=${config.pipelineAccount.awsRegion}&prefix=${PLAN_PREFIX}${executionId}.txt`;
}

/**
 * The approval's text: PlanProd's headline first, then the commit and where the full plan is. It fits
 * CodePipeline's 500 characters with every variable at its longest (a headline is at most HEADLINE_LENGTH).
 */
export function approvalCustomData(artifactBucket: string): string {
  const text =
    `#{${PLAN_PROD_NAMESPACE}.${PLAN_HEADLINE_VARIABLE}}. Commit #{${SOURCE_NAMESPACE}.CommitId}. ` +
    `Full plan and summary: ${planUri(artifactBucket, EXECUTION_ID)}.txt and .summary.md (the link below).`;
  const longest = text
    .replace(`#{${PLAN_PROD_NAMESPACE}.${PLAN_HEADLINE_VARIABLE}}`, "x".repeat(HEADLINE_LENGTH))
    .replace(`#{${SOURCE_NAMESPACE}.CommitId}`, "x".repeat(40))
    .replace(EXECUTION_ID, "x".repeat(36));
  if (longest.length > CUSTOM_DATA_LIMIT) {
    throw new Error(`the approval's text would be ${longest.length} characters with its variables at their longest; CodePipeline allows ${CUSTOM_DATA_LIMIT}`);
  }
  return text;
}
