import { TerraformStack, Testing } from "../stacks/cdktf";
import { addStateBackend } from "../stacks/state-backend";
import type { BackendConfig } from "../stacks/config";

function synthBackend(backend: BackendConfig, stackName = "dev-glue"): Record<string, any> {
  const stack = new TerraformStack(Testing.app(), stackName);
  addStateBackend(stack, backend, stackName);
  return JSON.parse(Testing.synth(stack)).terraform;
}

describe("addStateBackend", () => {
  test("cloud: one HCP Terraform workspace per stack, in the configured project", () => {
    const terraform = synthBackend({
      type: "cloud",
      organization: "acme",
      hostname: "app.terraform.io",
      project: "glue",
      workspaces: { pipeline: "glue-pipeline", "dev-glue": "glue-dev", "prod-glue": "glue-prod" },
    });
    expect(terraform.cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "glue-dev", project: "glue" },
    });
  });

  test("s3: a key per stack, encrypted, with S3-native locking", () => {
    const terraform = synthBackend(
      { type: "s3", bucket: "tf-state", region: "eu-west-1", keyPrefix: "glue", roleArn: "arn:aws:iam::111111111111:role/state" },
      "prod-glue",
    );
    expect(terraform.backend.s3).toEqual({
      bucket: "tf-state",
      key: "glue/prod-glue/terraform.tfstate",
      region: "eu-west-1",
      encrypt: true,
      use_lockfile: true,
      assume_role: { role_arn: "arn:aws:iam::111111111111:role/state" },
    });
  });

  test("local: a state file per stack under the configured directory", () => {
    const terraform = synthBackend({ type: "local", directory: "terraform-state" }, "pipeline");
    expect(terraform.backend.local.path).toMatch(/terraform-state\/pipeline\.tfstate$/);
  });
});
