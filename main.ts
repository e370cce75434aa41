/** Builds the app from the config: the pipeline stack and one GlueAppStack per stage (see stacks/app-stacks.ts). */
import { App } from "./stacks/cdktf";
import * as fs from "fs";
import * as path from "path";
import { refuseWhatAwsWouldRefuse } from "./stacks/acceptance/refuse-at-synth";
import { addAppStacks } from "./stacks/app-stacks";
import { configFileFromContext, InputError, loadConfig } from "./stacks/config";

/** Shows the stack trace of an unexpected error; bad input never has one. */
const DEBUG_VARIABLE = "GLUE_CDKTF_DEBUG";

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

function synth(): void {
  const config = loadConfig(configFileFromContext());
  const hasTerraform = terraformOnPath();
  if (!hasTerraform) {
    console.error("note: terraform is not on PATH; skipping cdktf's terraform-version checks (deploy and diff need terraform >= 1.10)");
  }
  // cdktf's own `terraform version` check must not try to reach HashiCorp's version service.
  process.env.CHECKPOINT_DISABLE ??= "1";
  // Stack traces in construct metadata cost a source-mapped trace per construct and are never synthesized.
  const app = new App({ skipValidation: !hasTerraform, stackTraces: false });
  addAppStacks(app, config);
  refuseWhatAwsWouldRefuse(app);
  app.synth();
}

/** The one handler: any failure is a message and exit code 1, and leaves no output directory behind. */
function main(): number {
  const outdir = process.env.CDKTF_OUTDIR ?? "cdktf.out";
  const outdirExisted = fs.existsSync(outdir);
  try {
    synth();
    return 0;
  } catch (error) {
    if (!outdirExisted) fs.rmSync(outdir, { recursive: true, force: true });
    if (error instanceof InputError) {
      console.error(error.message);
    } else {
      const detail = process.env[DEBUG_VARIABLE] ? `\n${(error as Error)?.stack}` : ` (set ${DEBUG_VARIABLE}=1 to see where)`;
      console.error(`error: synth failed: ${(error as Error)?.message ?? String(error)}${detail}`);
    }
    return 1;
  }
}

process.exitCode = main();
