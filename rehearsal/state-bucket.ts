/**
 * The `s3` backend's state bucket, in the emulator, as a person makes it before the bootstrap
 * (docs/pipeline-and-accounts.md, "First deploy": "create the state bucket (versioned, encrypted)"), and
 * the proof that the stacks kept their state and took their locks there.
 *
 * The bucket is the pipeline account's, in `backend.region`: versioned, encrypted (SSE-S3 unless
 * `backend.kmsKeyId`), public access blocked, TLS only. A stage in another account reaches its state as
 * its own roles ("Credentials inside CodeBuild": the deploy role reads and writes its stack's state and
 * lock, the plan role reads the state), so the bucket's policy lets that account in on those keys alone;
 * the roles' own policies narrow it to them. An account principal, not the roles' ARNs: S3 refuses a
 * policy naming a role that does not exist yet, and the bootstrap makes them.
 */
import type { AppConfig } from "../stacks/config";
import { partitionOf } from "../stacks/constants/aws-regions";
import { glueStackName } from "../stacks/names";
import { STAGE_NAMES } from "../stacks/constants/glue";
import { WORKSPACE_LIST_PREFIX } from "../stacks/pipeline/permissions/terraform-state";
import type { AwsCredentials, RecordedCall } from "./emulator/emulator";
import { awsClientEnv } from "./emulator/emulator-override";
import { awsCli, emptyBucket, type EmulatorWithDir } from "./empty-bucket";
import { join } from "node:path";

type S3Backend = Extract<AppConfig["backend"], { type: "s3" }>;

export function stateKey(backend: S3Backend, stack: string): string {
  return `${backend.keyPrefix}/${stack}/terraform.tfstate`;
}

/** The S3-native lock Terraform takes beside the state (`use_lockfile`): `<state key>.tflock`. */
export function lockKey(backend: S3Backend, stack: string): string {
  return `${stateKey(backend, stack)}.tflock`;
}

/** The state bucket's policy: TLS only, and each stage account other than the bucket's on its own stack's state and lock. */
export function stateBucketPolicy(config: AppConfig, backend: S3Backend): Record<string, unknown> {
  const partition = partitionOf(backend.region);
  const bucketArn = `arn:${partition}:s3:::${backend.bucket}`;
  const owner = config.pipelineAccount.awsAccountId;
  const stages = STAGE_NAMES.filter((stage) => config.stages[stage].account.awsAccountId !== owner);
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucketArn, `${bucketArn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
      ...stages.flatMap((stage) => {
        const stack = glueStackName(stage);
        const principal = { AWS: `arn:${partition}:iam::${config.stages[stage].account.awsAccountId}:root` };
        const sid = stage.charAt(0).toUpperCase() + stage.slice(1);
        return [
          { Sid: `List${sid}State`, Effect: "Allow", Principal: principal, Action: "s3:ListBucket", Resource: bucketArn, Condition: { StringLike: { "s3:prefix": [`${backend.keyPrefix}/${stack}/*`, WORKSPACE_LIST_PREFIX] } } },
          { Sid: `ReadWrite${sid}State`, Effect: "Allow", Principal: principal, Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucketArn}/${stateKey(backend, stack)}` },
          { Sid: `Lock${sid}State`, Effect: "Allow", Principal: principal, Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: `${bucketArn}/${lockKey(backend, stack)}` },
        ];
      }),
    ],
  };
}

function adminCliEnv(emulator: EmulatorWithDir, admin: AwsCredentials, region: string): Record<string, string> {
  return awsClientEnv(emulator, admin, { dir: join(emulator.dir, "state-bucket"), region });
}

/** Creates the bucket as the pipeline account's administrator; returns what was done, for the step's line. */
export async function createStateBucket(emulator: EmulatorWithDir, admin: AwsCredentials, config: AppConfig, backend: S3Backend): Promise<string> {
  const env = adminCliEnv(emulator, admin, backend.region);
  const bucket = ["--bucket", backend.bucket];
  await awsCli(["s3api", "create-bucket", ...bucket, ...(backend.region === "us-east-1" ? [] : ["--create-bucket-configuration", `LocationConstraint=${backend.region}`])], env);
  await awsCli(["s3api", "put-bucket-versioning", ...bucket, "--versioning-configuration", "Status=Enabled"], env);
  const encryption = backend.kmsKeyId ? { SSEAlgorithm: "aws:kms", KMSMasterKeyID: backend.kmsKeyId } : { SSEAlgorithm: "AES256" };
  await awsCli(["s3api", "put-bucket-encryption", ...bucket, "--server-side-encryption-configuration", JSON.stringify({ Rules: [{ ApplyServerSideEncryptionByDefault: encryption }] })], env);
  await awsCli(["s3api", "put-public-access-block", ...bucket, "--public-access-block-configuration", "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"], env);
  await awsCli(["s3api", "put-bucket-policy", ...bucket, "--policy", JSON.stringify(stateBucketPolicy(config, backend))], env);
  return `s3://${backend.bucket} (${backend.region}): versioned, ${encryption.SSEAlgorithm}, public access blocked, TLS only, stage accounts on their own state`;
}

/** Empties (every version) and deletes the bucket, as its owner does once every stack is destroyed. */
export async function deleteStateBucket(emulator: EmulatorWithDir, admin: AwsCredentials, backend: S3Backend): Promise<void> {
  await emptyBucket(emulator, admin, backend.bucket, backend.region);
  await awsCli(["s3api", "delete-bucket", "--bucket", backend.bucket], adminCliEnv(emulator, admin, backend.region));
}

/** What the state bucket held and saw for one stack. */
export interface StackStateUse {
  readonly stack: string;
  readonly stateExists: boolean;
  /** Roles (or "administrator") that put the stack's lock, in order */
  readonly lockedBy: string[];
  readonly lockPuts: number;
  readonly lockDeletes: number;
  readonly lockLeft: boolean;
}

const ok = (c: RecordedCall) => c.status !== null && c.status < 300;

/** From the bucket's keys and the recorded calls: whether each stack's state is there and its lock was taken and released. */
export function stateUse(backend: S3Backend, stacks: readonly string[], keys: ReadonlySet<string>, calls: readonly RecordedCall[]): StackStateUse[] {
  return stacks.map((stack) => {
    const lock = lockKey(backend, stack);
    const onLock = calls.filter((c) => c.params.Bucket === backend.bucket && c.params.Key === lock && ok(c));
    const puts = onLock.filter((c) => c.method === "PUT");
    return {
      stack,
      stateExists: keys.has(stateKey(backend, stack)),
      lockedBy: [...new Set(puts.map((c) => c.roleArn?.split("/").pop() ?? "administrator"))],
      lockPuts: puts.length,
      lockDeletes: onLock.filter((c) => c.method === "DELETE").length,
      lockLeft: keys.has(lock),
    };
  });
}

/** Why the state use is wrong, or undefined: every state object there, every lock taken, released, and none left. */
export function judgeStateUse(uses: readonly StackStateUse[]): string | undefined {
  const problems = uses.flatMap((u) => [
    ...(u.stateExists ? [] : [`${u.stack}: no state object`]),
    ...(u.lockPuts > 0 ? [] : [`${u.stack}: its lock object was never put (use_lockfile)`]),
    ...(u.lockDeletes >= u.lockPuts ? [] : [`${u.stack}: its lock was put ${u.lockPuts} times but released ${u.lockDeletes} times`]),
    ...(u.lockLeft ? [`${u.stack}: a lock object is left in the bucket`] : []),
  ]);
  return problems.length > 0 ? problems.join("\n") : undefined;
}

/** The bucket's current keys, as its owner lists them. */
export async function stateBucketKeys(emulator: EmulatorWithDir, admin: AwsCredentials, backend: S3Backend): Promise<Set<string>> {
  const listed = JSON.parse((await awsCli(["s3api", "list-objects-v2", "--bucket", backend.bucket], adminCliEnv(emulator, admin, backend.region))) || "{}") as { Contents?: { Key: string }[] };
  return new Set((listed.Contents ?? []).map((o) => o.Key));
}
