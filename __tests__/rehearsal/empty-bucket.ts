/**
 * Empties a bucket as a person would before `terraform destroy`: the stacks' buckets are versioned and
 * set `force_destroy = false` on purpose, so objects Terraform does not manage (job output, Spark logs,
 * pipeline artifacts, saved plans) and their versions must go first. Keys Terraform manages
 * (aws_s3_object in the stack's state) are left to `terraform destroy`, which deletes every version of
 * them. With the AWS CLI from .venv (`aws s3api list-object-versions`, `delete-objects`), signed with the
 * credentials given.
 *
 *   await emptyBucket(emulator, admin, "dev-glue-123456789012-eu-west-1", "eu-west-1");
 *   await emptyStackBuckets(emulator, admin, ws.stackDir("dev-glue"), "eu-west-1");   // buckets of the stack
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { AwsCredentials } from "./emulator";
import { awsClientEnv, type EmulatorTarget } from "./emulator-override";

export const VENV_AWS = join(__dirname, "..", "..", ".venv", "bin", "aws");
/** DeleteObjects takes at most 1000 keys. */
const BATCH = 1000;

export interface EmulatorWithDir extends EmulatorTarget {
  /** The emulator's own directory (for the CLI's config files) */
  readonly dir: string;
}

interface VersionEntry {
  readonly Key: string;
  readonly VersionId?: string;
}

export function awsCli(args: readonly string[], env: Record<string, string>): Promise<string> {
  if (!existsSync(VENV_AWS)) return Promise.reject(new Error(`${VENV_AWS} is missing: run npm run setup (awscli is in requirements-integ.txt)`));
  return new Promise((resolve, reject) => {
    execFile(VENV_AWS, [...args, "--output", "json"], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
  });
}

/**
 * Deletes every object version and delete marker but those of the keys in `keep`; returns how many.
 * A missing bucket is 0.
 */
export async function emptyBucket(
  emulator: EmulatorWithDir,
  credentials: AwsCredentials,
  bucket: string,
  region: string,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const env = awsClientEnv(emulator, credentials, { dir: join(emulator.dir, "cli"), region });
  let listed: string;
  try {
    listed = await awsCli(["s3api", "list-object-versions", "--bucket", bucket], env);
  } catch (error) {
    if (String(error).includes("NoSuchBucket")) return 0;
    throw error;
  }
  const page = (listed.trim() ? JSON.parse(listed) : {}) as { Versions?: VersionEntry[]; DeleteMarkers?: VersionEntry[] };
  const listedCount = (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
  const entries = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
    .filter((v) => !keep.has(v.Key))
    .map((v) => ({ Key: v.Key, VersionId: v.VersionId }));
  for (let i = 0; i < entries.length; i += BATCH) {
    const objects = entries.slice(i, i + BATCH);
    await awsCli(["s3api", "delete-objects", "--bucket", bucket, "--delete", JSON.stringify({ Objects: objects, Quiet: true })], env);
  }
  // list-object-versions pages at 1000: go round until it is empty.
  return listedCount >= BATCH && entries.length > 0 ? entries.length + (await emptyBucket(emulator, credentials, bucket, region, keep)) : entries.length;
}

interface StackJson {
  terraform?: { backend?: { local?: { path?: string } } };
  resource?: { aws_s3_bucket?: Record<string, { bucket?: string }> };
}

interface StateJson {
  resources?: Array<{ mode?: string; type?: string; instances?: Array<{ attributes?: { bucket?: string; key?: string } }> }>;
}

/** The literal bucket names of a synthesized stack's aws_s3_bucket resources. */
export function stackBuckets(stackDir: string): string[] {
  const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  return Object.values(stack.resource?.aws_s3_bucket ?? {})
    .map((b) => b.bucket)
    .filter((name): name is string => typeof name === "string" && !name.includes("${"));
}

/** bucket → keys of the aws_s3_object resources in a Terraform state file (empty if there is none). */
export function managedObjectKeys(stateFile: string | undefined): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  if (!stateFile || !existsSync(stateFile)) return keys;
  const state = JSON.parse(readFileSync(stateFile, "utf8")) as StateJson;
  for (const resource of state.resources ?? []) {
    if (resource.mode !== "managed" || resource.type !== "aws_s3_object") continue;
    for (const { attributes } of resource.instances ?? []) {
      if (!attributes?.bucket || attributes.key === undefined) continue;
      if (!keys.has(attributes.bucket)) keys.set(attributes.bucket, new Set());
      keys.get(attributes.bucket)?.add(attributes.key);
    }
  }
  return keys;
}

/** Empties every bucket of a stack of what its state does not manage; returns the buckets that held any. */
export async function emptyStackBuckets(emulator: EmulatorWithDir, credentials: AwsCredentials, stackDir: string, region: string): Promise<string[]> {
  const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  const managed = managedObjectKeys(stack.terraform?.backend?.local?.path);
  const emptied: string[] = [];
  for (const bucket of stackBuckets(stackDir)) {
    if ((await emptyBucket(emulator, credentials, bucket, region, managed.get(bucket))) > 0) emptied.push(bucket);
  }
  return emptied;
}
