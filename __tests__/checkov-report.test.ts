import { classifyFindings, stackOfFile } from "../scan/checkov-report";

const check = (id: string, resource: string, stack: string) => ({
  check_id: id,
  check_name: `check ${id}`,
  resource,
  file_path: `/cdktf.out/stacks/${stack}/cdk.tf.json`,
});

const stacks = {
  "dev-glue": {
    resource: {
      aws_s3_bucket: {
        bucket_1: {
          "//": {
            metadata: { path: "dev-glue/bucket/bucket" },
            checkov_suppressions: [{ id: "CKV_AWS_18", reason: "audited by CloudTrail" }],
          },
        },
      },
      aws_iam_role: { role_2: { "//": { metadata: { path: "dev-glue/job/role" } } } },
    },
  },
  pipeline: { resource: {} },
};

describe("classifyFindings", () => {
  const [dev, pipeline] = classifyFindings(
    {
      results: {
        passed_checks: [check("CKV_AWS_1", "aws_s3_bucket.bucket_1", "dev-glue"), check("CKV_AWS_2", "x.y", "pipeline")],
        failed_checks: [
          check("CKV_AWS_18", "aws_s3_bucket.bucket_1", "dev-glue"),
          check("CKV_AWS_144", "aws_s3_bucket.bucket_1", "dev-glue"),
          check("CKV_AWS_61", "resource.role_2", "dev-glue"),
        ],
      },
    },
    stacks,
  );

  test("counts passed checks per stack", () => {
    expect(dev.passed).toBe(1);
    expect(pipeline.passed).toBe(1);
  });

  test("a finding is suppressed only where the resource carries that check's mark and reason", () => {
    expect(dev.suppressed).toEqual([
      { checkId: "CKV_AWS_18", checkName: "check CKV_AWS_18", resourcePath: "dev-glue/bucket/bucket", reason: "audited by CloudTrail" },
    ]);
    expect(dev.failed.map((f) => [f.checkId, f.resourcePath])).toEqual([
      ["CKV_AWS_144", "dev-glue/bucket/bucket"],
      ["CKV_AWS_61", "dev-glue/job/role"],
    ]);
    expect(pipeline.failed).toEqual([]);
  });

  test("reads the stack name from checkov's file path", () => {
    expect(stackOfFile("/cdktf.out/stacks/prod-glue/cdk.tf.json")).toBe("prod-glue");
    expect(stackOfFile("/elsewhere/main.tf.json")).toBeUndefined();
  });
});
