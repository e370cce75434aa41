/**
 * The AWS provider of a stage's account inside the pipeline stack, used only to create that stage's
 * deploy role. It reads its credentials from the profile `glue-<stage>`: on a laptop the person's own
 * profile for that account, in UpdatePipeline one that assumes the deploy role.
 */
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Construct } from "constructs";
import { addAwsAccountProvider } from "../aws-account-provider";
import type { DeployAccess } from "./deploy-access";

export function addStageAccountProvider(scope: Construct, access: DeployAccess, tags: Record<string, string>): AwsProvider {
  const provider = addAwsAccountProvider(new Construct(scope, `${access.stage}-account`), { account: access.account, tags });
  provider.alias = access.stage;
  provider.profile = access.profile;
  return provider;
}
