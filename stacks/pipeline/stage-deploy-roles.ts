/**
 * The deploy roles this stack creates, one per stage whose access needs one (see deploy-access.ts): in
 * the stage's own account through a provider pinned to it, trusting the steps that assume it. Also each
 * reachable stage's role boundary, which caps the roles those deploys create.
 */
import { Construct } from "constructs";
import type { BackendConfig } from "../config";
import { partitionOf } from "../constants/aws-regions";
import type { PolicyStatement } from "../iam/policy-document";
import { glueStackName } from "../names";
import type { CodeBuildStep } from "./codebuild-step";
import type { DeployAccess } from "./deploy-access";
import { DeployRole } from "./deploy-role";
import { RoleBoundary } from "./role-boundary";
import { glueStageRows } from "./permissions/glue-stage";
import { statementsOf } from "./permissions/permission-table";
import { stateStatements } from "./permissions/terraform-state";
import { addStageAccountProvider } from "./stage-account-provider";

export interface StageDeployRolesProps {
  readonly access: readonly DeployAccess[];
  /** The pipeline's CodeBuild steps: a role trusts those that assume it. */
  readonly steps: readonly CodeBuildStep[];
  readonly pipelineAccountId: string;
  readonly backend: BackendConfig;
  /** Tags of the providers of other accounts. */
  readonly tags: Record<string, string>;
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
      const provider = access.crossAccount ? addStageAccountProvider(scope, access, props.tags) : undefined;
      if (access.roleBoundaryArn) {
        this.boundaries.push(new RoleBoundary(this, `${access.stage}-boundary`, { stage: access.stage, account: access.account, provider }));
      }
      if (!access.createRole) continue;
      const partition = partitionOf(access.account.awsRegion);
      const stateStatementsOfStage =
        // In profile mode Terraform reaches the stage's state as this role too.
        access.mode === "profile" ? stateStatements(props.backend, glueStackName(access.stage), partition) : [];
      const boundaryRead: PolicyStatement[] =
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
            ...boundaryRead,
          ],
          provider,
        }),
      );
    }
  }
}
