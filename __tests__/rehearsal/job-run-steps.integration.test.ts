/**
 * The rehearsal's steps around the real job runs, against the real launcher: the sample data seeded in
 * a public bucket of an account of its own, which a job role of the stage reads only where its own
 * policy allows too; and the outputs' rows counted from their Parquet footers and judged.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, PROJECT_DIR, type AppConfig } from "../../stacks/config";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { startEmulator, type AwsCredentials, type Emulator } from "../../rehearsal/emulator/emulator";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";
import { jobOutputsStep, seedSampleDataStep } from "../../rehearsal/job-run-steps";

describe("seedSampleDataStep and jobOutputsStep against the launcher", () => {
  let workDir: string;
  let emulator: Emulator;
  let config: AppConfig;
  let admin: AwsCredentials;
  const boto3 = (credentials: AwsCredentials, script: string): Promise<Record<string, unknown>> => {
    const program = ["import boto3, json", "from botocore.config import Config", "out = {}", "s3 = boto3.client('s3', config=Config(s3={'addressing_style': 'path'}))", script, "print(json.dumps(out))"].join("\n");
    const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, credentials, { dir: join(workDir, "boto3", credentials.accessKeyId), region: "eu-west-1" }) };
    return new Promise((resolve, reject) =>
      execFile(VENV_PYTHON, ["-c", program], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}")))),
    );
  };
  /** Writes `rows` rows as one Parquet file under the dev job's output. */
  const writeOutput = (name: string, rows: number) =>
    boto3(admin, `import io, pyarrow, pyarrow.parquet as pq\nb = io.BytesIO(); pq.write_table(pyarrow.table({'n': list(range(${rows}))}), b)\ns3.put_object(Bucket='dev-glue-123456789012-eu-west-1', Key='output/${name}/part-00000.snappy.parquet', Body=b.getvalue())\ns3.put_object(Bucket='dev-glue-123456789012-eu-west-1', Key='output/${name}/_SUCCESS', Body=b'')`);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "job-run-steps-test-"));
    emulator = await startEmulator({ workDir });
    config = loadConfig(join(PROJECT_DIR, "default-config.yaml"));
    admin = await emulator.adminCredentials("123456789012");
  });
  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  test("the sample data lands in a public bucket of the data owner's, readable across accounts where the reader's policy allows", async () => {
    const step = await seedSampleDataStep(emulator, config, workDir);
    expect(step).toMatchObject({ result: "passed", ran: "3 object(s) of job_scripts/sample_data into s3://awsglue-datasets" });
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "sts:AssumeRole" }] });
    const read = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::awsglue-datasets/examples/*" }] });
    await boto3(admin, `iam = boto3.client('iam')\nfor name in ('reader', 'stranger'):\n    iam.create_role(RoleName=name, AssumeRolePolicyDocument='${trust}')\niam.put_role_policy(RoleName='reader', PolicyName='read', PolicyDocument='${read}')`);
    const get = "try:\n    out['lines'] = len(s3.get_object(Bucket='awsglue-datasets', Key='examples/us-legislators/all/persons.json')['Body'].read().splitlines())\nexcept Exception as e:\n    out['error'] = e.response['Error']['Code']";
    expect(await boto3(await emulator.assumeRole("arn:aws:iam::123456789012:role/reader", admin), get)).toEqual({ lines: 8 });
    expect(await boto3(await emulator.assumeRole("arn:aws:iam::123456789012:role/stranger", admin), get)).toEqual({ error: "AccessDenied" });
  });

  test("the outputs are judged by their Parquet rows: a wrong count fails the step, naming the job and both counts", async () => {
    await boto3(admin, "s3.create_bucket(Bucket='dev-glue-123456789012-eu-west-1', CreateBucketConfiguration={'LocationConstraint': 'eu-west-1'})");
    await writeOutput("process_legislators", 8);
    await writeOutput("join_legislators", 9);
    await writeOutput("summarize_legislators", 3);
    const lines: string[] = [];
    const failed = await jobOutputsStep(emulator, config, workDir, (line) => lines.push(line));
    expect(failed).toMatchObject({ result: "failed", ran: "2 of 3 output(s) in S3 with the sample data's rows", error: "dev-SummarizeLegislators output_path: 3 rows (expected 2)" });
    expect(lines).toContain("rehearsal: IntegTest's job outputs (dev): dev-JoinLegislators output_path: 9 rows (expected 9)");
    await writeOutput("summarize_legislators", 2);
    expect(await jobOutputsStep(emulator, config, workDir, () => {})).toMatchObject({ result: "passed", ran: "3 of 3 output(s) in S3 with the sample data's rows" });
  });
});
