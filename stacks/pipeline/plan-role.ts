/**
 * One read-only plan role: it may read what a plan refreshes and nothing else (no write action, no state
 * lock), and it trusts only the principals named. The statements are given; `plan-roles.ts` makes them.
 */
import { Construct, type TerraformProvider } from "../cdktf";
import type { PolicyStatement } from "../iam/policy-document";
import { PipelineTrustedRole } from "./pipeline-trusted-role";

export interface PlanRoleProps {
  readonly roleName: string;
  readonly partition: string;
  readonly pipelineAccountId: string;
  /** Roles of the pipeline account that may assume this one. */
  readonly trustedRoleArns: readonly string[];
  /** What planning its stacks reads. */
  readonly statements: readonly PolicyStatement[];
  readonly description: string;
  /** The provider of the role's account. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

export class PlanRole extends PipelineTrustedRole {
  constructor(scope: Construct, id: string, props: PlanRoleProps) {
    super(scope, id, { ...props, policyName: "read-only-plan" }, "nothing would plan through the role");
  }
}
