/** The role EventBridge starts a CodeBuild project with: it may start that project and nothing else. */
import { type Construct, IamRole, IamRolePolicy } from "../cdktf";
import { policyDocument, servicePrincipalTrust } from "../iam/policy-document";
import type { CodeBuildStep } from "./codebuild-step";

export interface BuildStartRoleProps {
  readonly step: CodeBuildStep;
  /** Why EventBridge starts it, for the role's description, e.g. "on its schedule". */
  readonly when: string;
  /** The inline policy's name. */
  readonly policyName: string;
  readonly accountId: string;
}

/** Adds `start-role` and `start-policy` to `scope`: the role `<project>-start`. */
export function buildStartRole(scope: Construct, props: BuildStartRoleProps): IamRole {
  const { step } = props;
  const role = new IamRole(scope, "start-role", {
    name: `${step.projectName}-start`,
    description: `Lets EventBridge start ${step.projectName} ${props.when}`,
    assumeRolePolicy: servicePrincipalTrust("events.amazonaws.com", props.accountId),
  });
  new IamRolePolicy(scope, "start-policy", {
    role: role.name,
    name: props.policyName,
    policy: policyDocument({ Effect: "Allow", Action: "codebuild:StartBuild", Resource: step.project.arn }),
  });
  return role;
}
