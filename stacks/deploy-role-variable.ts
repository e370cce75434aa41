/**
 * The role a Glue stack's providers assume when the config names a `deployRoleArn`, as an ephemeral
 * Terraform variable whose default is that role. Deploys use the default. A read-only plan sets it to the
 * stage's plan role (`TF_VAR_deploy_role_arn`). Ephemeral, so a saved plan does not keep it: DeployProd
 * applies PlanProd's plan with the deploy role again (Terraform requires it to be set anew).
 */
import { type Construct, TerraformVariable } from "./cdktf";

export const DEPLOY_ROLE_VARIABLE = "deploy_role_arn";

/** `${var.deploy_role_arn}` defaulting to `deployRoleArn`, or undefined when the stage names no role. */
export function deployRoleReference(scope: Construct, deployRoleArn: string | undefined): string | undefined {
  if (!deployRoleArn) return undefined;
  const variable = new TerraformVariable(scope, DEPLOY_ROLE_VARIABLE, {
    type: "string",
    default: deployRoleArn,
    nullable: false,
    description: "Role the stage's AWS providers assume: the deploy role, or the stage's read-only plan role for a plan",
  });
  // TF_VAR_deploy_role_arn names it, wherever the construct sits.
  variable.overrideLogicalId(DEPLOY_ROLE_VARIABLE);
  // Terraform >= 1.10: not kept in a saved plan, so that applying it needs the deploy role named again.
  variable.addOverride("ephemeral", true);
  return variable.stringValue;
}
