/**
 * The jobs' inputs in the emulator: the project's sample data (job_scripts/sample_data, the files
 * `npm run job` reads) put at the S3 locations the config's jobs read, before DeployDev's jobs run.
 *
 * On AWS those inputs are in s3://awsglue-datasets, a public bucket of AWS's own, in no account of the
 * project. So here each bucket the sample data names is made in an account of its own
 * (SAMPLE_DATA_OWNER_ACCOUNT) by its administrator, with a policy that lets anyone read it: a job role
 * reads it across accounts only where its own policy allows too, as on AWS. The account is in no
 * topology, so the tear-down's inventory does not count the bucket as the project's.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { PROJECT_DIR, type AppConfig } from "../stacks/config";
import { DEFAULT_LOCAL_DATA_DIR, localPathFor } from "../local-run/local-run-args";
import { VENV_PYTHON } from "./emulator/moto-server";
import type { Emulator } from "./emulator/emulator";
import { awsClientEnv } from "./emulator/emulator-override";

/** Stands for the AWS account that owns the public data sets' buckets. */
export const SAMPLE_DATA_OWNER_ACCOUNT = "210987654321";
/** Where s3://awsglue-datasets is. */
export const SAMPLE_DATA_REGION = "us-east-1";
export const SAMPLE_DATA_DIR = join(PROJECT_DIR, DEFAULT_LOCAL_DATA_DIR);
const SEEDER = join(__dirname, "seed_sample_data.py");
const S3_URI = /^s3:\/\/([^/]+)\/?(.*)$/;

export interface SampleObject {
  readonly bucket: string;
  readonly key: string;
  readonly file: string;
}

/**
 * Every object to put: for each job input of any stage read from S3 (not from a table) whose sample
 * copy exists, that file, or every file under that folder.
 */
export function sampleObjects(config: Pick<AppConfig, "stages">, sampleDir = SAMPLE_DATA_DIR): SampleObject[] {
  const objects = new Map<string, SampleObject>();
  for (const stage of Object.values(config.stages)) {
    for (const job of Object.values(stage.jobs)) {
      for (const [name, location] of Object.entries(job.inputs)) {
        const match = S3_URI.exec(location);
        if (!match || Object.hasOwn(job.inputTables, name)) continue;
        const local = localPathFor(location, sampleDir);
        if (!existsSync(local)) continue;
        const [, bucket, key] = match;
        for (const file of filesUnder(local)) {
          const objectKey = file === local ? key : `${key.replace(/\/?$/, "/")}${relative(local, file).split(sep).join("/")}`;
          objects.set(`${bucket}/${objectKey}`, { bucket, key: objectKey, file });
        }
      }
    }
  }
  return [...objects.values()].sort((a, b) => `${a.bucket}/${a.key}`.localeCompare(`${b.bucket}/${b.key}`));
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
}

export interface SeedResult {
  readonly buckets: number;
  readonly objects: number;
  readonly bytes: number;
}

/** Creates the buckets (public-read) and puts the objects, as the data owner's administrator. */
export async function seedSampleData(emulator: Emulator, objects: readonly SampleObject[], workDir: string): Promise<SeedResult> {
  const admin = await emulator.adminCredentials(SAMPLE_DATA_OWNER_ACCOUNT);
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", "sample-data"), region: SAMPLE_DATA_REGION }) };
  const plan = { buckets: [...new Set(objects.map((o) => o.bucket))].map((name) => ({ name, region: SAMPLE_DATA_REGION })), objects };
  return new Promise((resolve, reject) => {
    const child = execFile(VENV_PYTHON, [SEEDER], { env }, (error, stdout, stderr) =>
      error ? reject(new Error(`seeding the sample data failed: ${stderr.trim() || error.message}`)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as SeedResult),
    );
    child.stdin?.end(JSON.stringify(plan));
  });
}
