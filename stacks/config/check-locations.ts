/**
 * Where jobs may read and write. A job role gets S3 rights on exactly its locations, so a location
 * that is too wide (a bucket's root, a wildcard) or that overlaps what the stack itself keeps in the
 * stage bucket (the code, temp files) would hand a job far more than it needs.
 */
import { STAGE_BUCKET_PREFIXES } from "../names";
import type { ConfigProblem } from "./config-error";
import { bucketNameProblem } from "./value-rules";

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export function parseS3Location(uri: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}

export interface LocationContext {
  readonly stageBucket: string;
  /** Buckets of the project that no job may write: the other stage's, the pipeline's artifacts, the state. */
  readonly protectedBuckets: Readonly<Record<string, string>>;
}

/** Why a resolved `s3://` location cannot be used, or undefined. `kind` says how the job uses it. */
export function locationProblem(uri: string, kind: "input" | "output", ctx: LocationContext): string | undefined {
  const location = parseS3Location(uri);
  if (!location) return `found "${uri}"; expected an S3 location, for example s3://my-bucket/prefix/`;
  const bucketProblem = bucketNameProblem(location.bucket);
  if (bucketProblem) return `found the bucket "${location.bucket}" in ${uri} (${bucketProblem}); expected a bucket name, for example s3://my-bucket/prefix/ or s3://{stageBucket}/output/`;
  if (/[*?]/.test(location.key)) {
    return `found a wildcard in ${uri}, which IAM would widen to every matching key; expected a prefix, for example s3://${location.bucket}/data/`;
  }
  if (kind === "input") return undefined;
  if (location.key === "") {
    return `found ${uri}, the root of a bucket: the job could overwrite or delete every object in it; expected a prefix of its own, for example s3://${location.bucket}/output/my_job/`;
  }
  if (location.bucket === ctx.stageBucket) {
    for (const [prefix, why] of Object.entries(STAGE_BUCKET_PREFIXES)) {
      if (overlaps(location.key, prefix)) {
        return `found ${uri}, inside ${prefix} of the stage bucket, which ${why}; expected a prefix such as s3://{stageBucket}/output/my_job/`;
      }
    }
  }
  const owner = ctx.protectedBuckets[location.bucket];
  if (owner) return `found ${uri}, in ${owner}, which no job may write; expected a location such as s3://{stageBucket}/output/my_job/`;
  return undefined;
}

/** Whether two keys under one bucket cover common objects: one is a prefix of the other. */
export function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** One job's locations, and the key path its outputs were written at (for messages). */
export interface PlacedJob {
  readonly name: string;
  readonly outputsPath: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
}

/** Locations of one stage that would clobber each other: a job's output over its own input, or two jobs' outputs. */
export function overlapProblems(stage: string, jobs: readonly PlacedJob[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const writers: { job: string; uri: string }[] = [];
  for (const job of jobs) {
    for (const [name, output] of Object.entries(job.outputs)) {
      const path = `${job.outputsPath}.${name}`;
      const example = `s3://${parseS3Location(output)!.bucket}/output/${job.name}/`;
      const input = Object.values(job.inputs).find((uri) => sameOrNested(uri, output));
      if (input) {
        problems.push({
          path,
          message: `in ${stage}: found ${output}, which overlaps the job's input ${input}: writing it would overwrite what the job reads; expected a prefix of its own, for example ${example}`,
        });
      }
      const clash = writers.find((w) => w.job !== job.name && sameOrNested(w.uri, output));
      if (clash) {
        problems.push({
          path,
          message: `in ${stage}: found ${output}, which overlaps ${clash.uri}, an output of ${clash.job}: one job's overwrite would delete the other's data; expected a prefix per job, for example ${example}`,
        });
      }
      writers.push({ job: job.name, uri: output });
    }
  }
  return problems;
}

function sameOrNested(a: string, b: string): boolean {
  const x = parseS3Location(a)!;
  const y = parseS3Location(b)!;
  return x.bucket === y.bucket && overlaps(x.key, y.key);
}
