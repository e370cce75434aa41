/**
 * One read-only plan role: it may read what a plan refreshes and nothing else (no write action, no state
 * lock), and it trusts only the principals named. The statements are given; `plan-roles.ts` makes them.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { accountRolesTrust, PolicyStatement, policyDocument } from "../iam/policy-document";
import { SUPPRESSIONS, suppressCheckov } from "../security/checkov-suppressions";

export interface PlanRoleProps {
  readonly roleName: string;
  readonly partition: string;
  /** The account the role lives in. */
  readonly accountId: string;
  readonly pipelineAccountId: string;
  /** Roles of the pipeline account that may assume this one. */
  readonly trustedRoleArns: readonly string[];
  /** What planning its stacks reads. */
  readonly statements: readonly PolicyStatement[];
  readonly description: string;
  /** The provider of the role's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class PlanRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: PlanRoleProps) {
    super(scope, id);
    if (props.trustedRoleArns.length === 0) {
      throw new Error(`PlanRole ${props.roleName}: trustedRoleArns is empty; nothing would plan through the role`);
    }
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name: props.roleName,
      description: props.description,
      maxSessionDuration: 3600,
      assumeRolePolicy: accountRolesTrust(props.partition, props.pipelineAccountId, props.trustedRoleArns),
    });
    suppressCheckov(this.role, SUPPRESSIONS.trustAccountNarrowedByCondition);
    this.policy = new IamRolePolicy(this, "policy", {
      provider: props.provider,
      role: this.role.name,
      name: "read-only-plan",
      policy: policyDocument(...props.statements),
    });
  }
}
