/**
 * The pipeline's stages as data, in order: Source, Build, UpdatePipeline, DeployDev, IntegTest, PlanProd,
 * Approval, DeployProd. The pipeline stack turns each CodeBuild step into a project, and the pipeline
 * turns the list into its stages, in one loop each.
 */
import type { AppConfig } from "../config";
import { partitionOf } from "../constants/aws-regions";
import type { StageName } from "../constants/glue";
import { DEPLOY_ROLE_VARIABLE } from "../deploy-role-variable";
import type { PolicyStatement } from "../iam/policy-document";
import { glueStackName, INTEG_TEST_RUNNER_ROLE_NAME, integTestRoleName, PIPELINE_STACK_NAME } from "../names";
import type { CodeBuildStepSpec } from "./codebuild-step";
import {
  ARTIFACTS,
  CACHE_PATHS,
  COMPUTE_TYPES,
  JAVA_RUNTIME,
  PLAN_PREFIX,
  RUNTIMES,
  TERRAFORM_VARIABLES,
  stepResourceName,
} from "./constants";
import type { DeployAccess } from "./deploy-access";
import { glueStageRows } from "./permissions/glue-stage";
import { statementsOf } from "./permissions/permission-table";
import { pipelineStackRows } from "./permissions/pipeline-stack";
import { stateStatements, terraformTokenVariable, tokenStatements } from "./permissions/terraform-state";
import { localRoleNames } from "./plan-roles";
import { approvalCustomData, planConsoleUrl, planProdStep, planUri } from "./plan-prod-step";
import { applySavedPlan, installTerraform, NPM_CI, updatePipeline, writeProfiles } from "./step-commands";

export type PipelineStep =
  | { readonly kind: "source"; readonly stage: "Source" }
  | { readonly kind: "codebuild"; readonly stage: string; readonly spec: CodeBuildStepSpec }
  | { readonly kind: "approval"; readonly stage: "Approval"; readonly customData: string; readonly externalEntityLink: string };

export interface PipelineStagesContext {
  readonly config: AppConfig;
  readonly artifactBucket: string;
  readonly access: Readonly<Record<StageName, DeployAccess>>;
}

const INTEG_REPORT = "integ-report.xml";

export function pipelineStages(ctx: PipelineStagesContext): PipelineStep[] {
  const { config } = ctx;
  const { awsAccountId: accountId, awsRegion: region } = config.pipelineAccount;
  const partition = partitionOf(region);
  const codebuild = (spec: CodeBuildStepSpec): PipelineStep => ({ kind: "codebuild", stage: spec.stage, spec });
  const terraform = terraformEnvironment(ctx);
  const dev = config.devAccount;
  const crossAccountRoles = Object.values(ctx.access).filter((a) => a.createRole && a.crossAccount);

  return [
    { kind: "source", stage: "Source" },
    codebuild({
      id: "build",
      stage: "Build",
      description: "npm ci, cdktf synth, npm test (typecheck, jest, job-script pytest, security scan)",
      computeType: COMPUTE_TYPES.medium,
      timeoutMinutes: 60,
      input: ARTIFACTS.source,
      output: ARTIFACTS.build,
      buildSpec: {
        runtimes: { ...RUNTIMES, ...JAVA_RUNTIME },
        // The terraform validate tests run here: terraform and the Terraform registry are reachable.
        variables: { ...terraform.variables, GLUE_CDKTF_TERRAFORM_VALIDATE: "1" },
        install: [...installTerraform(), NPM_CI],
        build: ["npx cdktf synth", "npm test"],
        artifacts: {
          files: ["**/*"],
          excludePaths: ["node_modules/**/*", ".venv/**/*", ".venv-scan/**/*", "**/.terraform/**/*", "**/__pycache__/**/*"],
        },
        cachePaths: CACHE_PATHS,
      },
      statements: [],
    }),
    codebuild({
      id: "update-pipeline",
      stage: "UpdatePipeline",
      description: "applies the pipeline stack when Build's synth of it changed, then restarts the pipeline",
      computeType: COMPUTE_TYPES.small,
      timeoutMinutes: 30,
      input: ARTIFACTS.build,
      buildSpec: {
        runtimes: RUNTIMES,
        variables: terraform.variables,
        secrets: terraform.secrets,
        // The stack's providers of other accounts read their credentials from these profiles.
        install: [...installTerraform(), ...writeProfiles(crossAccountRoles.map(profileOf))],
        build: updatePipeline(`cdktf.out/stacks/${PIPELINE_STACK_NAME}`),
        cachePaths: CACHE_PATHS,
      },
      statements: [
        ...statementsOf(
          pipelineStackRows({
            account: config.pipelineAccount,
            artifactBucket: ctx.artifactBucket,
            source: config.source,
            localDeployRoles: localRoleNames(ctx.access),
          }),
          "write",
        ),
        ...stateStatements(config.backend, PIPELINE_STACK_NAME, partition),
        ...terraform.statements,
        ...assume("AssumeCrossAccountDeployRoles", crossAccountRoles.map((a) => a.roleArn!)),
      ],
      assumesDeployRoleOf: crossAccountRoles.map((a) => a.stage),
      needsExecutionId: true,
    }),
    codebuild(stageStep(ctx, "dev", "deploy")),
    codebuild({
      id: "integ-test",
      stage: "IntegTest",
      category: "Test",
      roleName: INTEG_TEST_RUNNER_ROLE_NAME,
      description: "runs every Glue job of dev through the glue-test-dev role and checks each one",
      computeType: COMPUTE_TYPES.small,
      timeoutMinutes: 90,
      input: ARTIFACTS.build,
      output: ARTIFACTS.integReport,
      reportGroupName: stepResourceName("integ-test"),
      buildSpec: {
        runtimes: RUNTIMES,
        variables: { CI: "true" },
        install: [NPM_CI],
        build: [
          `npm run integ -- --account ${dev.awsAccountId} --region ${dev.awsRegion} --stage-name dev ` +
            `--role-arn ${integTestRoleArn(ctx, "dev")} --report ${INTEG_REPORT}`,
        ],
        junitReports: {
          [`arn:${partition}:codebuild:${region}:${accountId}:report-group/${stepResourceName("integ-test")}`]: [INTEG_REPORT],
        },
        artifacts: { files: [INTEG_REPORT] },
        cachePaths: CACHE_PATHS,
      },
      statements: assume("AssumeIntegTestRole", [integTestRoleArn(ctx, "dev")]),
    }),
    codebuild(planProdStep(ctx)),
    {
      kind: "approval",
      stage: "Approval",
      customData: approvalCustomData(ctx.artifactBucket),
      externalEntityLink: planConsoleUrl(config, ctx.artifactBucket),
    },
    codebuild(stageStep(ctx, "prod", "apply-plan")),
  ];
}

/**
 * One Glue stack, through the stage's deploy access: `deploy` (DeployDev: cdktf deploy) or `apply-plan`
 * (DeployProd: applies the plan PlanProd saved; plan-prod-step.ts).
 */
function stageStep(ctx: PipelineStagesContext, stage: StageName, verb: "deploy" | "apply-plan"): CodeBuildStepSpec {
  const { config } = ctx;
  const access = ctx.access[stage];
  const stackName = glueStackName(stage);
  const terraform = terraformEnvironment(ctx);
  const partition = partitionOf(config.pipelineAccount.awsRegion);
  // In profile mode, cdktf (provider and state) runs as the deploy role; the role holds the rights.
  const asProfile = access.mode === "profile" ? `AWS_PROFILE=${access.profile} ` : "";
  const deployRights =
    access.mode === "direct"
      ? statementsOf(glueStageRows(stage, access.account, access.roleBoundaryArn), "write")
      : assume("AssumeDeployRole", [access.roleArn!]);
  const statements = [
    ...deployRights,
    ...(access.mode === "profile" ? [] : stateStatements(config.backend, stackName, partition)),
    ...terraform.statements,
  ];
  const titled = stage.charAt(0).toUpperCase() + stage.slice(1);
  const stackDir = `cdktf.out/stacks/${stackName}`;
  const common = {
    computeType: COMPUTE_TYPES.small,
    timeoutMinutes: 60,
    input: ARTIFACTS.build,
    statements,
    assumesDeployRoleOf: access.mode === "direct" ? [] : [stage],
  };
  const buildSpecBase = {
    runtimes: RUNTIMES,
    variables: terraform.variables,
    secrets: terraform.secrets,
    // Only cdktf deploy needs node modules; DeployProd runs Terraform on Build's synthesized JSON.
    install: [...installTerraform(), ...(verb === "deploy" ? [NPM_CI] : []), ...(access.mode === "profile" ? writeProfiles([profileOf(access)]) : [])],
    cachePaths: CACHE_PATHS,
  };
  if (verb === "deploy") {
    return {
      ...common,
      id: `deploy-${stage}`,
      stage: `Deploy${titled}`,
      description: `applies ${stackName} as Build synthesized it`,
      buildSpec: { ...buildSpecBase, build: [`${asProfile}npx cdktf deploy ${stackName} --auto-approve --skip-synth`] },
    };
  }
  // The plan was made with the plan role in the variable, which a saved plan does not keep: name the deploy role.
  const asDeployer = access.mode === "provider" ? `${asProfile}TF_VAR_${DEPLOY_ROLE_VARIABLE}=${access.roleArn} ` : asProfile;
  return {
    ...common,
    id: `deploy-${stage}`,
    stage: `Deploy${titled}`,
    description: `applies the plan of ${stackName} that the approver read`,
    readsPrefixes: [PLAN_PREFIX],
    needsExecutionId: true,
    buildSpec: { ...buildSpecBase, build: applySavedPlan(stackDir, planUri(ctx.artifactBucket), asDeployer) },
  };
}

/** What every Terraform-running step gets: quiet, non-interactive Terraform, and the HCP token if any. */
function terraformEnvironment(ctx: PipelineStagesContext) {
  const { backend, pipeline, pipelineAccount } = ctx.config;
  return {
    variables: TERRAFORM_VARIABLES,
    secrets: backend.type === "cloud" ? { [terraformTokenVariable(backend.hostname)]: pipeline.terraformTokenSecret } : {},
    statements: tokenStatements(backend, pipeline.terraformTokenSecret, pipelineAccount),
  };
}

function profileOf(access: DeployAccess) {
  return { name: access.profile, roleArn: access.roleArn!, region: access.account.awsRegion };
}

function integTestRoleArn(ctx: PipelineStagesContext, stage: StageName): string {
  const { awsAccountId, awsRegion } = ctx.config.stages[stage].account;
  return `arn:${partitionOf(awsRegion)}:iam::${awsAccountId}:role/${integTestRoleName(stage)}`;
}

function assume(sid: string, roleArns: readonly string[]): PolicyStatement[] {
  return roleArns.length === 0 ? [] : [{ Sid: sid, Effect: "Allow", Action: "sts:AssumeRole", Resource: [...roleArns] }];
}
