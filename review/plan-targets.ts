/** What `npm run diff` and `npm run drift` both start from: the stacks named, Terraform, the config and cdktf.out. */
import { join, resolve } from "node:path";
import { type AppConfig, configFileFromContext, InputError, loadConfig, PROJECT_DIR } from "../stacks/config";
import { stackNames } from "../stacks/pipeline/plan-access";
import { terraformOnPath } from "./terraform-plan";

/** The stacks named (every stack when none is), in deploy order, and Terraform from PATH; bad input is an InputError. */
export function stacksAndTerraform(command: string, positionals: readonly string[], env: NodeJS.ProcessEnv): { stacks: string[]; terraform: string } {
  const known = stackNames();
  const unknown = positionals.filter((stack) => !known.includes(stack));
  if (unknown.length > 0) throw new InputError(`unknown stack ${unknown.map((s) => `"${s}"`).join(", ")}; the stacks are ${known.join(", ")}`);
  const terraform = terraformOnPath(env.PATH);
  if (!terraform) throw new InputError(`terraform is not on PATH: npm run ${command} plans with Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)`);
  return { stacks: positionals.length > 0 ? known.filter((s) => positionals.includes(s)) : known, terraform };
}

/** The config file (--config, the cdktf context's config, GLUE_CONFIG, default-config.yaml), loaded, and cdktf.out. */
export function planConfig(configOption: string | undefined, env: NodeJS.ProcessEnv): { configFile: string; config: AppConfig; outDir: string } {
  const configFile = resolve(configOption ?? configFileFromContext(env) ?? env.GLUE_CONFIG ?? join(PROJECT_DIR, "default-config.yaml"));
  return { configFile, config: loadConfig(configFile), outDir: resolve(env.CDKTF_OUTDIR ?? join(PROJECT_DIR, "cdktf.out")) };
}
