import { measuredPolicies, POLICY_LIMITS } from "../../stacks/acceptance/policy-sizes";
import { standInFor } from "../../stacks/acceptance/reference-stand-ins";
import { inlinePolicySize } from "../../stacks/acceptance/rules/inline-policy-size";
import { policySize } from "../../stacks/acceptance/rules/policy-size";
import { synthesizedApp } from "../../stacks/acceptance/synthesized-app";
import { allow, policy, roleWithPolicy, runOne, stackOf } from "./fixtures";

/** A policy of exactly `size` characters (whitespace excluded), made of one statement with a long resource. */
function policyOfSize(size: number, extra: Record<string, unknown> = {}): string {
  const base = policy(allow({ ...extra, Resource: "" }));
  return policy(allow({ ...extra, Resource: "r".repeat(size - base.length) }));
}

describe("inline-policy-size", () => {
  test("adds up every inline policy of a role, also across aws_iam_role_policy and inline_policy blocks", () => {
    const resources = roleWithPolicy("a", policyOfSize(6000));
    resources.aws_iam_role.a_role = { ...resources.aws_iam_role.a_role, inline_policy: [{ name: "more", policy: policyOfSize(4241) }] } as any;
    expect(runOne(inlinePolicySize, resources)).toEqual([
      {
        rule: "inline-policy-size",
        stack: "app",
        address: "aws_iam_role.a_role",
        message: "the inline policies of this role (aws_iam_role.a_role, aws_iam_role_policy.a_policy) are 10241 characters together; IAM allows 10240",
        fix: "grant on a name prefix (e.g. job/<stage>-*) instead of listing each resource, or move statements to a managed policy",
      },
    ]);
  });

  test("accepts 10,240 characters, and does not count whitespace", () => {
    const pretty = JSON.stringify(JSON.parse(policyOfSize(10_240)), null, 4);
    expect(pretty.length).toBeGreaterThan(10_240);
    expect(runOne(inlinePolicySize, roleWithPolicy("a", pretty))).toEqual([]);
  });

  test("counts a reference at the length of what it resolves to, not of its text", () => {
    // The reference text is 20 characters; the KMS key ARN it stands for is 75 (a 36-character key ID).
    const reference = "${aws_kms_key.k.arn}";
    const app = synthesizedApp({ app: stackOf({ ...roleWithPolicy("a", policy(allow({ Resource: reference }))), aws_kms_key: { k: {} } }) });
    expect(standInFor("aws_kms_key.k.arn", app.resources[0], app)).toBe("arn:aws:kms:eu-west-1:111111111111:key/00000000-0000-0000-0000-000000000000");
    const [inline] = measuredPolicies(app).filter((m) => m.kind === "inline");
    expect(inline.size).toBe(policy(allow({ Resource: "" })).length + 75);
    // Just under the limit by its text, over it once resolved.
    const padding = 10_240 - policy(allow({ Resource: ["", reference] })).length;
    const near = policy(allow({ Resource: ["r".repeat(padding), reference] }));
    expect(near.length).toBe(10_240);
    const findings = runOne(inlinePolicySize, { ...roleWithPolicy("a", near), aws_kms_key: { k: {} } });
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`are ${10_240 - reference.length + 75} characters together`)]);
  });
});

describe("policy-size", () => {
  test("refuses a managed policy over 6,144 characters and a trust policy over 2,048", () => {
    const managed = runOne(policySize, { aws_iam_policy: { boundary: { name: "b", policy: policyOfSize(6_145) } } });
    expect(managed).toEqual([expect.objectContaining({ address: "aws_iam_policy.boundary", message: "a managed policy of 6145 characters; AWS allows 6144" })]);
    const trust = policyOfSize(2_049, { Principal: { Service: "glue.amazonaws.com" } });
    expect(runOne(policySize, { aws_iam_role: { r: { name: "r", assume_role_policy: trust } } }).map((f) => f.message)).toEqual([
      "a role trust policy of 2049 characters; AWS allows 2048",
    ]);
  });

  test("refuses an S3 bucket policy over 20 KB and a KMS key policy over 32 KB, counted in bytes", () => {
    // 10,241 two-byte characters: 20,482 bytes.
    const bucket = policy(allow({ Principal: "*", Resource: `arn:aws:s3:::b/${"é".repeat(10_241)}` }));
    expect(runOne(policySize, { aws_s3_bucket_policy: { p: { bucket: "b", policy: bucket } } }).map((f) => f.message)).toEqual([
      `an S3 bucket policy of ${Buffer.byteLength(bucket)} bytes; AWS allows 20480`,
    ]);
    const key = policyOfSize(32 * 1024 + 1, { Principal: "*" });
    expect(runOne(policySize, { aws_kms_key: { k: { policy: key } } }).map((f) => f.message)).toEqual(["a KMS key policy of 32769 bytes; AWS allows 32768"]);
  });

  test("accepts each kind at its limit", () => {
    expect(
      runOne(policySize, {
        aws_iam_policy: { m: { name: "m", policy: policyOfSize(POLICY_LIMITS.managed.limit) } },
        aws_iam_role: { r: { name: "r", assume_role_policy: policyOfSize(POLICY_LIMITS.trust.limit, { Principal: "*" }) } },
        aws_s3_bucket_policy: { p: { bucket: "b", policy: policyOfSize(POLICY_LIMITS.bucket.limit, { Principal: "*" }) } },
        aws_kms_key: { k: { policy: policyOfSize(POLICY_LIMITS.key.limit, { Principal: "*" }) } },
        aws_sns_topic_policy: { t: { arn: "t", policy: policyOfSize(POLICY_LIMITS.topic.limit, { Principal: "*" }) } },
      }),
    ).toEqual([]);
  });
});
