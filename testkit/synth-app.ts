/** Synthesizes every stack of the app from a config file, as parsed JSON by stack name. */
import { TerraformStack, Testing } from "../stacks/cdktf";
import { addAppStacks } from "../stacks/app-stacks";
import { loadConfig } from "../stacks/config";

export function synthApp(configFile: string): Record<string, Record<string, any>> {
  const app = Testing.app();
  addAppStacks(app, loadConfig(configFile));
  const stacks = app.node.findAll().filter(TerraformStack.isStack) as TerraformStack[];
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));
}

/** Every resource block of the stack as [type, logical ID, block]. */
export function allResources(json: Record<string, any>): [string, string, any][] {
  return Object.entries(json.resource ?? {}).flatMap(([type, byId]) =>
    Object.entries(byId as Record<string, any>).map(([id, block]) => [type, id, block] as [string, string, any]),
  );
}
