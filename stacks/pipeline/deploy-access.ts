/**
 * How the pipeline reaches each stage's account, decided once from the config:
 *
 * | config                                         | mode       | the pipeline...                                        |
 * |------------------------------------------------|------------|--------------------------------------------------------|
 * | stage in the pipeline account, no deployRoleArn| `direct`   | gives the stage's deploy rights to its CodeBuild roles |
 * | `stages.<stage>.deployRoleArn` set             | `provider` | lets its CodeBuild roles assume that role, which the   |
 * |                                                |            | stage's AWS provider assumes                           |
 * | stage in another account, no deployRoleArn     | `profile`  | runs cdktf under the profile `glue-<stage>`, which     |
 * |                                                |            | assumes `glue-deploy-<stage>`                          |
 *
 * The pipeline stack creates the deploy role itself when its name is `glue-deploy-<stage>` in the stage's
 * account (always in `profile` mode); any other `deployRoleArn` is brought by the user, who must let the
 * pipeline's CodeBuild roles assume it.
 */
import type { AppConfig, AwsAccount } from "../config";
import { STAGE_NAMES, StageName } from "../constants/glue";
import { partitionOf } from "../constants/aws-regions";
import { accountProfileName, deployRoleName } from "../names";

export type DeployMode = "direct" | "provider" | "profile";

export interface DeployAccess {
  readonly stage: StageName;
  readonly account: AwsAccount;
  readonly mode: DeployMode;
  /** The role deploys go through; none in `direct` mode. */
  readonly roleArn?: string;
  /** Whether the pipeline stack creates that role. */
  readonly createRole: boolean;
  /** The stage lives in another account than the pipeline. */
  readonly crossAccount: boolean;
  /** The profile cdktf runs under (`profile` mode), also the profile of a cross-account provider here. */
  readonly profile: string;
  /** The boundary every role of the stage must carry, if the config keeps it on. */
  readonly roleBoundaryArn?: string;
}

export function deployAccessOf(config: AppConfig, stage: StageName): DeployAccess {
  const { account, deployRoleArn, roleBoundaryArn } = config.stages[stage];
  const crossAccount = account.awsAccountId !== config.pipelineAccount.awsAccountId;
  const ownRoleArn = `arn:${partitionOf(account.awsRegion)}:iam::${account.awsAccountId}:role/${deployRoleName(stage)}`;
  const base = { stage, account, crossAccount, profile: accountProfileName(stage), roleBoundaryArn };
  // The config guarantees the role is in the stage's account (see config/check-accounts.ts).
  if (deployRoleArn) {
    return { ...base, mode: "provider", roleArn: deployRoleArn, createRole: deployRoleArn === ownRoleArn };
  }
  if (!crossAccount) return { ...base, mode: "direct", createRole: false };
  return { ...base, mode: "profile", roleArn: ownRoleArn, createRole: true };
}

/** Every stage's deploy access. */
export function deployAccessByStage(config: AppConfig): Record<StageName, DeployAccess> {
  return Object.fromEntries(STAGE_NAMES.map((stage) => [stage, deployAccessOf(config, stage)])) as Record<StageName, DeployAccess>;
}
