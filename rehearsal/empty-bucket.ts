/**
 * Empties buckets as a person would before `terraform destroy`: the stacks' buckets are versioned and
 * set `force_destroy = false` on purpose, so objects Terraform does not manage (job output, Spark logs,
 * pipeline artifacts, saved plans) and their versions must go first. Keys Terraform manages
 * (aws_s3_object in the stack's state) are left to `terraform destroy`, which deletes every version of
 * them. Through the S3 API (ListObjectVersions, DeleteObjects) with the AWS SDK for Python from .venv,
 * one process for all the buckets asked for, signed with the credentials given.
 *
 *   await emptyBucket(emulator, admin, "dev-glue-123456789012-eu-west-1", "eu-west-1");
 *   await emptyStackBuckets(emulator, admin, ws.stackDir("dev-glue"), "eu-west-1");   // buckets of the stack
 *
 * `awsCli` runs the AWS CLI of .venv (awscli is pinned in requirements-integ.txt), e.g. to put an object.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { VENV_PYTHON } from "./emulator/moto-server";
import type { AwsCredentials } from "./emulator/emulator";
import { awsClientEnv, type EmulatorTarget } from "./emulator/emulator-override";

export const VENV_AWS = join(__dirname, "..", ".venv", "bin", "aws");

export interface EmulatorWithDir extends EmulatorTarget {
  /** The emulator's own directory (for the clients' config files) */
  readonly dir: string;
}

export function awsCli(args: readonly string[], env: Record<string, string>): Promise<string> {
  if (!existsSync(VENV_AWS)) return Promise.reject(new Error(`${VENV_AWS} is missing: run npm run setup (awscli is in requirements-integ.txt)`));
  return new Promise((resolve, reject) => {
    execFile(VENV_AWS, [...args, "--output", "json"], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`aws ${args.slice(0, 2).join(" ")} failed: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
  });
}

// Reads [{bucket, keep: [keys]}] on stdin; prints {bucket: versions deleted}. DeleteObjects takes 1000 keys at most.
const EMPTY_PROGRAM = `
import json, sys
import boto3
from botocore.exceptions import ClientError
s3 = boto3.client("s3")
deleted = {}
for job in json.load(sys.stdin):
    bucket, keep, count = job["bucket"], set(job["keep"]), 0
    try:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
            entries = [{"Key": v["Key"], "VersionId": v["VersionId"]} for v in page.get("Versions", []) + page.get("DeleteMarkers", []) if v["Key"] not in keep]
            for i in range(0, len(entries), 1000):
                s3.delete_objects(Bucket=bucket, Delete={"Objects": entries[i:i + 1000], "Quiet": True})
            count += len(entries)
    except ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchBucket":
            raise
    deleted[bucket] = count
print(json.dumps(deleted))
`;

/** Empties each bucket of what is not in its `keep` set; returns versions and markers deleted per bucket. */
export function emptyBuckets(
  emulator: EmulatorWithDir,
  credentials: AwsCredentials,
  region: string,
  buckets: ReadonlyArray<{ readonly bucket: string; readonly keep?: ReadonlySet<string> }>,
): Promise<Record<string, number>> {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...awsClientEnv(emulator, credentials, { dir: join(emulator.dir, "empty-buckets"), region }) };
  const input = JSON.stringify(buckets.map(({ bucket, keep }) => ({ bucket, keep: [...(keep ?? [])] })));
  return new Promise((resolve, reject) => {
    const child = execFile(VENV_PYTHON, ["-c", EMPTY_PROGRAM], { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`emptying ${buckets.map((b) => b.bucket).join(", ")} failed: ${stderr.trim() || error.message}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin?.end(input);
  });
}

/** Empties one bucket but for the keys in `keep`; returns how many versions and markers went. A missing bucket is 0. */
export async function emptyBucket(emulator: EmulatorWithDir, credentials: AwsCredentials, bucket: string, region: string, keep?: ReadonlySet<string>): Promise<number> {
  return (await emptyBuckets(emulator, credentials, region, [{ bucket, keep }]))[bucket] ?? 0;
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
  const deleted = await emptyBuckets(emulator, credentials, region, stackBuckets(stackDir).map((bucket) => ({ bucket, keep: managed.get(bucket) })));
  return Object.keys(deleted).filter((bucket) => deleted[bucket] > 0);
}
