/**
 * Gap s3-delete-objects-per-key against the real launcher: DeleteObjects is judged key by key, as S3
 * judges it, so a role that may delete under one prefix deletes those keys and gets AccessDenied in
 * <Error> for the others, which stay.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type AwsCredentials, type Emulator } from "../../rehearsal/emulator/emulator";
import { runBoto3Steps } from "./boto3-steps";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";
const BUCKET = `data-${ACCOUNT}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deleter`;

describe("DeleteObjects, key by key", () => {
  let workDir: string;
  let emulator: Emulator;
  let admin: AwsCredentials;
  let out: Record<string, string>;
  let fromSeq: number;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "s3-delete-objects-test-"));
    emulator = await startEmulator({ workDir });
    admin = await emulator.adminCredentials(ACCOUNT);
    const boto3 = (credentials: AwsCredentials, script: string) => runBoto3Steps(emulator, credentials, script, { dir: join(workDir, "boto3", credentials.accessKeyId), region: REGION });
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:DeleteObject", Resource: `arn:aws:s3:::${BUCKET}/out/*` }] };
    await boto3(
      admin,
      `s3 = boto3.client('s3'); iam = boto3.client('iam')
s3.create_bucket(Bucket='${BUCKET}', CreateBucketConfiguration={'LocationConstraint': '${REGION}'})
for key in ('out/a', 'out/b', 'in/c'):
    s3.put_object(Bucket='${BUCKET}', Key=key, Body=b'x')
iam.create_role(RoleName='deleter', AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::${ACCOUNT}:root'}, 'Action': 'sts:AssumeRole'}]}))
iam.put_role_policy(RoleName='deleter', PolicyName='p', PolicyDocument=${JSON.stringify(JSON.stringify(policy))})`,
    );
    const deleter = await emulator.assumeRole(ROLE, admin);
    fromSeq = emulator.lastSeq();
    out = await boto3(
      deleter,
      `r = boto3.client('s3').delete_objects(Bucket='${BUCKET}', Delete={'Objects': [{'Key': 'out/a'}, {'Key': 'in/c'}, {'Key': 'out/b'}]})
out['deleted'] = sorted(d['Key'] for d in r.get('Deleted', []))
out['errors'] = sorted((e['Key'], e['Code']) for e in r.get('Errors', []))`,
    );
    out.left = (await boto3(admin, `out['keys'] = sorted(o['Key'] for o in boto3.client('s3').list_objects_v2(Bucket='${BUCKET}')['Contents'])`)).keys;
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("the keys the role may delete are deleted; the other is answered AccessDenied in <Error> and stays", () => {
    expect(out.deleted).toEqual(["out/a", "out/b"]);
    expect(out.errors).toEqual([["in/c", "AccessDenied"]]);
    expect(out.left).toEqual(["in/c"]);
  });

  test("the call is recorded with every key's ARN, and denied naming the key it was denied", () => {
    const [call] = emulator.readCalls(fromSeq).filter((c) => c.roleArn === ROLE && c.action === "s3:DeleteObject");
    expect(call.iamResource).toEqual([`arn:aws:s3:::${BUCKET}/out/a`, `arn:aws:s3:::${BUCKET}/in/c`, `arn:aws:s3:::${BUCKET}/out/b`]);
    expect(call.iamDecision).toBe(`denied: arn:aws:s3:::${BUCKET}/in/c because no identity policy allows it`);
    expect(call.status).toBe(200);
  });
});
