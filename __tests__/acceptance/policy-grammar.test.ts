import { policyCharacters } from "../../stacks/acceptance/rules/policy-characters";
import { policyJson } from "../../stacks/acceptance/rules/policy-json";
import { policyPrincipal } from "../../stacks/acceptance/rules/policy-principal";
import { policyReferences } from "../../stacks/acceptance/rules/policy-references";
import { policySidCharacters } from "../../stacks/acceptance/rules/policy-sid-characters";
import { policySidUnique } from "../../stacks/acceptance/rules/policy-sid-unique";
import { policyStatementElements } from "../../stacks/acceptance/rules/policy-statement-elements";
import { allow, policy, roleWithPolicy, runOne } from "./fixtures";

const trustOf = (...statements: Record<string, unknown>[]) => ({ aws_iam_role: { r: { name: "r", assume_role_policy: policy(...statements) } } });

describe("policy-sid-unique", () => {
  test("refuses two statements with one Sid, naming the resource, the Sid and the fix", () => {
    const findings = runOne(policySidUnique, roleWithPolicy("deploy-dev", policy(allow({ Sid: "ArtifactBucket" }), allow({ Sid: "ArtifactBucket" }), allow({ Sid: "Other" }))));
    expect(findings).toEqual([
      {
        rule: "policy-sid-unique",
        stack: "app",
        address: "aws_iam_role_policy.deploy-dev_policy",
        message: 'policy: Sid "ArtifactBucket" is used by 2 statements',
        fix: "give each statement of the policy its own Sid",
      },
    ]);
  });

  test("accepts distinct Sids and statements without one", () => {
    expect(runOne(policySidUnique, roleWithPolicy("a", policy(allow({ Sid: "One" }), allow({ Sid: "Two" }), allow(), allow())))).toEqual([]);
  });
});

describe("policy-sid-characters", () => {
  test("refuses a Sid with other than ASCII letters and digits in an IAM policy", () => {
    const findings = runOne(policySidCharacters, roleWithPolicy("a", policy(allow({ Sid: "read-artifacts" }), allow({ Sid: "Lesen_Ä" }))));
    expect(findings.map((f) => f.message)).toEqual(['policy: Sid "read-artifacts" is not alphanumeric', 'policy: Sid "Lesen_Ä" is not alphanumeric']);
  });

  test("accepts alphanumeric Sids, and leaves S3's wider Sid syntax alone", () => {
    expect(runOne(policySidCharacters, roleWithPolicy("a", policy(allow({ Sid: "ReadArtifacts2" }))))).toEqual([]);
    const bucketPolicy = { aws_s3_bucket_policy: { p: { bucket: "b", policy: policy(allow({ Sid: "Deny insecure transport", Principal: "*" })) } } };
    expect(runOne(policySidCharacters, bucketPolicy)).toEqual([]);
  });
});

describe("policy-principal", () => {
  test("refuses a Principal in an identity policy and a missing one in a resource policy", () => {
    const identity = runOne(policyPrincipal, roleWithPolicy("a", policy(allow({ Sid: "X", Principal: "*" }))));
    expect(identity).toEqual([expect.objectContaining({ address: "aws_iam_role_policy.a_policy", message: 'policy statement "X" names a Principal in a inline policy' })]);
    const managed = runOne(policyPrincipal, { aws_iam_policy: { m: { name: "m", policy: policy(allow({ NotPrincipal: { AWS: "x" } })) } } });
    expect(managed.map((f) => f.message)).toEqual(["policy statement 0 names a Principal in a managed policy"]);
    const trust = runOne(policyPrincipal, trustOf({ Effect: "Allow", Action: "sts:AssumeRole" }));
    expect(trust.map((f) => f.message)).toEqual(["assume_role_policy statement 0 names no Principal in a trust policy"]);
    const key = runOne(policyPrincipal, { aws_kms_key: { k: { policy: policy(allow({ Action: "kms:*" })) } } });
    expect(key.map((f) => f.message)).toEqual(["policy statement 0 names no Principal in a key policy"]);
  });

  test("accepts identity policies without and resource policies with a Principal", () => {
    expect(runOne(policyPrincipal, roleWithPolicy("a", policy(allow())))).toEqual([]);
    const topic = { aws_sns_topic_policy: { t: { arn: "x", policy: policy(allow({ Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish" })) } } };
    expect(runOne(policyPrincipal, topic)).toEqual([]);
  });
});

describe("policy-statement-elements", () => {
  test("refuses a statement without Effect, with both Action and NotAction, or without Resource", () => {
    const findings = runOne(
      policyStatementElements,
      roleWithPolicy("a", policy({ Sid: "A", Action: "s3:GetObject", Resource: "*" }, { Sid: "B", Effect: "Allow", Action: "s3:GetObject", NotAction: "s3:PutObject", Resource: "*" }, { Sid: "C", Effect: "Allow", Action: "s3:GetObject" })),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'policy statement "A" has Effect undefined, not Allow or Deny',
      'policy statement "B" needs exactly one of Action and NotAction',
      'policy statement "C" needs exactly one of Resource and NotResource',
    ]);
  });

  test("accepts complete statements, and trust statements without Resource", () => {
    expect(runOne(policyStatementElements, roleWithPolicy("a", policy(allow(), { Effect: "Deny", NotAction: "s3:*", NotResource: "arn:aws:s3:::b" })))).toEqual([]);
  });
});

describe("policy-json", () => {
  test("refuses a policy that is not a JSON document, has an unknown Version or no statement", () => {
    expect(runOne(policyJson, roleWithPolicy("a", "${data.aws_iam_policy_document.x.json}")).map((f) => f.message)).toEqual([
      "policy is not a JSON policy document that the acceptance rules can read",
    ]);
    expect(runOne(policyJson, roleWithPolicy("a", JSON.stringify({ Version: "2012-10-18", Statement: [] }))).map((f) => f.message)).toEqual([
      'policy has Version "2012-10-18"',
      "policy has no statement",
    ]);
  });

  test("accepts a document with one statement object or a list", () => {
    expect(runOne(policyJson, roleWithPolicy("a", JSON.stringify({ Version: "2012-10-17", Statement: allow() })))).toEqual([]);
  });
});

describe("policy-characters", () => {
  test("refuses characters beyond Latin-1 in an IAM or KMS policy", () => {
    const findings = runOne(policyCharacters, roleWithPolicy("a", policy(allow({ Resource: "arn:aws:s3:::b/データ/*" }))));
    expect(findings.map((f) => f.message)).toEqual(['policy holds U+30C7 ("デ"), which IAM refuses']);
    const key = runOne(policyCharacters, { aws_kms_key: { k: { policy: policy(allow({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalTag/team": "€uro" } } })) } } });
    expect(key.map((f) => f.message)).toEqual(['policy holds U+20AC ("€"), which KMS refuses']);
  });

  test("accepts Latin-1 text", () => {
    expect(runOne(policyCharacters, roleWithPolicy("a", policy(allow({ Resource: "arn:aws:s3:::b/données/*" }))))).toEqual([]);
  });
});

describe("policy-references", () => {
  test("refuses a reference whose length is not known: another stack's resource, or an unknown attribute", () => {
    const resources = {
      ...roleWithPolicy("a", policy(allow({ Resource: ["${aws_kms_key.missing.arn}", "${aws_kms_key.k.rotation_period_in_days}"] }))),
      aws_kms_key: { k: { policy: policy(allow({ Principal: "*" })) } },
    };
    expect(runOne(policyReferences, resources).map((f) => f.message)).toEqual([
      "policy references ${aws_kms_key.missing.arn}, whose length is not known",
      "policy references ${aws_kms_key.k.rotation_period_in_days}, whose length is not known",
    ]);
  });

  test("accepts references with stand-ins, and Terraform's escaped $${...}", () => {
    const resources = {
      ...roleWithPolicy("a", policy(allow({ Resource: ["${aws_kms_key.k.arn}", "arn:aws:s3:::b/$${aws:username}/*"] }))),
      aws_kms_key: { k: { policy: policy(allow({ Principal: "*" })) } },
    };
    expect(runOne(policyReferences, resources)).toEqual([]);
  });
});
