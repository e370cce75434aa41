/**
 * `glue-deploy-<stage>`: the role the pipeline deploys a stage through, in the stage's account. It trusts
 * only the named CodeBuild roles of the pipeline account, may manage only that stage's resources, and may
 * read but not change its own definition (changing it takes a deploy of `pipeline` from a laptop).
 */
import { Construct, type TerraformProvider } from "../cdktf";
import type { PolicyStatement } from "../iam/policy-document";
import { IAM_ROLE_READ } from "./permissions/glue-stage";
import { PipelineTrustedRole } from "./pipeline-trusted-role";

export interface DeployRoleProps {
  readonly roleName: string;
  readonly partition: string;
  /** The stage's account, where the role lives. */
  readonly accountId: string;
  readonly pipelineAccountId: string;
  /** CodeBuild roles (in the pipeline account) that may assume this role. */
  readonly trustedRoleArns: readonly string[];
  /** What deploying the stage needs. */
  readonly statements: readonly PolicyStatement[];
  /** The provider of the stage's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class DeployRole extends PipelineTrustedRole {
  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    const selfArn = `arn:${props.partition}:iam::${props.accountId}:role/${props.roleName}`;
    const statements: PolicyStatement[] = [
      ...props.statements,
      // Refreshing the pipeline stack reads this role; it must not be able to widen itself.
      { Sid: "ReadOwnDefinition", Effect: "Allow", Action: IAM_ROLE_READ, Resource: selfArn },
      {
        Sid: "NeverChangeItself",
        Effect: "Deny",
        Action: ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRole"],
        Resource: selfArn,
      },
    ];
    super(
      scope,
      id,
      {
        ...props,
        statements,
        policyName: "deploy-stage",
        description: "Deploys this stage's Glue stack for the pipeline; assumed only by the pipeline's CodeBuild roles",
      },
      "no pipeline step would use the role",
    );
  }
}
