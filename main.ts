/** Builds the app from the config: the pipeline stack and one GlueAppStack per stage (see stacks/app-stacks.ts). */
import { App, CONTEXT_ENV } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig } from "./stacks/config";
import { addAppStacks } from "./stacks/app-stacks";

/** A `config` key in cdktf's context (CDKTF_CONTEXT_JSON) names the file; read it before App creates cdktf.out. */
function configFromContext(): string | undefined {
  const context = process.env[CONTEXT_ENV] ? JSON.parse(process.env[CONTEXT_ENV]!) : {};
  return typeof context.config === "string" ? context.config : undefined;
}

/** cdktf checks `terraform version` for the cloud block; without terraform, synth must still work. */
function terraformOnPath(): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir, "terraform"), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function main(): void {
  let config;
  try {
    config = loadConfig(configFromContext());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const hasTerraform = terraformOnPath();
  if (!hasTerraform) {
    console.error("note: terraform is not on PATH; skipping cdktf's terraform-version checks (deploy and diff need terraform >= 1.10)");
  }
  // cdktf's own `terraform version` check must not try to reach HashiCorp's version service.
  process.env.CHECKPOINT_DISABLE ??= "1";
  // Stack traces in construct metadata cost a source-mapped trace per construct and are never synthesized.
  const app = new App({ skipValidation: !hasTerraform, stackTraces: false });
  addAppStacks(app, config);
  app.synth();
}

main();
