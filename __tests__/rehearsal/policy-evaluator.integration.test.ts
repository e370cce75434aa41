/**
 * moto_support/policy_evaluator.py, the launcher's IAM evaluation, case by case (one Python process
 * evaluates the whole table).
 */
import { execFileSync } from "node:child_process";
import { EMULATOR_DIR } from "../../rehearsal/emulator/emulator";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";

interface Case {
  readonly name: string;
  readonly statement: Record<string, unknown>;
  readonly action?: string;
  readonly resource?: string | null;
  readonly context?: Record<string, string[]>;
  /** account of the caller; the caller is the session s of role r in it */
  readonly account?: string;
  readonly resourcePolicy?: boolean;
  readonly expected: "Allow" | "Deny" | null;
}

const ACCOUNT = "111111111111";
const BUCKET = "arn:aws:s3:::b";
const TLS_DENY = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET, `${BUCKET}/*`], Condition: { Bool: { "aws:SecureTransport": false } } };

const CASES: Case[] = [
  { name: "TLS-only Deny does not apply over https", statement: TLS_DENY, context: { "aws:securetransport": ["true"] }, resourcePolicy: true, expected: null },
  { name: "TLS-only Deny applies over http", statement: TLS_DENY, context: { "aws:securetransport": ["false"] }, resourcePolicy: true, expected: "Deny" },
  { name: "actions match case-insensitively with wildcards", statement: { Effect: "Allow", Action: "S3:Get*", Resource: "*" }, expected: "Allow" },
  { name: "NotAction", statement: { Effect: "Allow", NotAction: "s3:PutObject", Resource: "*" }, expected: "Allow" },
  { name: "NotAction excludes", statement: { Effect: "Allow", NotAction: "s3:Get*", Resource: "*" }, expected: null },
  { name: "resource wildcard", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/a/*` }, resource: `${BUCKET}/a/b/c`, expected: "Allow" },
  { name: "resource mismatch", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/a/*` }, resource: `${BUCKET}/b`, expected: null },
  { name: "unknown resource: an Allow is judged by action", statement: { Effect: "Allow", Action: "glue:GetJobs", Resource: "arn:aws:glue:*:*:job/dev-*" }, action: "glue:GetJobs", resource: null, expected: "Allow" },
  { name: "unknown resource: a Deny on an ARN does not apply", statement: { Effect: "Deny", Action: "glue:*", Resource: "arn:aws:glue:*:*:job/prod-*" }, action: "glue:GetJob", resource: null, expected: null },
  { name: "unknown resource: a Deny on * applies", statement: { Effect: "Deny", Action: "glue:*", Resource: "*" }, action: "glue:GetJob", resource: null, expected: "Deny" },
  { name: "a failed condition makes an Allow not apply (not a Deny)", statement: { Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { StringLike: { "s3:prefix": ["a/*"] } } }, action: "s3:ListBucket", context: { "s3:prefix": ["b/"] }, expected: null },
  { name: "StringLike met", statement: { Effect: "Allow", Action: "s3:ListBucket", Resource: "*", Condition: { StringLike: { "s3:prefix": ["a/*"] } } }, action: "s3:ListBucket", context: { "s3:prefix": ["a/x"] }, expected: "Allow" },
  { name: "missing key: StringEquals not met", statement: { Effect: "Allow", Action: "iam:CreateRole", Resource: "*", Condition: { StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111111111111:policy/b" } } }, action: "iam:CreateRole", expected: null },
  { name: "missing key: StringNotEquals met", statement: { Effect: "Deny", Action: "iam:CreateRole", Resource: "*", Condition: { StringNotEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111111111111:policy/b" } } }, action: "iam:CreateRole", expected: "Deny" },
  { name: "IfExists on a missing key is met", statement: { Effect: "Allow", Action: "iam:PassRole", Resource: "*", Condition: { StringEqualsIfExists: { "iam:PassedToService": "glue.amazonaws.com" } } }, action: "iam:PassRole", expected: "Allow" },
  { name: "Null true", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Null: { "s3:prefix": "true" } } }, expected: "Allow" },
  { name: "ForAllValues on a missing key is met", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { "ForAllValues:StringEquals": { "aws:TagKeys": ["a"] } } }, expected: "Allow" },
  { name: "ForAnyValue", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { "ForAnyValue:StringEquals": { "aws:TagKeys": ["a"] } } }, context: { "aws:tagkeys": ["b", "a"] }, expected: "Allow" },
  { name: "ArnEquals on aws:PrincipalArn", statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole", Condition: { ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/r` } } }, action: "sts:AssumeRole", context: { "aws:principalarn": [`arn:aws:iam::${ACCOUNT}:role/r`] }, resourcePolicy: true, expected: "Allow" },
  { name: "an account's root covers its roles' sessions", statement: { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }, action: "sts:AssumeRole", resourcePolicy: true, expected: "Allow" },
  { name: "another account's root does not", statement: { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }, action: "sts:AssumeRole", resourcePolicy: true, expected: null },
  { name: "a role ARN covers its sessions", statement: { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/r`] }, Action: "sts:AssumeRole" }, action: "sts:AssumeRole", resourcePolicy: true, expected: "Allow" },
  { name: "a service principal is no caller of the emulator", statement: { Effect: "Allow", Principal: { Service: "codebuild.amazonaws.com" }, Action: "sts:AssumeRole" }, action: "sts:AssumeRole", resourcePolicy: true, expected: null },
  { name: "a Deny without Resource (trust policy) denies", statement: { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }, action: "sts:AssumeRole", resourcePolicy: true, expected: "Deny" },
  { name: "an unknown operator never allows", statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, expected: null },
  { name: "an unknown operator in a Deny denies", statement: { Effect: "Deny", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }, expected: "Deny" },
];

const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
from moto_support.policy_evaluator import Request, evaluate
from moto_support.principals import Principal
out = []
for case in json.load(sys.stdin):
    account = case.get("account") or "${ACCOUNT}"
    principal = Principal(account, "aws", f"arn:aws:sts::{account}:assumed-role/r/s", f"arn:aws:iam::{account}:role/r")
    resource = case["resource"] if "resource" in case else "arn:aws:s3:::b/a/x"
    request = Request(case.get("action") or "s3:GetObject", resource, principal, case.get("context") or {})
    out.append(evaluate({"Statement": [case["statement"]]}, request, resource_policy=bool(case.get("resourcePolicy"))))
print(json.dumps(out))
`;

describe("policy_evaluator.evaluate", () => {
  const results: Array<string | null> = JSON.parse(
    execFileSync(VENV_PYTHON, ["-c", PROGRAM, EMULATOR_DIR], { input: JSON.stringify(CASES), encoding: "utf8" }),
  );

  test.each(CASES.map((c, i) => [c.name, i] as const))("%s", (_name, index) => {
    expect(results[index]).toBe(CASES[index].expected);
  });
});
