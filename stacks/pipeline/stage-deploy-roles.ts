/**
 * The deploy roles this stack creates, one per stage whose access needs one (see deploy-access.ts): in
 * the stage's own account through the provider pinned to it, trusting the steps that assume it. Also each
 * reachable stage's role boundary, which caps the roles those deploys create.
 */
import { Construct, type TerraformProvider } from "../cdktf";
import type { BackendConfig } from "../config";
import type { StageName } from "../constants/glue";
import { partitionOf } from "../constants/aws-regions";
import type { PolicyStatement } from "../iam/policy-document";
import { glueStackName } from "../names";
import type { CodeBuildStep } from "./codebuild-step";
import type { DeployAccess } from "./deploy-access";
import { DeployRole } from "./deploy-role";
import { RoleBoundary } from "./role-boundary";
import { planRoleName, roleArnIn } from "./plan-access";
import { glueStageRows, IAM_ROLE_READ } from "./permissions/glue-stage";
import { statementsOf } from "./permissions/permission-table";
import { stateStatements } from "./permissions/terraform-state";

export interface StageDeployRolesProps {
  readonly access: readonly DeployAccess[];
  /** The pipeline's CodeBuild steps: a role trusts those that assume it. */
  readonly steps: readonly CodeBuildStep[];
  readonly pipelineAccountId: string;
  readonly backend: BackendConfig;
  /** Providers of the stage accounts other than the pipeline's that this stack reaches (stage-account-provider.ts). */
  readonly providers: Partial<Record<StageName, TerraformProvider>>;
}

export class StageDeployRoles extends Construct {
  readonly roles: DeployRole[] = [];
  readonly boundaries: RoleBoundary[] = [];

  constructor(scope: Construct, id: string, props: StageDeployRolesProps) {
    super(scope, id);
    for (const access of props.access) {
      // This stack reaches a stage's account when it is its own, or through the deploy role it creates there.
      const reachable = !access.crossAccount || access.createRole;
      if (!reachable) continue;
      const provider = access.crossAccount ? props.providers[access.stage] : undefined;
      if (access.roleBoundaryArn) {
        this.boundaries.push(new RoleBoundary(this, `${access.stage}-boundary`, { stage: access.stage, account: access.account, provider }));
      }
      if (!access.createRole) continue;
      const partition = partitionOf(access.account.awsRegion);
      const stateStatementsOfStage =
        // In profile mode Terraform reaches the stage's state as this role too.
        access.mode === "profile" ? stateStatements(props.backend, glueStackName(access.stage), partition) : [];
      const pipelineStackReads: PolicyStatement[] =
        access.roleBoundaryArn && access.crossAccount
          ? [
              {
                // Refreshing the pipeline stack reads the boundary through this role; only a laptop deploy changes it.
                Sid: "ReadRoleBoundary",
                Effect: "Allow",
                Action: ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions", "iam:ListPolicyTags"],
                Resource: access.roleBoundaryArn,
              },
            ]
          : [];
      if (access.crossAccount) {
        // The stage's plan role, which the pipeline stack also keeps in this account: read, never changed here.
        pipelineStackReads.push({ Sid: "ReadPlanRole", Effect: "Allow", Action: IAM_ROLE_READ, Resource: roleArnIn(access.account, planRoleName(access.stage)) });
      }
      this.roles.push(
        new DeployRole(this, access.stage, {
          roleName: access.roleArn!.split("/").pop()!,
          partition,
          accountId: access.account.awsAccountId,
          pipelineAccountId: props.pipelineAccountId,
          trustedRoleArns: props.steps.filter((s) => s.spec.assumesDeployRoleOf?.includes(access.stage)).map((s) => s.roleArnText),
          statements: [
            ...statementsOf(glueStageRows(access.stage, access.account, access.roleBoundaryArn), "write"),
            ...stateStatementsOfStage,
            ...pipelineStackReads,
          ],
          provider,
        }),
      );
    }
  }
}
