/**
 * The accounts and regions a config deploys to, and the environment an administrator of a stack's
 * account works in: the person at a laptop who bootstraps the pipeline and, at the end, tears it down.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { AwsCredentials, Emulator } from "./emulator/emulator";
import type { TopologyAccount } from "./emulator/emulator-inventory";
import { awsClientEnv } from "./emulator/emulator-override";
import { terraformEnv, type TerraformTools } from "./terraform-tools";

export const STACK_ORDER = ["pipeline", "dev-glue", "prod-glue"] as const;
export type StackName = (typeof STACK_ORDER)[number];

export interface Topology {
  /** Every distinct account and region. */
  readonly accounts: TopologyAccount[];
  readonly pipeline: TopologyAccount;
  readonly stages: Readonly<Record<"dev" | "prod", TopologyAccount>>;
}

export function topologyOf(configFile: string): Topology {
  const config = parse(readFileSync(configFile, "utf8")) as Record<string, { awsAccountId: string | number; awsRegion: string }>;
  const account = (key: string): TopologyAccount => ({ accountId: String(config[key].awsAccountId).padStart(12, "0"), region: config[key].awsRegion });
  const pipeline = account("pipelineAccount");
  const stages = { dev: account("devAccount"), prod: account("prodAccount") };
  const seen = new Map<string, TopologyAccount>();
  for (const a of [pipeline, stages.dev, stages.prod]) seen.set(`${a.accountId}/${a.region}`, a);
  return { accounts: [...seen.values()], pipeline, stages };
}

/** The account a stack deploys to. */
export function homeOf(topology: Topology, stack: StackName): TopologyAccount {
  return stack === "pipeline" ? topology.pipeline : stack === "dev-glue" ? topology.stages.dev : topology.stages.prod;
}

/**
 * An administrator's environment for one stack: its account's credentials, the profiles glue-dev and
 * glue-prod that the pipeline stack's stage providers read (README: "Other accounts"), and Terraform's.
 */
export async function adminEnv(emulator: Emulator, workDir: string, tools: TerraformTools, stack: StackName, topology: Topology): Promise<Record<string, string>> {
  const home = homeOf(topology, stack);
  const admin = await emulator.adminCredentials(home.accountId);
  const profiles: Record<string, AwsCredentials> = {};
  const profileRegions: Record<string, string> = {};
  for (const stage of ["dev", "prod"] as const) {
    profiles[`glue-${stage}`] = await emulator.adminCredentials(topology.stages[stage].accountId);
    profileRegions[`glue-${stage}`] = topology.stages[stage].region;
  }
  return {
    ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", stack), region: home.region, profiles, profileRegions }),
    ...terraformEnv(tools, workDir),
  };
}
