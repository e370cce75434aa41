/**
 * What of the project's is still in the emulator, e.g. after every stack was destroyed.
 *
 *   const left = await projectResourcesLeft(emulator, [{ accountId: "123456789012", region: "eu-west-1" }]);
 *
 * The launcher reads moto's own state in one request (moto_support/inventory.py): buckets, IAM roles
 * and customer-managed policies, Glue jobs, security configurations, workflows, triggers and databases,
 * Athena workgroups (but every account's own `primary`), KMS keys not pending deletion
 * and their aliases, log groups, CodeBuild projects and report groups, CodePipeline pipelines, SNS
 * topics, EventBridge rules and buses, and secrets not scheduled for deletion, in every region. The
 * emulator is new for each run, so whatever of these is in the topology's accounts is the run's.
 */
import { readFileSync } from "node:fs";
import { get } from "node:https";

export const INVENTORY_PATH = "/rehearsal-api/inventory";

export interface TopologyAccount {
  readonly accountId: string;
  readonly region: string;
}

export interface EmulatorResource {
  readonly service: string;
  readonly type: string;
  readonly account: string;
  /** The region, or the partition (aws) for global services */
  readonly region: string;
  readonly name: string;
}

export interface InventoryTarget {
  readonly endpoint: string;
  readonly caBundle: string;
}

export function fetchInventory(emulator: InventoryTarget): Promise<EmulatorResource[]> {
  return new Promise((resolve, reject) => {
    const request = get(`${emulator.endpoint}${INVENTORY_PATH}`, { ca: readFileSync(emulator.caBundle), timeout: 30_000 }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`the emulator's inventory answered HTTP ${response.statusCode}: ${body.slice(0, 500)}`));
        else resolve(JSON.parse(body) as EmulatorResource[]);
      });
    });
    request.on("timeout", () => request.destroy(new Error("the emulator's inventory did not answer within 30 s")));
    request.on("error", reject);
  });
}

/** Resources in the given accounts, in any region; `ignore` leaves out what the caller made itself. */
export async function projectResourcesLeft(
  emulator: InventoryTarget,
  accounts: readonly TopologyAccount[],
  ignore: (resource: EmulatorResource) => boolean = () => false,
): Promise<EmulatorResource[]> {
  const ids = new Set(accounts.map((a) => a.accountId));
  return (await fetchInventory(emulator)).filter((r) => ids.has(r.account) && !ignore(r));
}
