/**
 * A role that only named roles of the pipeline account may assume (the account's root, narrowed to those
 * roles), with one inline policy of the statements given. The deploy roles and the read-only plan roles
 * are both this, with their own statements.
 */
import { Construct, IamRole, IamRolePolicy, type TerraformProvider } from "../cdktf";
import { accountRolesTrust, PolicyStatement, policyDocument } from "../iam/policy-document";
import { SUPPRESSIONS, suppressCheckov } from "../security/checkov-suppressions";

export interface PipelineTrustedRoleProps {
  readonly roleName: string;
  readonly description: string;
  readonly partition: string;
  readonly pipelineAccountId: string;
  /** Roles of the pipeline account that may assume this one; at least one. */
  readonly trustedRoleArns: readonly string[];
  /** The name of the inline policy. */
  readonly policyName: string;
  /** What the role may do. */
  readonly statements: readonly PolicyStatement[];
  /** The provider of the role's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class PipelineTrustedRole extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  /** `unusedWithoutTrust` says, in the error, what an untrusted role would leave undone. */
  constructor(scope: Construct, id: string, props: PipelineTrustedRoleProps, unusedWithoutTrust: string) {
    super(scope, id);
    if (props.trustedRoleArns.length === 0) {
      throw new Error(`${this.constructor.name} ${props.roleName}: trustedRoleArns is empty; ${unusedWithoutTrust}`);
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
      name: props.policyName,
      policy: policyDocument(...props.statements),
    });
  }

  get arn(): string {
    return this.role.arn;
  }
}
