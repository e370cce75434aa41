/**
 * The launcher's real Glue job runs (gaps glue-job-runs and glue-job-run-arguments) against the real
 * launcher: jobs with tiny scripts in the emulator's S3, started through the Glue API. A minute of a
 * job's Timeout lasts one second here (testSecondsPerTimeoutMinute), so a TIMEOUT takes a second.
 */
import {
  GetJobRunCommand,
  GetJobRunsCommand,
  GetWorkflowRunCommand,
  GlueClient,
  StartJobRunCommand,
  StartWorkflowRunCommand,
  type JobRun,
} from "@aws-sdk/client-glue";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IntegOptions } from "../../integ/args";
import { runIntegrationTest } from "../../integ/integ-test";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { EMULATOR_DIR, startEmulator, type AwsCredentials, type Emulator } from "../../rehearsal/emulator/emulator";
import { awsClientEnv } from "../../rehearsal/emulator/emulator-override";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";
const BUCKET = `code-${ACCOUNT}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
/** A run that starts Spark (a JVM with S3A) on a loaded machine. */
const SPARK_RUN_MS = 110_000;

/**
 * The scripts, as a job's ScriptLocation holds them. copy_upper.py is a Spark job: it reads --input and
 * writes --output and a scratch file under its --TempDir, all s3:// paths that its Spark reaches through
 * S3A, and imports textops from the --extra-py-files zip. Its session sets spark.driver.extraJavaOptions,
 * as the job runtime's does, which must not lose the emulator's truststore.
 */
const SCRIPTS: Record<string, string> = {
  "copy_upper.py": [
    "import sys, json, boto3",
    "from pyspark.sql import SparkSession",
    "from textops import shout",
    "args = dict(zip(sys.argv[1::2], sys.argv[2::2]))",
    "print('args', json.dumps(args))",
    "print('caller', boto3.client('sts').get_caller_identity()['Arn'])",
    "spark = (SparkSession.builder.master('local[1]').config('spark.ui.enabled', 'false').config('spark.driver.bindAddress', '127.0.0.1')",
    "    .config('spark.driver.host', '127.0.0.1').config('spark.driver.extraJavaOptions', '-XX:+UseSerialGC').getOrCreate())",
    "rows = [(shout(r.value),) for r in spark.read.text(args['--input']).collect()]",
    "spark.createDataFrame(rows, 'value string').coalesce(1).write.mode('overwrite').text(args['--output'])",
    "spark.createDataFrame([('scratch',)], 'value string').coalesce(1).write.mode('overwrite').text(args['--TempDir'] + 'scratch/')",
    "print('read back', spark.read.text(args['--output']).collect()[0].value)",
    "spark.stop()",
  ].join("\n"),
  "raise.py": "import sys\nprint('starting', file=sys.stderr)\nraise ValueError('the input is odd')\n",
  "sleep.py": "import sys, time\nargs = dict(zip(sys.argv[1::2], sys.argv[2::2]))\ntime.sleep(float(args.get('--seconds', '30')))\n",
  "quick.py": "print('done')\n",
};

/** Job name -> [script, role, Timeout (minutes, here seconds), extra default arguments] */
const JOBS: Record<string, [string, string, number, Record<string, string>]> = {
  "t-Copy": ["copy_upper.py", "job-runner", 120, { "--output": `s3://${BUCKET}/out/copy/` }],
  "bad-Raise": ["raise.py", "job-runner", 5, {}],
  "t-Sleep": ["sleep.py", "job-runner", 1, {}],
  "t-Once": ["sleep.py", "job-runner", 5, { "--seconds": "2" }],
  "t-NoInput": ["copy_upper.py", "job-without-input", 120, { "--output": `s3://${BUCKET}/out/denied/` }],
  "t-Untrusted": ["quick.py", "not-for-glue", 5, {}],
  "wf-First": ["quick.py", "job-runner", 5, {}],
  "wf-Second": ["quick.py", "job-runner", 5, {}],
};

const policy = (readData: boolean) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: "s3:GetObject", Resource: [`arn:aws:s3:::${BUCKET}/scripts/*`, `arn:aws:s3:::${BUCKET}/libraries/*`, ...(readData ? [`arn:aws:s3:::${BUCKET}/data/*`] : [])] },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${BUCKET}/out/*`, `arn:aws:s3:::${BUCKET}/temp/*`] },
      // S3A's mkdirs probes the parents of what it writes (HEAD out, HEAD temp).
      { Effect: "Allow", Action: "s3:GetObject", Resource: [`arn:aws:s3:::${BUCKET}/out`, `arn:aws:s3:::${BUCKET}/temp`] },
      { Effect: "Allow", Action: "s3:ListBucket", Resource: `arn:aws:s3:::${BUCKET}` },
      { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: "*" },
    ],
  });

const SETUP = `
import io, json, zipfile
kms = c('kms'); s3 = c('s3'); iam = c('iam'); glue = c('glue')
key = kms.create_key()['KeyMetadata']['Arn']
out['key'] = key
s3.create_bucket(Bucket='${BUCKET}', CreateBucketConfiguration={'LocationConstraint': '${REGION}'})
for name, text in json.loads(r'''${JSON.stringify(SCRIPTS)}''').items():
    s3.put_object(Bucket='${BUCKET}', Key='scripts/' + name, Body=text.encode())
library = io.BytesIO()
with zipfile.ZipFile(library, 'w') as z:
    z.writestr('textops.py', 'def shout(text):\\n    return text.upper()\\n')
s3.put_object(Bucket='${BUCKET}', Key='libraries/lib.zip', Body=library.getvalue())
s3.put_object(Bucket='${BUCKET}', Key='data/in.txt', Body=b'hello')
for name, service, read in (('job-runner', 'glue.amazonaws.com', True), ('job-without-input', 'glue.amazonaws.com', False), ('not-for-glue', 'lambda.amazonaws.com', True)):
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': service}, 'Action': 'sts:AssumeRole', 'Condition': {'StringEquals': {'aws:SourceAccount': '${ACCOUNT}'}}}]}))
    iam.put_role_policy(RoleName=name, PolicyName='run', PolicyDocument=${JSON.stringify(policy(true))} if read else ${JSON.stringify(policy(false))})
glue.create_security_configuration(Name='sec', EncryptionConfiguration={'S3Encryption': [{'S3EncryptionMode': 'SSE-KMS', 'KmsKeyArn': key}]})
for name, (script, role, timeout, extra) in json.loads(r'''${JSON.stringify(JOBS)}''').items():
    glue.create_job(Name=name, Role='arn:aws:iam::${ACCOUNT}:role/' + role, Command={'Name': 'glueetl', 'ScriptLocation': 's3://${BUCKET}/scripts/' + script},
        Timeout=timeout, ExecutionProperty={'MaxConcurrentRuns': 1}, GlueVersion='5.1', WorkerType='G.1X', NumberOfWorkers=2, SecurityConfiguration='sec',
        DefaultArguments={'--input': 's3://${BUCKET}/data/in.txt', '--extra-py-files': 's3://${BUCKET}/libraries/lib.zip', '--TempDir': 's3://${BUCKET}/temp/', **extra},
        Tags={'stack_name': name.split('-')[0] + '-glue'})
glue.create_workflow(Name='wf-chain', MaxConcurrentRuns=1)
glue.create_trigger(Name='wf-start', WorkflowName='wf-chain', Type='ON_DEMAND', Actions=[{'JobName': 'wf-First'}])
glue.create_trigger(Name='wf-after', WorkflowName='wf-chain', Type='CONDITIONAL', StartOnCreation=True,
    Predicate={'Logical': 'AND', 'Conditions': [{'JobName': 'wf-First', 'State': 'SUCCEEDED', 'LogicalOperator': 'EQUALS'}]}, Actions=[{'JobName': 'wf-Second'}])
`;

describe("glue_job_runs: a started Glue job run really runs", () => {
  let workDir: string;
  let emulator: Emulator;
  let admin: AwsCredentials;
  let glue: GlueClient;
  let key: string;

  /** Runs boto3 code as `credentials`; `c(service)` makes a client, `out` is printed as JSON. */
  const boto3 = (credentials: AwsCredentials, script: string): Promise<Record<string, string>> => {
    const program = ["import boto3, json", "from botocore.config import Config", "out = {}", "c = lambda s: boto3.client(s, config=Config(s3={'addressing_style': 'path'}))", script, "print(json.dumps(out))"].join("\n");
    const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, credentials, { dir: join(workDir, "boto3"), region: REGION }) };
    return new Promise((resolve, reject) =>
      execFile(VENV_PYTHON, ["-c", program], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}")))),
    );
  };
  const start = async (JobName: string, Arguments?: Record<string, string>) => (await glue.send(new StartJobRunCommand({ JobName, Arguments }))).JobRunId!;
  const runOf = async (JobName: string, RunId: string) => (await glue.send(new GetJobRunCommand({ JobName, RunId }))).JobRun!;
  const finished = async (JobName: string, RunId: string, timeoutMs = 20_000): Promise<JobRun> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await runOf(JobName, RunId);
      if (run.JobRunState !== "RUNNING" || Date.now() > deadline) return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const runDir = (job: string, runId: string) => join(emulator.glueRunsDir!, job, runId);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "glue-job-runs-test-"));
    emulator = await startEmulator({ workDir, glueJobRuns: "local-spark", testSecondsPerTimeoutMinute: 1 });
    admin = await emulator.adminCredentials(ACCOUNT);
    glue = new GlueClient({ region: REGION, endpoint: emulator.endpoint, credentials: admin, requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle) }) }) });
    ({ key } = await boto3(admin, SETUP));
  }, 60_000);

  afterAll(async () => {
    glue?.destroy();
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  describe("a run of t-Copy", () => {
    let runId: string;
    let run: JobRun;
    let fromSeq: number;
    beforeAll(async () => {
      fromSeq = emulator.lastSeq();
      runId = await start("t-Copy", { "--greeting": "hi" });
      run = await finished("t-Copy", runId, SPARK_RUN_MS);
    }, SPARK_RUN_MS + 10_000);

    test("runs the job's script from S3 with its --extra-py-files zip, and ends SUCCEEDED with a real ExecutionTime", () => {
      expect(run).toMatchObject({ JobRunState: "SUCCEEDED", GlueVersion: "5.1", WorkerType: "G.1X", NumberOfWorkers: 2, Timeout: 120 });
      expect(run.ErrorMessage).toBeUndefined();
      expect(run.ExecutionTime).toBeGreaterThanOrEqual(1);
      expect(run.CompletedOn!.getTime()).toBeGreaterThanOrEqual(run.StartedOn!.getTime());
    });

    test("hands the script Glue's --JOB_* arguments and the defaults merged with the run's, S3 locations as they are", () => {
      const stdout = readFileSync(join(runDir("t-Copy", runId), "stdout.log"), "utf8");
      const args = JSON.parse(stdout.split("\n")[0].replace(/^args /, "")) as Record<string, string>;
      expect(args).toMatchObject({
        "--JOB_NAME": "t-Copy",
        "--JOB_RUN_ID": runId,
        "--greeting": "hi",
        "--TempDir": `s3://${BUCKET}/temp/`,
        "--input": `s3://${BUCKET}/data/in.txt`,
        "--output": `s3://${BUCKET}/out/copy/`,
      });
      expect(stdout).toContain("read back HELLO");
    });

    test("acts as the job's role: Glue's fetch, the script's own AWS calls and every S3 call of its Spark (S3A), each judged and allowed", () => {
      expect(readFileSync(join(runDir("t-Copy", runId), "stdout.log"), "utf8")).toContain(`caller arn:aws:sts::${ACCOUNT}:assumed-role/job-runner/GlueJobRunnerSession`);
      const calls = emulator.readCalls(fromSeq).filter((c) => c.roleArn === role("job-runner"));
      const made = calls.map((c) => `${c.action} ${c.params.Key ?? ""}`.trim());
      expect(made).toEqual(expect.arrayContaining(["s3:GetObject scripts/copy_upper.py", "s3:GetObject libraries/lib.zip", "s3:GetObject data/in.txt", "sts:GetCallerIdentity"]));
      // S3A's own calls: the input's probe, the output's listing, and the committed files under out/ and temp/.
      expect(made).toEqual(expect.arrayContaining(["s3:ListBucket"]));
      expect(made.filter((m) => /^s3:PutObject out\/copy\/part-/.test(m))).not.toEqual([]);
      expect(made.filter((m) => /^s3:PutObject temp\/scratch\/part-/.test(m))).not.toEqual([]);
      expect(calls.filter((c) => c.iamDecision !== undefined && c.iamDecision !== "allowed")).toEqual([]);
    });

    test("S3A writes with its security configuration's key (SSE-KMS)", async () => {
      const object = await boto3(
        admin,
        `s3 = c('s3'); k = [o['Key'] for o in s3.list_objects_v2(Bucket='${BUCKET}', Prefix='out/copy/part-')['Contents']][0]\nr = s3.get_object(Bucket='${BUCKET}', Key=k); out.update(body=r['Body'].read().decode().strip(), sse=r.get('ServerSideEncryption'), key=r.get('SSEKMSKeyId'))`,
      );
      expect(object).toEqual({ body: "HELLO", sse: "aws:kms", key });
    });

    test("the run's folder keeps its S3 calls: the connector and each S3 action with its count", () => {
      const summary = JSON.parse(readFileSync(join(runDir("t-Copy", runId), "s3-calls.json"), "utf8"));
      expect(summary).toMatchObject({ s3Connector: "s3a", roleArn: role("job-runner"), fetchActions: { "s3:GetObject": 2 }, denied: [] });
      const recorded = emulator.readCalls(fromSeq).filter((c) => c.roleArn === role("job-runner") && c.service === "s3").length;
      const counted = [...Object.values(summary.s3Actions), ...Object.values(summary.fetchActions)].reduce((a: number, b) => a + Number(b), 0);
      expect(counted).toBe(recorded);
      expect(summary.s3Actions["s3:PutObject"]).toBeGreaterThanOrEqual(2);
    });

    test("GetJobRun and GetJobRuns report the run's own Arguments, not the job's defaults merged in", async () => {
      expect(run.Arguments).toEqual({ "--greeting": "hi" });
      const { JobRuns } = await glue.send(new GetJobRunsCommand({ JobName: "t-Copy" }));
      expect(JobRuns?.find((r) => r.Id === runId)?.Arguments).toEqual({ "--greeting": "hi" });
    });
  });

  test("a script that raises ends FAILED with its error line, and the integration test fails naming the job and the line", async () => {
    const options: IntegOptions = { account: ACCOUNT, region: REGION, stageName: "bad", maxWaitMinutes: 1, maxDurationSeconds: 600, concurrency: 10, mode: "auto" };
    const report = await runIntegrationTest(glue, options, () => {}, { wait: { minDelayMs: 100, maxDelayMs: 100 } });
    expect(report.passed).toBe(false);
    expect(report.outcomes).toEqual([expect.objectContaining({ jobName: "bad-Raise", state: "FAILED", passed: false, reason: "ended FAILED: ValueError: the input is odd" })]);
  });

  test("past its Timeout a run is stopped and marked TIMEOUT", async () => {
    const runId = await start("t-Sleep");
    const run = await finished("t-Sleep", runId);
    expect(run).toMatchObject({ JobRunState: "TIMEOUT", Timeout: 1, ErrorMessage: "Job run timed out after 1 minute(s) (its Timeout)" });
    expect(run.ExecutionTime).toBeLessThan(10);
  });

  test("a second start while the one run MaxConcurrentRuns allows is running is refused; the first runs on", async () => {
    const first = await start("t-Once");
    await expect(start("t-Once")).rejects.toMatchObject({ name: "ConcurrentRunsExceededException", message: expect.stringContaining("MaxConcurrentRuns is 1") });
    expect((await finished("t-Once", first)).JobRunState).toBe("SUCCEEDED");
    expect((await glue.send(new GetJobRunsCommand({ JobName: "t-Once" }))).JobRuns?.map((r) => r.Id)).toEqual([first]);
  });

  test("a call S3A makes that the job role may not fails the run, naming the role, the action, the resource and the Spark operation", async () => {
    const fromSeq = emulator.lastSeq();
    const runId = await start("t-NoInput");
    const run = await finished("t-NoInput", runId, SPARK_RUN_MS);
    expect(run.JobRunState).toBe("FAILED");
    expect(run.ErrorMessage).toMatch(
      new RegExp(`^S3 denied s3:GetObject on arn:aws:s3:::${BUCKET}/data/in.txt to the job role ${role("job-without-input")} \\(Spark operation: op_\\w+ s3://${BUCKET}/data/in.txt`),
    );
    const denied = emulator.readCalls(fromSeq).filter((c) => c.roleArn === role("job-without-input") && c.iamDecision?.startsWith("denied"));
    expect(denied.map((c) => [c.action, c.iamResource])).toContainEqual(["s3:GetObject", `arn:aws:s3:::${BUCKET}/data/in.txt`]);
    expect(JSON.parse(readFileSync(join(runDir("t-NoInput", runId), "s3-calls.json"), "utf8")).denied).toContainEqual(
      expect.objectContaining({ action: "s3:GetObject", resource: `arn:aws:s3:::${BUCKET}/data/in.txt` }),
    );
  }, SPARK_RUN_MS + 10_000);

  test("Glue assumes only a role whose trust policy lets glue.amazonaws.com assume it", async () => {
    const run = await finished("t-Untrusted", await start("t-Untrusted"));
    expect(run).toMatchObject({ JobRunState: "FAILED", ErrorMessage: `the trust policy of ${role("not-for-glue")} does not let glue.amazonaws.com assume it for arn:aws:glue:${REGION}:${ACCOUNT}:job/t-Untrusted` });
  });

  test("in a workflow run, a conditional trigger fires when the job it waits for ends, without waiting for a GetWorkflowRun", async () => {
    const { RunId } = await glue.send(new StartWorkflowRunCommand({ Name: "wf-chain" }));
    let second: JobRun | undefined;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline && second?.JobRunState !== "SUCCEEDED"; await new Promise((r) => setTimeout(r, 100))) {
      second = (await glue.send(new GetJobRunsCommand({ JobName: "wf-Second" }))).JobRuns?.[0];
    }
    expect(second?.JobRunState).toBe("SUCCEEDED");
    const { Run } = await glue.send(new GetWorkflowRunCommand({ Name: "wf-chain", RunId, IncludeGraph: true }));
    expect(Run).toMatchObject({ Status: "COMPLETED", Statistics: { TotalActions: 2, SucceededActions: 2 } });
    const first = (await glue.send(new GetJobRunsCommand({ JobName: "wf-First" }))).JobRuns![0];
    expect(second!.StartedOn!.getTime()).toBeGreaterThanOrEqual(first.CompletedOn!.getTime());
  });

  test("each run has a folder of its own with the script's output and errors", () => {
    const raised = readdirSync(join(emulator.glueRunsDir!, "bad-Raise"));
    expect(raised).toHaveLength(1);
    expect(readFileSync(join(emulator.glueRunsDir!, "bad-Raise", raised[0], "stderr.log"), "utf8")).toMatch(/starting\n[\s\S]*ValueError: the input is odd/);
  });
});

describe("last_error_line: what becomes a FAILED run's ErrorMessage", () => {
  const CASES: Array<[string, string, string | null]> = [
    [
      "a traceback's exception line, past Spark's logging after it",
      'Traceback (most recent call last):\n  File "job.py", line 3, in <module>\n    main()\nKeyError: \'org_id\'\n25/11/25 02:43:30 WARN SparkStringUtils: Truncated\n25/11/25 02:43:31 INFO ShutdownHookManager: Deleting directory',
      "KeyError: 'org_id'",
    ],
    [
      "the last of chained tracebacks, first line of a Py4J error with its Java trace",
      "Traceback (most recent call last):\nValueError: first\n\nDuring handling of the above exception, another exception occurred:\n\nTraceback (most recent call last):\n  File \"x.py\", line 1\npy4j.protocol.Py4JJavaError: An error occurred while calling o42.parquet.\n: java.io.IOException: boom\n\tat org.apache.Foo.bar(Foo.java:1)",
      "py4j.protocol.Py4JJavaError: An error occurred while calling o42.parquet.",
    ],
    ["the job runtime's one-line error", "Setting default log level to \"WARN\".\nerror: input path does not exist: /data/persons.json\n25/11/25 02:43:31 WARN Utils: x", "error: input path does not exist: /data/persons.json"],
    ["a message given to sys.exit", "stopping: no rows", "stopping: no rows"],
    ["nothing but Spark's logging", "25/11/25 02:43:31 WARN Utils: x", null],
  ];
  const results: Array<string | null> = JSON.parse(
    execFileSync(VENV_PYTHON, ["-c", "import json, sys\nsys.path.insert(0, sys.argv[1])\nfrom moto_support.glue_run_process import last_error_line\nprint(json.dumps([last_error_line(t) for t in json.load(sys.stdin)]))", EMULATOR_DIR], {
      input: JSON.stringify(CASES.map(([, text]) => text)),
      encoding: "utf8",
    }),
  );
  test.each(CASES.map(([name], i) => [name, i] as const))("%s", (_name, index) => {
    expect(results[index]).toBe(CASES[index][2]);
  });
});
