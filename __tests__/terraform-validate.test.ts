/**
 * `terraform validate` on each synthesized stack. It needs a terraform binary and the AWS provider from
 * the Terraform registry, so it runs where GLUE_CDKTF_TERRAFORM_VALIDATE=1 says both are reachable
 * (the pipeline's Build stage). Elsewhere it is skipped, and says why.
 */
import { Testing } from "cdktf";
import { loadConfig } from "../stacks/config";
import { GlueAppStack } from "../stacks/glue-app-stack";
import { baseConfig, writeTempProject } from "./helpers/temp-project";

const enabled = process.env.GLUE_CDKTF_TERRAFORM_VALIDATE === "1";
if (!enabled) {
  console.log(
    "terraform validate skipped: set GLUE_CDKTF_TERRAFORM_VALIDATE=1 where terraform and the Terraform registry are reachable",
  );
}

describe("terraform validate", () => {
  const config = loadConfig(writeTempProject(baseConfig()));

  (enabled ? test : test.skip).each(["dev", "prod"] as const)("%s-glue is valid Terraform", (stage) => {
    const stack = new GlueAppStack(Testing.app(), `${stage}-glue`, { config, stage: config.stages[stage] });
    expect(Testing.fullSynth(stack)).toBeValidTerraform();
  });
});
