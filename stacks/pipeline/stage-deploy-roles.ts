/**
 * The deploy roles this stack creates, one per stage whose access needs one (see deploy-access.ts): in
 * the stage's own account through a provider pinned to it, trusting the steps that assume it.
 */
import { Construct } from "constructs";
import type { BackendConfig } from "../config";
import { partitionOf } from "../constants/aws-regions";
import { glueStackName } from "../names";
import type { CodeBuildStep } from "./codebuild-step";
import type { DeployAccess } from "./deploy-access";
import { DeployRole } from "./deploy-role";
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

  constructor(scope: Construct, id: string, props: StageDeployRolesProps) {
    super(scope, id);
    for (const access of props.access.filter((a) => a.createRole)) {
      const partition = partitionOf(access.account.awsRegion);
      const stateStatementsOfStage =
        // In profile mode Terraform reaches the stage's state as this role too.
        access.mode === "profile" ? stateStatements(props.backend, glueStackName(access.stage), partition) : [];
      this.roles.push(
        new DeployRole(this, access.stage, {
          roleName: access.roleArn!.split("/").pop()!,
          partition,
          accountId: access.account.awsAccountId,
          pipelineAccountId: props.pipelineAccountId,
          trustedRoleArns: props.steps.filter((s) => s.spec.assumesDeployRoleOf?.includes(access.stage)).map((s) => s.roleArnText),
          statements: [...statementsOf(glueStageRows(access.stage, access.account), "write"), ...stateStatementsOfStage],
          provider: access.crossAccount ? addStageAccountProvider(scope, access, props.tags) : undefined,
        }),
      );
    }
  }
}
