/** Synthesizes one Glue stage stack from a config file, as JSON (for matchers) and parsed (for deep checks). */
import { Testing } from "../../stacks/cdktf";
import { loadConfig } from "../../stacks/config";
import type { StageName } from "../../stacks/constants/glue";
import { GlueAppStack } from "../../stacks/glue-app-stack";

export function synthGlueStack(configFile: string, stage: StageName = "dev") {
  const config = loadConfig(configFile);
  const app = Testing.app();
  const stack = new GlueAppStack(app, config.stages[stage].stackName, { config, stage: config.stages[stage] });
  const synthesized = Testing.synth(stack);
  return { config, stack, synthesized, json: JSON.parse(synthesized) as Record<string, any> };
}

/** Every resource of a type, by its logical ID. */
export function resourcesOf(json: Record<string, any>, type: string): Record<string, any> {
  return json.resource?.[type] ?? {};
}
