/**
 * The read-only plan roles (see plan-access.ts): `glue-plan-pipeline` in the pipeline account, trusted by
 * the steps that plan, and `glue-plan-<stage>` in each stage's account, trusted only by it. Created like
 * the deploy roles: in another account through the provider pinned to it, so that, as with those, only
 * a deploy of `pipeline` from a laptop changes them there.
 */
import { Annotations, Construct, type TerraformProvider } from "../cdktf";
import type { AppConfig } from "../config";
import { partitionOf } from "../constants/aws-regions";
import { STAGE_NAMES, type StageName } from "../constants/glue";
import type { PolicyStatement } from "../iam/policy-document";
import { glueStackName, PIPELINE_STACK_NAME } from "../names";
import type { CodeBuildStep } from "./codebuild-step";
import type { DeployAccess } from "./deploy-access";
import { pipelinePlanRoleArn, PIPELINE_PLAN_ROLE_NAME, planRoleName, stagePlanRoleArn } from "./plan-access";
import { PlanRole } from "./plan-role";
import { glueStageRows, IAM_ROLE_READ } from "./permissions/glue-stage";
import { planReadStatements } from "./permissions/plan-read";
import { pipelineStackRows } from "./permissions/pipeline-stack";
import { stateReadStatements, tokenStatements } from "./permissions/terraform-state";


export interface PlanRolesProps {
  readonly config: AppConfig;
  readonly access: Readonly<Record<StageName, DeployAccess>>;
  /** Providers of the stage accounts other than the pipeline's that this stack reaches, by stage. */
  readonly providers: Partial<Record<StageName, TerraformProvider>>;
  /** The pipeline's CodeBuild steps: the pipeline's plan role trusts those whose spec says `assumesPlanRoles`. */
  readonly steps: readonly CodeBuildStep[];
  readonly artifactBucket: string;
}

export class PlanRoles extends Construct {
  readonly pipeline: PlanRole;
  readonly stages: Partial<Record<StageName, PlanRole>> = {};

  constructor(scope: Construct, id: string, props: PlanRolesProps) {
    super(scope, id);
    const { config, access } = props;
    const account = config.pipelineAccount;
    const partition = partitionOf(account.awsRegion);
    const providerMode = STAGE_NAMES.filter((stage) => access[stage].mode === "provider");
    const stagePlanRoles = STAGE_NAMES.map((stage) => stagePlanRoleArn(config, stage));

    this.pipeline = new PlanRole(this, "pipeline", {
      roleName: PIPELINE_PLAN_ROLE_NAME,
      description: "Plans the stacks read-only for the pull-request check and PlanProd; may assume only the stages' plan roles",
      partition,
      pipelineAccountId: account.awsAccountId,
      trustedRoleArns: props.steps.filter((step) => step.spec.assumesPlanRoles).map((step) => step.roleArnText),
      statements: [
        ...planReadStatements(
          pipelineStackRows({
            account,
            artifactBucket: props.artifactBucket,
            source: config.source,
            localDeployRoles: localRoleNames(access),
          }),
        ),
        // The state of the pipeline stack, and of stages whose provider assumes a role from these credentials.
        ...stateReadStatements(config.backend, [PIPELINE_STACK_NAME, ...providerMode.map(glueStackName)], partition),
        ...tokenStatements(config.backend, config.pipeline.terraformPlanTokenSecret, account),
        { Sid: "AssumeStagePlanRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: stagePlanRoles },
      ],
    });

    for (const stage of STAGE_NAMES) {
      const stageAccess = access[stage];
      const provider = props.providers[stage];
      if (stageAccess.crossAccount && !provider) {
        Annotations.of(this).addWarning(
          `stages.${stage}.deployRoleArn names a role of account ${stageAccess.account.awsAccountId} that the pipeline does not create, so it cannot ` +
            `create ${planRoleName(stage)} there either: create it yourself (README "Reviewing changes"), or the plans of ${glueStackName(stage)} fail`,
        );
        continue;
      }
      this.stages[stage] = new PlanRole(this, stage, {
        roleName: planRoleName(stage),
        description: `Plans ${glueStackName(stage)} (and reads the pipeline's roles in this account) read-only; assumed only by ${PIPELINE_PLAN_ROLE_NAME}`,
        partition: partitionOf(stageAccess.account.awsRegion),
        pipelineAccountId: account.awsAccountId,
        trustedRoleArns: [pipelinePlanRoleArn(config)],
        statements: stagePlanStatements(config, stageAccess),
        provider,
      });
    }
  }
}

/** Roles of the pipeline account outside `glue-pipeline-*` that the pipeline stack creates: deploy and plan roles. */
export function localRoleNames(access: Readonly<Record<StageName, DeployAccess>>): string[] {
  const local = STAGE_NAMES.filter((stage) => !access[stage].crossAccount);
  return [
    ...local.filter((stage) => access[stage].createRole).map((stage) => access[stage].roleArn!.split("/").pop()!),
    PIPELINE_PLAN_ROLE_NAME,
    ...local.map(planRoleName),
  ];
}

/** A stage plan role's rights: the stage stack's resources, its state, and what the pipeline stack keeps in the account. */
export function stagePlanStatements(config: AppConfig, access: DeployAccess): PolicyStatement[] {
  const { stage, account } = access;
  const partition = partitionOf(account.awsRegion);
  const statements = [
    ...planReadStatements(glueStageRows(stage, account, access.roleBoundaryArn)),
    // In provider mode the state is read with the pipeline's plan role, as deploys read it with pipeline-account credentials.
    ...stateReadStatements(config.backend, access.mode === "provider" ? [] : [glueStackName(stage)], partition),
  ];
  if (!access.crossAccount) return statements;
  // Planning `pipeline` refreshes what it keeps in this account through this role: the deploy role, the boundary, this role.
  const roles = [stagePlanRoleArn(config, stage), ...(access.createRole ? [access.roleArn!] : [])];
  statements.push({ Sid: "ReadPipelineStackRoles", Effect: "Allow", Action: IAM_ROLE_READ, Resource: roles });
  if (access.roleBoundaryArn) {
    statements.push({
      Sid: "ReadRoleBoundary",
      Effect: "Allow",
      Action: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
      Resource: access.roleBoundaryArn,
    });
  }
  return statements;
}
