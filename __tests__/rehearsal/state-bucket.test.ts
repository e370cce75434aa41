import type { RecordedCall } from "../../rehearsal/emulator/emulator";
import { judgeStateUse, lockKey, stateBucketPolicy, stateKey, stateUse } from "../../rehearsal/state-bucket";
import { loadConfig } from "../../stacks/config";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const backend = { type: "s3", bucket: "state-bkt", region: "eu-west-1", keyPrefix: "glue", encrypt: true, useLockfile: true } as const;

function call(seq: number, method: string, key: string, status = 200, role: string | null = "arn:aws:iam::222222222222:role/glue-deploy-dev"): RecordedCall {
  return { seq, time: seq, accessKeyId: "AK", accountId: "222222222222", principalArn: null, roleArn: role, service: "s3", action: null, region: "eu-west-1", method, path: `/state-bkt/${key}`, params: { Bucket: "state-bkt", Key: key }, status };
}

describe("the s3 backend's state bucket", () => {
  test("keys: <keyPrefix>/<stack>/terraform.tfstate and its .tflock", () => {
    expect(stateKey(backend, "dev-glue")).toBe("glue/dev-glue/terraform.tfstate");
    expect(lockKey(backend, "dev-glue")).toBe("glue/dev-glue/terraform.tfstate.tflock");
  });

  test("its policy is TLS only and lets each stage account of its own in on its own stack's state and lock alone", () => {
    const input = baseConfig();
    input.backend = { type: "s3", bucket: "state-bkt", region: "eu-west-1", keyPrefix: "glue" };
    const config = loadConfig(writeTempProject(input));
    const policy = stateBucketPolicy(config, backend) as { Statement: Record<string, any>[] };
    expect(policy.Statement[0]).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    const dev = policy.Statement.filter((s) => s.Principal?.AWS === "arn:aws:iam::222222222222:root");
    expect(dev.map((s) => [s.Action, s.Resource])).toEqual([
      ["s3:ListBucket", "arn:aws:s3:::state-bkt"],
      [["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::state-bkt/glue/dev-glue/terraform.tfstate"],
      [["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], "arn:aws:s3:::state-bkt/glue/dev-glue/terraform.tfstate.tflock"],
    ]);
    expect(dev[0].Condition).toEqual({ StringLike: { "s3:prefix": ["glue/dev-glue/*", "env:/"] } });
    // The pipeline's own account needs no grant: its roles' policies decide.
    expect(policy.Statement.some((s) => String(s.Principal?.AWS).includes("111111111111"))).toBe(false);
  });

  test("in one account, the policy only denies plain http", () => {
    const input = baseConfig();
    for (const key of ["devAccount", "prodAccount"]) input[key].awsAccountId = "111111111111";
    input.backend = { type: "s3", bucket: "state-bkt", region: "eu-west-1" };
    const policy = stateBucketPolicy(loadConfig(writeTempProject(input)), backend) as { Statement: unknown[] };
    expect(policy.Statement).toHaveLength(1);
  });

  test("each stack's state is there and its lock was put and released by the roles that took it", () => {
    const dev = lockKey(backend, "dev-glue");
    const calls = [call(1, "PUT", dev), call(2, "PUT", stateKey(backend, "dev-glue")), call(3, "DELETE", dev, 204), call(4, "PUT", dev, 412)];
    const [use] = stateUse(backend, ["dev-glue"], new Set([stateKey(backend, "dev-glue")]), calls);
    expect(use).toEqual({ stack: "dev-glue", stateExists: true, lockedBy: ["glue-deploy-dev"], lockPuts: 1, lockDeletes: 1, lockLeft: false });
    expect(judgeStateUse([use])).toBeUndefined();
  });

  test("a missing state, a lock never taken or one left behind each fail, named", () => {
    const prod = lockKey(backend, "prod-glue");
    const uses = stateUse(backend, ["pipeline", "prod-glue"], new Set([prod]), [call(1, "PUT", prod, 200, null)]);
    expect(uses[1].lockedBy).toEqual(["administrator"]);
    expect(judgeStateUse(uses)?.split("\n")).toEqual([
      "pipeline: no state object",
      "pipeline: its lock object was never put (use_lockfile)",
      "prod-glue: no state object",
      "prod-glue: its lock was put 1 times but released 0 times",
      "prod-glue: a lock object is left in the bucket",
    ]);
  });
});
