/**
 * How each stack is planned without the right to change it: through the read-only plan roles, one in
 * each stage's account (`glue-plan-<stage>`) and the pipeline's own (`glue-plan-pipeline`). The pull-request
 * check and PlanProd plan this way, and anything else that only reads (a drift check) can too: give its
 * step `assumesPlanRoles`, write `planProfiles(config)` in its install phase, and run
 * `npm run diff -- --plan-roles`.
 *
 * The chain: a step's own role assumes `glue-plan-pipeline` (profile `glue-plan-pipeline`), which alone
 * may assume the stage plan roles (profiles `glue-dev`, `glue-prod`: the names the pipeline stack's stage
 * providers read). So every plan, of every stack, runs on plan-role credentials:
 *
 * | stack                    | AWS_PROFILE           | state read by      | the providers reach the stage as |
 * |--------------------------|-----------------------|--------------------|----------------------------------|
 * | pipeline                 | glue-plan-pipeline    | glue-plan-pipeline | glue-plan-<stage> (profiles)     |
 * | <stage>-glue, direct     | glue-<stage>          | glue-plan-<stage>  | glue-plan-<stage>                |
 * | <stage>-glue, profile    | glue-<stage>          | glue-plan-<stage>  | glue-plan-<stage>                |
 * | <stage>-glue, provider   | glue-plan-pipeline    | glue-plan-pipeline | glue-plan-<stage> (TF_VAR_deploy_role_arn) |
 */
import type { AppConfig, AwsAccount } from "../config";
import { partitionOf } from "../constants/aws-regions";
import { STAGE_NAMES, type StageName } from "../constants/glue";
import { DEPLOY_ROLE_VARIABLE } from "../deploy-role-variable";
import type { PolicyStatement } from "../iam/policy-document";
import { accountProfileName, glueStackName, PIPELINE_STACK_NAME } from "../names";
import { deployAccessOf } from "./deploy-access";
import { terraformTokenVariable } from "./permissions/terraform-state";
import { type AssumedProfile, readTokenAs } from "./step-commands";

export const PIPELINE_PLAN_ROLE_NAME = "glue-plan-pipeline";
/** The profile of the pipeline's plan role; the stage profiles assume their roles from it. */
export const PIPELINE_PLAN_PROFILE = PIPELINE_PLAN_ROLE_NAME;

export function planRoleName(stage: StageName): string {
  return `glue-plan-${stage}`;
}

export function roleArnIn(account: AwsAccount, roleName: string): string {
  return `arn:${partitionOf(account.awsRegion)}:iam::${account.awsAccountId}:role/${roleName}`;
}

export function pipelinePlanRoleArn(config: AppConfig): string {
  return roleArnIn(config.pipelineAccount, PIPELINE_PLAN_ROLE_NAME);
}

export function stagePlanRoleArn(config: AppConfig, stage: StageName): string {
  return roleArnIn(config.stages[stage].account, planRoleName(stage));
}

/** The stacks of the app, in the order they deploy. */
export function stackNames(): string[] {
  return [PIPELINE_STACK_NAME, ...STAGE_NAMES.map(glueStackName)];
}

/** The stage a Glue stack deploys, or undefined for the pipeline stack. */
export function stageOfStack(stack: string): StageName | undefined {
  return STAGE_NAMES.find((stage) => glueStackName(stage) === stack);
}

/** The AWS config profiles of a planning step: the pipeline's plan role from the build's own credentials, each stage's from it. */
export function planProfiles(config: AppConfig): AssumedProfile[] {
  return [
    { name: PIPELINE_PLAN_PROFILE, roleArn: pipelinePlanRoleArn(config), region: config.pipelineAccount.awsRegion },
    ...STAGE_NAMES.map((stage) => ({
      name: accountProfileName(stage),
      roleArn: stagePlanRoleArn(config, stage),
      region: config.stages[stage].account.awsRegion,
      sourceProfile: PIPELINE_PLAN_PROFILE,
    })),
  ];
}

/** What a step that plans may do itself: assume the pipeline's plan role. */
export function assumePlanRoleStatement(config: AppConfig): PolicyStatement {
  return { Sid: "AssumePlanRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: pipelinePlanRoleArn(config) };
}

/** The build command that reads the plans' HCP Terraform token as the pipeline's plan role (cloud backend only; else none). */
export function readPlanToken(config: AppConfig): string[] {
  if (config.backend.type !== "cloud") return [];
  return [readTokenAs(PIPELINE_PLAN_PROFILE, terraformTokenVariable(config.backend.hostname), config.pipeline.terraformPlanTokenSecret)];
}

/** Whose credentials a plan of a stack runs on. */
export type PlanCredentials =
  /** The person's: their default credentials, and the profiles glue-<stage> for stages in other accounts. */
  | "laptop"
  /** The read-only plan roles, through the profiles of `planProfiles`. */
  | "plan-roles";

export interface StackPlanEnvironment {
  /** Variables added to Terraform's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** In words, for a progress line, e.g. "as AWS profile glue-dev". */
  readonly as: string;
}

/** The environment Terraform plans `stack` in, with `credentials`. */
export function stackPlanEnvironment(config: AppConfig, stack: string, credentials: PlanCredentials): StackPlanEnvironment {
  const stage = stageOfStack(stack);
  if (credentials === "laptop") {
    // A stage in another account is reached with the person's profile for it (README: "Other accounts"),
    // unless its provider assumes a deploy role of its own from their usual credentials.
    if (!stage || deployAccessOf(config, stage).mode !== "profile") return { env: {}, as: "with your AWS credentials" };
    return profile(accountProfileName(stage));
  }
  if (!stage) return profile(PIPELINE_PLAN_PROFILE);
  if (deployAccessOf(config, stage).mode !== "provider") return profile(accountProfileName(stage));
  const planRole = stagePlanRoleArn(config, stage);
  return {
    env: { AWS_PROFILE: PIPELINE_PLAN_PROFILE, [`TF_VAR_${DEPLOY_ROLE_VARIABLE}`]: planRole },
    as: `as AWS profile ${PIPELINE_PLAN_PROFILE}, its providers assuming ${planRole}`,
  };
}

function profile(name: string): StackPlanEnvironment {
  return { env: { AWS_PROFILE: name }, as: `as AWS profile ${name}` };
}
