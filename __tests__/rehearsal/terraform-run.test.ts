import { firstErrorBlock } from "../../review/terraform-plan";
import { terraformProcessEnv } from "../../rehearsal/terraform-run";

describe("firstErrorBlock", () => {
  test("takes the first Error block of Terraform's output, without box drawing", () => {
    const output = [
      "aws_s3_bucket.b: Creating...",
      "╷",
      "│ Error: creating IAM Policy (x): MalformedPolicyDocument: Statement IDs (SID) must be unique",
      "│ ",
      "│   with aws_iam_role_policy.p,",
      "│   on cdk.tf.json line 12, in resource.aws_iam_role_policy.p:",
      "│   12:       }",
      "╵",
      "╷",
      "│ Error: second one",
      "╵",
    ].join("\n");
    expect(firstErrorBlock(output)).toBe(
      "Error: creating IAM Policy (x): MalformedPolicyDocument: Statement IDs (SID) must be unique\n\n  with aws_iam_role_policy.p,\n  on cdk.tf.json line 12, in resource.aws_iam_role_policy.p:\n  12:       }",
    );
  });

  test("is undefined when there is no error", () => {
    expect(firstErrorBlock("Apply complete! Resources: 1 added, 0 changed, 0 destroyed.")).toBeUndefined();
  });
});

describe("terraformProcessEnv", () => {
  test("drops this process's AWS_ and TF_ variables and adds the given ones", () => {
    const saved = { ...process.env };
    process.env.AWS_PROFILE = "someone-elses";
    process.env.TF_LOG = "TRACE";
    try {
      const env = terraformProcessEnv({ AWS_ACCESS_KEY_ID: "ASIA1", TF_CLI_CONFIG_FILE: "/x/cli.tfrc" });
      expect(env.AWS_PROFILE).toBeUndefined();
      expect(env.TF_LOG).toBeUndefined();
      expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: "ASIA1", TF_CLI_CONFIG_FILE: "/x/cli.tfrc", CHECKPOINT_DISABLE: "1", PATH: process.env.PATH });
    } finally {
      process.env = saved;
    }
  });
});
