/**
 * Gap s3-list-deleted-prefixes against the real launcher: in a versioned bucket, a listing with a
 * delimiter names no prefix whose keys are all deleted, as S3 lists them. Without it a second write to
 * an output fails in the committer (its earlier run's _temporary/0/task_N/ is listed, then cannot be stat'ed).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type Emulator } from "../../rehearsal/emulator/emulator";
import { runBoto3Steps } from "./boto3-steps";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";
const BUCKET = `data-${ACCOUNT}`;

describe("ListObjectsV2 with a delimiter, in a versioned bucket", () => {
  let workDir: string;
  let emulator: Emulator;
  let out: Record<string, string>;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "s3-list-deleted-prefixes-test-"));
    emulator = await startEmulator({ workDir });
    const admin = await emulator.adminCredentials(ACCOUNT);
    out = await runBoto3Steps(
      emulator,
      admin,
      `s3 = boto3.client('s3')
s3.create_bucket(Bucket='${BUCKET}', CreateBucketConfiguration={'LocationConstraint': '${REGION}'})
s3.put_bucket_versioning(Bucket='${BUCKET}', VersioningConfiguration={'Status': 'Enabled'})
for key in ('out/_temporary/0/task_1/part-0', 'out/_temporary/0/task_1/', 'out/_temporary/0/task_2/part-0', 'out/part-0'):
    s3.put_object(Bucket='${BUCKET}', Key=key, Body=b'x')
s3.delete_objects(Bucket='${BUCKET}', Delete={'Objects': [{'Key': 'out/_temporary/0/task_1/part-0'}, {'Key': 'out/_temporary/0/task_1/'}]})
listing = s3.list_objects_v2(Bucket='${BUCKET}', Prefix='out/_temporary/0/', Delimiter='/')
out['prefixes'] = [p['Prefix'] for p in listing.get('CommonPrefixes', [])]
top = s3.list_objects_v2(Bucket='${BUCKET}', Prefix='out/', Delimiter='/')
out['top'] = [p['Prefix'] for p in top.get('CommonPrefixes', [])] + [o['Key'] for o in top.get('Contents', [])]
versions = s3.list_object_versions(Bucket='${BUCKET}', Prefix='out/_temporary/0/task_1/')
out['markers'] = sorted(m['Key'] for m in versions.get('DeleteMarkers', []))`,
      { dir: join(workDir, "boto3"), region: REGION },
    );
  }, 60_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("a prefix whose keys are all delete markers is not listed; one with a live key is", () => {
    expect(out.prefixes).toEqual(["out/_temporary/0/task_2/"]);
    expect(out.top).toEqual(["out/_temporary/", "out/part-0"]);
  });

  test("the deleted keys keep their delete markers: only the listing changes", () => {
    expect(out.markers).toEqual(["out/_temporary/0/task_1/", "out/_temporary/0/task_1/part-0"]);
  });
});
