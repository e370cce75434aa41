import { iamActionWildcards, iamActionWildcardsRule, wildcardKind } from "../../stacks/acceptance/rules/iam-action-wildcards";
import { WILDCARD_ALLOWANCES } from "../../stacks/acceptance/wildcard-allowances";
import { allow, policy, roleWithPolicy, runOne } from "./fixtures";

const stageBucket = ["arn:aws:s3:::dev-glue-123456789012-eu-west-1", "arn:aws:s3:::dev-glue-123456789012-eu-west-1/*"];

describe("iam-action-wildcards", () => {
  test("refuses the deploy role's stage-bucket statement as it was: s3:Get*, s3:List* and s3:*", () => {
    // The statement StageBucket of glue-pipeline-deploy-dev before its grants were listed.
    const deployRole = roleWithPolicy("deploy-dev", policy(allow({ Sid: "StageBucket", Action: ["s3:Get*", "s3:List*", "s3:*"], Resource: stageBucket })));
    deployRole.aws_iam_role["deploy-dev_role"].name = "glue-pipeline-deploy-dev";
    const findings = runOne(iamActionWildcardsRule, deployRole);
    expect(findings.map((f) => f.message)).toEqual([
      'policy statement "StageBucket" (role glue-pipeline-deploy-dev) allows "s3:Get*", a prefix wildcard',
      'policy statement "StageBucket" (role glue-pipeline-deploy-dev) allows "s3:List*", a prefix wildcard',
      'policy statement "StageBucket" (role glue-pipeline-deploy-dev) allows "s3:*", a service-wide wildcard',
    ]);
    expect(findings.every((f) => f.address === "aws_iam_role_policy.deploy-dev_policy" && f.rule === "iam-action-wildcards")).toBe(true);
  });

  test("refuses Action * and an Allow through NotAction, in resource policies too", () => {
    const findings = runOne(iamActionWildcardsRule, {
      aws_sns_topic_policy: { t: { arn: "x", policy: policy(allow({ Sid: "All", Principal: { AWS: "*" }, Action: "*" }), allow({ Sid: "Not", Principal: { AWS: "*" }, Action: undefined, NotAction: "sns:Publish" })) } },
    });
    expect(findings.map((f) => f.message)).toEqual([
      'policy statement "All" (topic policy) allows "*", every action of every service',
      'policy statement "Not" (topic policy) allows through NotAction, which grants every other action',
    ]);
  });

  test("accepts single actions, Deny wildcards and allowed entries, only for the holder and Sid named", () => {
    const allowance = { holders: ["role glue-pipeline-build"], sid: "ArtifactKey", action: "kms:GenerateDataKey*", reason: "r" };
    const rule = iamActionWildcards([allowance]);
    const build = roleWithPolicy("build", policy(allow({ Sid: "ArtifactKey", Action: ["kms:Decrypt", "kms:GenerateDataKey*"] }), { Sid: "Tls", Effect: "Deny", Action: "s3:*", Resource: "*" }));
    build.aws_iam_role["build_role"].name = "glue-pipeline-build";
    expect(runOne(rule, build)).toEqual([]);
    const other = roleWithPolicy("other", policy(allow({ Sid: "ArtifactKey", Action: "kms:GenerateDataKey*" }), allow({ Sid: "Other", Action: "kms:GenerateDataKey*" })));
    other.aws_iam_role["other_role"].name = "glue-pipeline-build";
    expect(runOne(rule, other).map((f) => f.message)).toEqual(['policy statement "Other" (role glue-pipeline-build) allows "kms:GenerateDataKey*", a prefix wildcard']);
  });

  test("names the kinds of wildcard", () => {
    expect(["*", "s3:*", "s3:Get*", "kms:ReEncrypt?", "s3:GetObject"].map(wildcardKind)).toEqual(["everything", "service-wide", "prefix", "prefix", undefined]);
  });

  test("every allowance gives a reason and names a wildcard", () => {
    for (const entry of WILDCARD_ALLOWANCES) {
      expect(entry.reason.length).toBeGreaterThan(20);
      expect(wildcardKind(entry.action)).toBeDefined();
      expect(entry.holders.length).toBeGreaterThan(0);
    }
  });
});
