/**
 * `glue-deploy-<stage>`: the role the pipeline deploys a stage through, in the stage's account. It trusts
 * only the named CodeBuild roles of the pipeline account, may manage only that stage's resources, and may
 * read but not change its own definition (changing it takes a deploy of `pipeline` from a laptop).
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { accountRolesTrust, PolicyStatement, policyDocument } from "../iam/policy-document";
import { SUPPRESSIONS, suppressCheckov } from "../security/checkov-suppressions";
import { IAM_ROLE_READ } from "./permissions/glue-stage";

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

export class DeployRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    if (props.trustedRoleArns.length === 0) {
      throw new Error(`DeployRole ${props.roleName}: trustedRoleArns is empty; no pipeline step would use the role`);
    }
    const selfArn = `arn:${props.partition}:iam::${props.accountId}:role/${props.roleName}`;
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name: props.roleName,
      description: "Deploys this stage's Glue stack for the pipeline; assumed only by the pipeline's CodeBuild roles",
      maxSessionDuration: 3600,
      assumeRolePolicy: accountRolesTrust(props.partition, props.pipelineAccountId, props.trustedRoleArns),
    });
    suppressCheckov(this.role, SUPPRESSIONS.trustAccountNarrowedByCondition);
    new IamRolePolicy(this, "policy", {
      provider: props.provider,
      role: this.role.name,
      name: "deploy-stage",
      policy: policyDocument(
        ...props.statements,
        // Refreshing the pipeline stack reads this role; it must not be able to widen itself.
        { Sid: "ReadOwnDefinition", Effect: "Allow", Action: IAM_ROLE_READ, Resource: selfArn },
        {
          Sid: "NeverChangeItself",
          Effect: "Deny",
          Action: ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DeleteRole"],
          Resource: selfArn,
        },
      ),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
