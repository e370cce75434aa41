/**
 * `terraform validate` on each synthesized stack, with the real AWS provider, wherever one can be had:
 * a local mirror (found as the rehearsal finds it: GLUE_TF_PROVIDER_MIRROR, Terraform's own mirrors, or
 * a search), its pin rewritten to the mirror's version in the test's own copy only; or the Terraform
 * registry, where GLUE_CDKTF_TERRAFORM_VALIDATE=1 says it is reachable (the pipeline's Build stage), at
 * the synthesized pin. Where neither can be had, the tests are skipped, and say why.
 */
import { execFile } from "child_process";
import { App, TerraformStack } from "../stacks/cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { addAppStacks } from "../stacks/app-stacks";
import { loadConfig } from "../stacks/config";
import { terraformProcessEnv } from "../rehearsal/terraform-run";
import { findTerraformTools, rewriteProviderPin, terraformEnv, terraformOnPath, type TerraformTools } from "../rehearsal/terraform-tools";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

const REGISTRY_REACHABLE = process.env.GLUE_CDKTF_TERRAFORM_VALIDATE === "1";
const mirrored = findTerraformTools();
/** How the provider is installed: from the mirror, from the registry, or not at all (and why). */
type ProviderSource = { readonly tools: TerraformTools } | { readonly registry: true } | { readonly missing: string };
const provider: ProviderSource = !("missing" in mirrored)
  ? { tools: mirrored }
  : REGISTRY_REACHABLE && terraformOnPath()
    ? { registry: true }
    : { missing: mirrored.missing };
if ("missing" in provider) console.log(`terraform validate skipped: ${provider.missing}; set GLUE_CDKTF_TERRAFORM_VALIDATE=1 where the Terraform registry is reachable`);

function terraform(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile("terraform", args, { cwd, env: terraformProcessEnv(env), encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe("terraform validate", () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-validate-"));
  // Three accounts (the pipeline stack then has a provider per stage account), and a local backend:
  // `terraform init` must not reach for HCP Terraform or an S3 bucket.
  const config = baseConfig();
  config.backend = { type: "local" };
  const outdir = path.join(workDir, "cdktf.out");
  const app = new App({ outdir, skipValidation: true, stackTraces: false });
  addAppStacks(app, loadConfig(writeTempProject(config)));
  const stacks = (app.node.findAll().filter(TerraformStack.isStack) as TerraformStack[]).map((stack) => stack.node.id);
  if (!("missing" in provider)) app.synth();

  ("missing" in provider ? test.skip : test).each(stacks)("%s is valid Terraform with the real AWS provider", async (stack) => {
    const stackDir = path.join(outdir, "stacks", stack);
    let env: Record<string, string> = { CHECKPOINT_DISABLE: "1" };
    if ("tools" in provider) {
      rewriteProviderPin(stackDir, provider.tools.provider.version);
      env = terraformEnv(provider.tools, path.join(workDir, stack));
    }
    const init = await terraform(["init", "-backend=false", "-input=false", "-no-color"], stackDir, env);
    expect({ stack, code: init.code, output: init.code === 0 ? "" : init.output }).toEqual({ stack, code: 0, output: "" });
    const validate = await terraform(["validate", "-no-color"], stackDir, env);
    expect({ stack, code: validate.code, output: validate.code === 0 ? "" : validate.output }).toEqual({ stack, code: 0, output: "" });
  });
});
