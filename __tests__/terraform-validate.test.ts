/**
 * `terraform validate` on each synthesized stack. It needs a terraform binary and the AWS provider from
 * the Terraform registry, so it runs where GLUE_CDKTF_TERRAFORM_VALIDATE=1 says both are reachable
 * (the pipeline's Build stage). Elsewhere it is skipped, and says why.
 */
import { Testing, TerraformStack } from "cdktf";
import { addAppStacks } from "../stacks/app-stacks";
import { loadConfig } from "../stacks/config";
import { baseConfig, writeTempProject } from "./helpers/temp-project";
import "./helpers/cdktf-matchers";

const enabled = process.env.GLUE_CDKTF_TERRAFORM_VALIDATE === "1";
if (!enabled) {
  console.log(
    "terraform validate skipped: set GLUE_CDKTF_TERRAFORM_VALIDATE=1 where terraform and the Terraform registry are reachable",
  );
}

describe("terraform validate", () => {
  // A local backend: `terraform init` must not reach for HCP Terraform or an S3 bucket.
  const config = baseConfig();
  config.backend = { type: "local" };
  const app = Testing.app();
  addAppStacks(app, loadConfig(writeTempProject(config)));
  const stacks = app.node.findAll().filter(TerraformStack.isStack) as TerraformStack[];

  (enabled ? test : test.skip).each(stacks.map((stack) => [stack.node.id, stack] as const))("%s is valid Terraform", (_name, stack) => {
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });
});
