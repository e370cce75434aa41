/**
 * The launcher for real: https with the run's CA, administrators per account, the calls file, and IAM
 * enforced for assumed roles as AWS evaluates it (conditions, boundaries, bucket and trust policies).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ADMIN_ROLE_NAME, EMULATOR_DIR, parseCalls, startEmulator, type AwsCredentials, type Emulator } from "../../rehearsal/emulator/emulator";
import { runBoto3Steps } from "./boto3-steps";
import { changeWorkersOutOfBand, OUT_OF_BAND } from "../../rehearsal/drift-steps";
import { emptyBucket, managedObjectKeys } from "../../rehearsal/empty-bucket";
import { projectResourcesLeft } from "../../rehearsal/emulator/emulator-inventory";

let workDir: string;
let emulator: Emulator;
beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "emulator-test-"));
  emulator = await startEmulator({ workDir });
});
afterAll(async () => {
  await emulator?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const identity = (credentials: AwsCredentials) =>
  new STSClient({ region: "eu-west-1", endpoint: emulator.endpoint, credentials, requestHandler: { httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle) }) } }).send(
    new GetCallerIdentityCommand({}),
  );

/** Runs boto3 steps as the given credentials, with clients s3, iam and sts; each step's outcome is "ok" or the error code. */
function boto3(credentials: AwsCredentials, script: string): Promise<Record<string, string>> {
  return runBoto3Steps(emulator, credentials, `s3 = boto3.client('s3'); iam = boto3.client('iam'); sts = boto3.client('sts')\n${script}`, { dir: join(workDir, "boto3"), region: "eu-west-1" });
}

describe("startEmulator", () => {
  test("serves https with a certificate of the run's own CA", async () => {
    expect(emulator.endpoint).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(readFileSync(emulator.caBundle, "utf8")).toContain("BEGIN CERTIFICATE");
    await expect(fetch(`${emulator.endpoint}/moto-api/data.json`)).rejects.toThrow(); // Node's own CAs do not trust it
  });

  test("adminCredentials act in the account asked for, as the administrator role", async () => {
    for (const account of ["111111111111", "222222222222"]) {
      const { Account, Arn } = await identity(await emulator.adminCredentials(account));
      expect(Account).toBe(account);
      expect(Arn).toBe(`arn:aws:sts::${account}:assumed-role/${ADMIN_ROLE_NAME}/${ADMIN_ROLE_NAME}`);
    }
    expect(() => emulator.adminCredentials("12345")).toThrow(/not a 12-digit account id/);
  });

  test("records each call with its principal, role, IAM action and parameters", async () => {
    const before = emulator.lastSeq();
    const admin = await emulator.adminCredentials("333333333333");
    await identity(admin);
    const calls = emulator.readCalls(before);
    expect(calls.map((c) => c.seq)).toEqual(calls.map((_, i) => before + i + 1));
    const call = calls.find((c) => c.action === "sts:GetCallerIdentity" && c.accountId === "333333333333");
    expect(call).toMatchObject({
      principalArn: `arn:aws:sts::333333333333:assumed-role/${ADMIN_ROLE_NAME}/${ADMIN_ROLE_NAME}`,
      roleArn: `arn:aws:iam::333333333333:role/${ADMIN_ROLE_NAME}`,
      service: "sts",
      region: "eu-west-1",
      method: "POST",
      status: 200,
    });
    expect(parseCalls(readFileSync(emulator.callsFile, "utf8"), before)).toEqual(calls);
  });
});

describe("Glue UpdateJob (gap glue-update-job)", () => {
  test("a change by hand keeps the rest of the job; a JobUpdate without a field puts it back to its default", async () => {
    const admin = await emulator.adminCredentials("444444444444");
    const created = await boto3(
      admin,
      [
        "glue = boto3.client('glue')",
        `step('create', lambda: glue.create_job(Name='${OUT_OF_BAND.job}', Role='arn:aws:iam::444444444444:role/r', Description='persons', Command={'Name': 'glueetl', 'ScriptLocation': 's3://b/s.py'}, DefaultArguments={'--a': '1'}, GlueVersion='5.0', WorkerType='G.1X', NumberOfWorkers=2, Timeout=60, Tags={'k': 'v'}))`,
      ].join("\n"),
    );
    expect(created).toEqual({ create: "ok" });
    expect(await changeWorkersOutOfBand(emulator, { accountId: "444444444444", region: "eu-west-1" })).toEqual({ from: 2, to: OUT_OF_BAND.workers });
    const script = [
      "glue = boto3.client('glue')",
      `job = glue.get_job(JobName='${OUT_OF_BAND.job}')['Job']`,
      "out.update(workers=str(job['NumberOfWorkers']), description=job.get('Description'), arguments=json.dumps(job['DefaultArguments']), version=job['GlueVersion'], tags=json.dumps(glue.get_tags(ResourceArn='arn:aws:glue:eu-west-1:444444444444:job/" + OUT_OF_BAND.job + "')['Tags']))",
      `step('partial', lambda: glue.update_job(JobName='${OUT_OF_BAND.job}', JobUpdate={'Role': 'arn:aws:iam::444444444444:role/r', 'Command': {'Name': 'glueetl', 'ScriptLocation': 's3://b/s.py'}}))`,
      `out['description after'] = str(glue.get_job(JobName='${OUT_OF_BAND.job}')['Job'].get('Description'))`,
      "step('missing', lambda: glue.update_job(JobName='nope', JobUpdate={'Role': 'r', 'Command': {'Name': 'glueetl'}}))",
    ].join("\n");
    expect(await boto3(admin, script)).toEqual({
      workers: "5",
      description: "persons",
      arguments: `{"--a": "1"}`,
      version: "5.0",
      tags: `{"k": "v"}`,
      partial: "ok",
      "description after": "None",
      missing: "EntityNotFoundException",
    });
  });
});

describe("the launcher's lifetime", () => {
  const answers = (endpoint: string, ca: Buffer) =>
    new Promise<boolean>((resolve) => {
      const request = get(`${endpoint}/moto-api/data.json`, { ca, timeout: 2_000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on("error", () => resolve(false));
      request.on("timeout", () => request.destroy());
    });

  test("ends when the process that started it is killed outright", async () => {
    const dir = join(workDir, "orphan");
    const program = `require(${JSON.stringify(join(EMULATOR_DIR, "emulator"))}).startEmulator({ workDir: ${JSON.stringify(dir)} }).then((e) => console.log("endpoint " + e.endpoint + " " + e.caBundle))`;
    const parent = spawn(process.execPath, ["--require", "tsx/cjs", "-e", program], { cwd: join(__dirname, "..", ".."), stdio: ["ignore", "pipe", "pipe"] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      parent.stdout.on("data", (chunk) => {
        out += chunk;
        const match = /endpoint (\S+) (\S+)/.exec(out);
        if (match) resolve(match[0]);
      });
      parent.once("exit", (code) => reject(new Error(`the parent exited (${code}) before the emulator answered: ${out}`)));
    });
    const [, endpoint, caBundle] = line.split(" ");
    const ca = readFileSync(caBundle);
    expect(await answers(endpoint, ca)).toBe(true);
    parent.kill("SIGKILL");
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await answers(endpoint, ca))) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await answers(endpoint, ca)).toBe(false);
  }, 30_000);
});

describe("IAM for assumed roles", () => {
  const account = "444444444444";
  const bucket = "iam-test-bucket-444444444444";
  const boundaryArn = `arn:aws:iam::${account}:policy/test-boundary`;
  let admin: AwsCredentials;
  let results: Record<string, string>;
  let bounded: Record<string, string>;

  beforeAll(async () => {
    admin = await emulator.adminCredentials(account);
    const doc = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const setup = await boto3(
      admin,
      `
s3.create_bucket(Bucket='${bucket}', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
s3.put_bucket_policy(Bucket='${bucket}', Policy='''${doc([{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { "aws:SecureTransport": false } } }])}''')
s3.put_object(Bucket='${bucket}', Key='a/x', Body=b'x')
iam.create_policy(PolicyName='test-boundary', PolicyDocument='''${doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }])}''')
trust = '''${doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "sts:AssumeRole" }])}'''
iam.create_role(RoleName='worker', AssumeRolePolicyDocument=trust)
iam.put_role_policy(RoleName='worker', PolicyName='p', PolicyDocument='''${doc([
        { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucket}/a/*` },
        { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${bucket}`, Condition: { StringLike: { "s3:prefix": ["a/*"] } } },
        { Effect: "Allow", Action: "iam:CreateRole", Resource: `arn:aws:iam::${account}:role/made-*`, Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn } } },
      ])}''')
iam.create_role(RoleName='bounded', AssumeRolePolicyDocument=trust, PermissionsBoundary='${boundaryArn}')
iam.put_role_policy(RoleName='bounded', PolicyName='p', PolicyDocument='''${doc([{ Effect: "Allow", Action: "s3:*", Resource: "*" }])}''')
`,
    );
    expect(setup).toEqual({});
    const worker = await emulator.assumeRole(`arn:aws:iam::${account}:role/worker`, admin, "worker-session");
    results = await boto3(
      worker,
      `
step('get allowed object', lambda: s3.get_object(Bucket='${bucket}', Key='a/x'))
step('put object', lambda: s3.put_object(Bucket='${bucket}', Key='a/y', Body=b'y'))
step('list prefix a/', lambda: s3.list_objects_v2(Bucket='${bucket}', Prefix='a/'))
step('list prefix b/', lambda: s3.list_objects_v2(Bucket='${bucket}', Prefix='b/'))
step('create role without boundary', lambda: iam.create_role(RoleName='made-1', AssumeRolePolicyDocument='{}'))
step('create role with boundary', lambda: iam.create_role(RoleName='made-2', AssumeRolePolicyDocument='{}', PermissionsBoundary='${boundaryArn}'))
step('create role of another name', lambda: iam.create_role(RoleName='other', AssumeRolePolicyDocument='{}', PermissionsBoundary='${boundaryArn}'))
step('assume a role', lambda: sts.assume_role(RoleArn='arn:aws:iam::${account}:role/bounded', RoleSessionName='x1'))
`,
    );
    bounded = await boto3(
      await emulator.assumeRole(`arn:aws:iam::${account}:role/bounded`, admin),
      `
step('get (boundary allows)', lambda: s3.get_object(Bucket='${bucket}', Key='a/x'))
step('put (boundary does not)', lambda: s3.put_object(Bucket='${bucket}', Key='a/z', Body=b'z'))
`,
    );
  });

  test("a TLS-only bucket policy does not deny requests over https", () => {
    expect(results["get allowed object"]).toBe("ok");
  });

  test("what no statement allows is denied; resources and s3:prefix conditions are judged", () => {
    expect(results["put object"]).toBe("AccessDenied");
    expect(results["list prefix a/"]).toBe("ok");
    expect(results["list prefix b/"]).toBe("AccessDenied");
    expect(results["assume a role"]).toBe("AccessDenied");
  });

  test("iam:PermissionsBoundary conditions are evaluated", () => {
    expect(results["create role without boundary"]).toBe("AccessDenied");
    expect(results["create role with boundary"]).toBe("ok");
    expect(results["create role of another name"]).toBe("AccessDenied");
  });

  test("a role's permissions boundary limits what its policies allow", () => {
    expect(bounded).toEqual({ "get (boundary allows)": "ok", "put (boundary does not)": "AccessDenied" });
  });

  test("the calls file says who was denied what, and why", () => {
    const denied = emulator.readCalls().filter((c) => c.iamDecision?.startsWith("denied") && c.roleArn === `arn:aws:iam::${account}:role/worker`);
    expect(denied.map((c) => c.action).sort()).toEqual(["iam:CreateRole", "iam:CreateRole", "s3:ListBucket", "s3:PutObject", "sts:AssumeRole"]);
    const list = denied.find((c) => c.action === "s3:ListBucket");
    expect(list).toMatchObject({ status: 403, params: expect.objectContaining({ Bucket: bucket, prefix: "b/" }), principalArn: `arn:aws:sts::${account}:assumed-role/worker/worker-session` });
    const boundary = emulator.readCalls().find((c) => c.roleArn === `arn:aws:iam::${account}:role/bounded` && c.action === "s3:PutObject");
    expect(boundary?.iamDecision).toBe("denied: no identity policy allows it (the permissions boundary does not allow it)");
  });

  test("the administrator is not enforced, and the inventory sees what was made", async () => {
    const left = await projectResourcesLeft(emulator, [{ accountId: account, region: "eu-west-1" }]);
    expect(left).toEqual(
      expect.arrayContaining([
        { service: "s3", type: "bucket", account, region: "aws", name: bucket },
        { service: "iam", type: "role", account, region: "aws", name: "worker" },
        { service: "iam", type: "role", account, region: "aws", name: "made-2" },
        { service: "iam", type: "policy", account, region: "aws", name: boundaryArn },
      ]),
    );
    expect(left.some((r) => r.name === "made-1" || r.name === "other")).toBe(false);
  });
});

describe("emptyBucket", () => {
  test("deletes every version and delete marker but those of the keys Terraform manages", async () => {
    const account = "555555555555";
    const bucket = "empty-test-bucket-555555555555";
    const admin = await emulator.adminCredentials(account);
    const setup = await boto3(
      admin,
      `
s3.create_bucket(Bucket='${bucket}', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})
s3.put_bucket_versioning(Bucket='${bucket}', VersioningConfiguration={'Status': 'Enabled'})
for key in ['scripts/job.py', 'scripts/job.py', 'output/part-0', 'output/part-0', 'spark-ui/log']:
    s3.put_object(Bucket='${bucket}', Key=key, Body=b'x')
s3.delete_object(Bucket='${bucket}', Key='spark-ui/log')
`,
    );
    expect(setup).toEqual({});
    const state = join(workDir, "state.tfstate");
    writeFileSync(state, JSON.stringify({ resources: [{ mode: "managed", type: "aws_s3_object", instances: [{ attributes: { bucket, key: "scripts/job.py" } }] }] }));
    const keep = managedObjectKeys(state).get(bucket);
    expect([...(keep ?? [])]).toEqual(["scripts/job.py"]);

    expect(await emptyBucket(emulator, admin, bucket, "eu-west-1", keep)).toBe(4); // 2 versions + 1 version and its delete marker
    const left = await boto3(admin, `out['keys'] = ','.join(sorted(v['Key'] for v in s3.list_object_versions(Bucket='${bucket}').get('Versions', [])))`);
    expect(left.keys).toBe("scripts/job.py,scripts/job.py");
    expect(await emptyBucket(emulator, admin, "no-such-bucket-555555555555", "eu-west-1")).toBe(0);
  });
});
