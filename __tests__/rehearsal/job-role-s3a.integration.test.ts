/**
 * The job role the stacks synthesize, judged on what S3A asks of S3 in a real run: the dev stage's
 * ProcessLegislators role, trust and policy as synthesized from default-config.yaml, its job's
 * default arguments and security configuration, in the emulator; its script reads its input and writes
 * its output through S3A, and also writes a small file under its own --TempDir. That run must end
 * SUCCEEDED with no call denied; the same run with the grant for S3A's directory probes left out must
 * fail, naming the call.
 */
import { GetJobRunCommand, GlueClient, StartJobRunCommand, type JobRun } from "@aws-sdk/client-glue";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../../stacks/config";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { startEmulator, type AwsCredentials, type Emulator } from "../../rehearsal/emulator/emulator";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";
import { resourcesOf, synthGlueStack } from "../helpers/synth-glue-stack";

const { config, json } = synthGlueStack(join(PROJECT_DIR, "default-config.yaml"));
const stage = config.stages.dev;
const ACCOUNT = stage.account.awsAccountId;
const REGION = stage.account.awsRegion;
const job = Object.values(resourcesOf(json, "aws_glue_job")).find((j) => j.name === "dev-ProcessLegislators");
const roleId = /aws_iam_role\.([^.]+)\.arn/.exec(job.role_arn)![1];
const role = resourcesOf(json, "aws_iam_role")[roleId];
const policy = Object.values(resourcesOf(json, "aws_iam_role_policy")).find((p) => p.role === `\${aws_iam_role.${roleId}.name}`);
const KEY_TOKEN = /\$\{aws_kms_key\.[^.]+\.arn\}/g;
const args: Record<string, string> = job.default_arguments;
const SPARK_RUN_MS = 110_000;

/** Reads its input (JSON lines) and writes Parquet through S3A, then a small file under its own --TempDir. */
const SCRIPT = [
  "import sys",
  "from pyspark.sql import SparkSession",
  "args = dict(zip(sys.argv[1::2], sys.argv[2::2]))",
  "spark = SparkSession.builder.master('local[1]').config('spark.ui.enabled', 'false').config('spark.driver.bindAddress', '127.0.0.1').config('spark.driver.host', '127.0.0.1').getOrCreate()",
  "persons = spark.read.json(args['--input_path'])",
  "persons.write.mode('overwrite').parquet(args['--output_path'])",
  "spark.createDataFrame([('checkpoint',)], 'value string').coalesce(1).write.mode('overwrite').text(args['--TempDir'] + 'scratch/')",
  "print('rows', spark.read.parquet(args['--output_path']).count())",
  "spark.stop()",
].join("\n");

const s3Uri = (uri: string) => /^s3:\/\/([^/]+)\/(.*)$/.exec(uri)!.slice(1) as [string, string];

describe("the synthesized job role, on the calls S3A makes", () => {
  let workDir: string;
  let emulator: Emulator;
  let admin: AwsCredentials;
  let glue: GlueClient;

  const boto3 = (script: string): Promise<string> => {
    const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, admin, { dir: join(workDir, "boto3"), region: REGION }) };
    const program = ["import boto3, json", "from botocore.config import Config", "c = lambda s: boto3.client(s, config=Config(s3={'addressing_style': 'path'}))", script].join("\n");
    return new Promise((resolve, reject) => execFile(VENV_PYTHON, ["-c", program], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout.trim()))));
  };

  /** Makes the job `name` with the synthesized role, policy (less the statements `without`) and arguments; returns its finished run. */
  const runWith = async (name: string, without: readonly string[]): Promise<{ run: JobRun; dir: string }> => {
    const document = JSON.parse(policy.policy.replace(KEY_TOKEN, "KEY_ARN"));
    document.Statement = document.Statement.filter((s: { Sid?: string }) => !without.includes(s.Sid ?? ""));
    const roleName = `${role.name}-${name}`;
    await boto3(`
key = [k for k in c('kms').list_keys()['Keys']][0]['KeyArn']
iam = c('iam')
iam.create_role(RoleName='${roleName}', AssumeRolePolicyDocument=${JSON.stringify(role.assume_role_policy)})
iam.put_role_policy(RoleName='${roleName}', PolicyName='least-privilege', PolicyDocument=${JSON.stringify(JSON.stringify(document))}.replace('KEY_ARN', key))
c('glue').create_job(Name='${name}', Role='arn:aws:iam::${ACCOUNT}:role/${roleName}', Command={'Name': 'glueetl', 'ScriptLocation': '${job.command.script_location}'},
    GlueVersion='5.1', Timeout=${SPARK_RUN_MS / 1000}, SecurityConfiguration='security', DefaultArguments=json.loads(${JSON.stringify(JSON.stringify(args))}))
`);
    const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: name }));
    const deadline = Date.now() + SPARK_RUN_MS;
    let run: JobRun;
    do {
      await new Promise((resolve) => setTimeout(resolve, 250));
      run = (await glue.send(new GetJobRunCommand({ JobName: name, RunId: JobRunId }))).JobRun!;
    } while (run.JobRunState === "RUNNING" && Date.now() < deadline);
    return { run, dir: join(emulator.glueRunsDir!, name, JobRunId!) };
  };

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "job-role-s3a-test-"));
    emulator = await startEmulator({ workDir, glueJobRuns: "local-spark", testSecondsPerTimeoutMinute: 1 });
    admin = await emulator.adminCredentials(ACCOUNT);
    glue = new GlueClient({ region: REGION, endpoint: emulator.endpoint, credentials: admin, requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle) }) }) });
    const [stageBucket, scriptKey] = s3Uri(job.command.script_location);
    const [librariesBucket, librariesKey] = s3Uri(args["--extra-py-files"]);
    const [inputBucket, inputKey] = s3Uri(args["--input_path"]);
    const persons = readFileSync(join(PROJECT_DIR, "job_scripts", "sample_data", inputBucket, inputKey), "utf8");
    await boto3(`
import io, zipfile
key = c('kms').create_key()['KeyMetadata']['Arn']
s3 = c('s3')
for bucket in {'${stageBucket}', '${librariesBucket}', '${inputBucket}'}:
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={'LocationConstraint': '${REGION}'})
s3.put_object(Bucket='${stageBucket}', Key='${scriptKey}', Body=${JSON.stringify(SCRIPT)}.encode())
library = io.BytesIO()
with zipfile.ZipFile(library, 'w') as z:
    z.writestr('unused.py', '')
s3.put_object(Bucket='${librariesBucket}', Key='${librariesKey}', Body=library.getvalue())
s3.put_object(Bucket='${inputBucket}', Key='${inputKey}', Body=${JSON.stringify(persons)}.encode())
c('glue').create_security_configuration(Name='security', EncryptionConfiguration={'S3Encryption': [{'S3EncryptionMode': 'SSE-KMS', 'KmsKeyArn': key}]})
`);
  }, 60_000);

  afterAll(async () => {
    glue?.destroy();
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test(
    "a job script that also writes a small file under its --TempDir runs SUCCEEDED, every S3 call it made allowed",
    async () => {
      const { run, dir } = await runWith("granted-ProcessLegislators", []);
      expect(run.ErrorMessage).toBeUndefined();
      expect(run.JobRunState).toBe("SUCCEEDED");
      expect(readFileSync(join(dir, "stdout.log"), "utf8")).toContain("rows 8");
      const summary = JSON.parse(readFileSync(join(dir, "s3-calls.json"), "utf8"));
      expect(summary).toMatchObject({ s3Connector: "s3a", denied: [] });
      expect(Object.keys(summary.s3Actions).sort()).toEqual(["s3:DeleteObject", "s3:GetObject", "s3:ListBucket", "s3:PutObject"]);
      const [stageBucket, tempKey] = s3Uri(args["--TempDir"]);
      const written = await boto3(`print(json.dumps(sorted(o['Key'] for o in c('s3').list_objects_v2(Bucket='${stageBucket}', Prefix='${tempKey}scratch/').get('Contents', []))))`);
      expect(JSON.parse(written)).toEqual(expect.arrayContaining([`${tempKey}scratch/_SUCCESS`, expect.stringMatching(new RegExp(`^${tempKey}scratch/part-`))]));
    },
    SPARK_RUN_MS + 30_000,
  );

  test(
    "without the grant for S3A's directory probes the same run fails, naming the role, the call and the Spark operation",
    async () => {
      const { run } = await runWith("ungranted-ProcessLegislators", ["ProbeWriteDirectories"]);
      expect(run.JobRunState).toBe("FAILED");
      const [stageBucket] = s3Uri(args["--output_path"]);
      expect(run.ErrorMessage).toMatch(new RegExp(`^S3 denied s3:GetObject on arn:aws:s3:::${stageBucket}/output(/process_legislators)? to the job role arn:aws:iam::${ACCOUNT}:role/${role.name}-ungranted-ProcessLegislators \\(Spark operation: op_\\w+ s3://${stageBucket}/output`));
    },
    SPARK_RUN_MS + 30_000,
  );
});
