/**
 * The AWS provider of a stage's account inside the pipeline stack, used only to create what the pipeline
 * keeps there: the stage's deploy role, plan role and role boundary. It reads its credentials from the profile `glue-<stage>`: on a laptop the person's own
 * profile for that account, in UpdatePipeline one that assumes the deploy role.
 */
import { type AwsProvider, Construct } from "../cdktf";
import { addAwsAccountProvider } from "../aws-account-provider";
import type { StageName } from "../constants/glue";
import type { DeployAccess } from "./deploy-access";

/**
 * One provider per stage account other than the pipeline's that this stack reaches: those where it
 * creates the deploy role (a stage with its own deployRoleArn elsewhere is the user's to equip).
 */
export function stageAccountProviders(scope: Construct, access: readonly DeployAccess[], tags: Record<string, string>): Partial<Record<StageName, AwsProvider>> {
  const providers: Partial<Record<StageName, AwsProvider>> = {};
  for (const stage of access) {
    if (stage.crossAccount && stage.createRole) providers[stage.stage] = addStageAccountProvider(scope, stage, tags);
  }
  return providers;
}

export function addStageAccountProvider(scope: Construct, access: DeployAccess, tags: Record<string, string>): AwsProvider {
  const provider = addAwsAccountProvider(new Construct(scope, `${access.stage}-account`), { account: access.account, tags });
  provider.alias = access.stage;
  provider.profile = access.profile;
  return provider;
}
