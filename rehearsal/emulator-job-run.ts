/**
 * One job run as the rehearsal runs it, on a laptop (`npm run job -- <JobName> --s3`, through
 * emulator-job-run-cli.ts). A local AWS
 * emulator is started; the job's stage stack is synthesized and what it deploys for the job is put in
 * the emulator (its role with the synthesized trust and least-privilege policy, its security
 * configuration and key, its script and libraries, the Glue job with its default arguments); the sample
 * data is put where the job reads it (as the rehearsal seeds it); then the job is started through Glue's
 * API. The emulator runs it as the rehearsal does (rehearsal/emulator/moto_support/glue_runner.py): as
 * the job's role, its Spark reading and writing the emulator's S3 through S3A, every S3 call judged
 * against the role. The run's state, error and S3 actions are printed; its folder is kept.
 */
import { GetJobRunCommand, GlueClient, StartJobRunCommand, type JobRun } from "@aws-sdk/client-glue";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { App } from "../stacks/cdktf";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { Agent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppConfig, JobConfig, StageConfig } from "../stacks/config";
import { GlueAppStack } from "../stacks/glue-app-stack";
import { writeLibrariesZip } from "../stacks/python-libraries-zip";
import { startEmulator, type Emulator } from "./emulator/emulator";
import { awsClientEnv } from "./emulator/emulator-override";
import { VENV_PYTHON } from "./emulator/moto-server";
import { formatS3Actions, S3_CALLS_FILE, type RunS3Calls } from "./job-run-s3-calls";
import { sampleObjects, seedSampleData } from "./sample-data";

const SETUP = join(__dirname, "emulator_job_setup.py");
const KEY_TOKEN = /\$\{aws_kms_key\.[^.}]+\.arn\}/g;
const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;
const POLL_MS = 500;

export interface S3RunResult {
  readonly run: JobRun;
  readonly runDir: string;
  readonly calls?: RunS3Calls;
}

/** The emulator plan of `job`: what its stage stack deploys for it, read from the synthesized JSON. */
export function jobPlan(config: AppConfig, stage: StageConfig, job: JobConfig, outdir: string): Record<string, unknown> {
  const app = new App({ outdir });
  new GlueAppStack(app, stage.stackName, { config, stage });
  app.synth();
  const json = JSON.parse(readFileSync(join(outdir, "stacks", stage.stackName, "cdk.tf.json"), "utf8"));
  const glueJob = Object.values<any>(json.resource.aws_glue_job).find((j) => j.name === job.glueJobName);
  const roleId = /aws_iam_role\.([^.]+)\.arn/.exec(glueJob.role_arn)![1];
  const role = json.resource.aws_iam_role[roleId];
  const policy = Object.values<any>(json.resource.aws_iam_role_policy).find((p) => p.role === `\${aws_iam_role.${roleId}.name}`);
  const security = Object.values<any>(json.resource.aws_glue_security_configuration)[0];
  const code = [glueJob.command.script_location, glueJob.default_arguments["--extra-py-files"]].filter(Boolean) as string[];
  const files: Record<string, string> = { [glueJob.command.script_location]: join(config.jobScriptsDir, job.script) };
  if (glueJob.default_arguments["--extra-py-files"]) files[glueJob.default_arguments["--extra-py-files"]] = writeLibrariesZip(config.jobScriptsDir, config.pythonLibraries);
  const split = (uri: string) => S3_URI.exec(uri)!.slice(1) as [string, string];
  return {
    region: stage.account.awsRegion,
    buckets: [...new Set(code.map((uri) => split(uri)[0]))],
    objects: code.map((uri) => ({ bucket: split(uri)[0], key: split(uri)[1], file: files[uri] })),
    securityConfiguration: security.name,
    role: { name: role.name, trust: role.assume_role_policy, policy: policy.policy.replace(KEY_TOKEN, "KEY_ARN") },
    job: {
      name: job.glueJobName,
      scriptLocation: glueJob.command.script_location,
      defaultArguments: glueJob.default_arguments,
      glueVersion: glueJob.glue_version,
      timeoutMinutes: glueJob.timeout,
    },
  };
}

/** Runs `job` of `stage` in a fresh emulator as described above; `log` gets the progress lines. */
export async function runJobOnEmulatorS3(config: AppConfig, stage: StageConfig, job: JobConfig, log: (line: string) => void): Promise<S3RunResult> {
  const workDir = mkdtempSync(join(tmpdir(), "glue-job-s3-"));
  log(`starting the emulator in ${workDir}`);
  const emulator = await startEmulator({ workDir, glueJobRuns: "local-spark" });
  try {
    const seeded = await seedSampleData(emulator, sampleObjects(config), workDir);
    log(`sample data: ${seeded.objects} object(s) where the config's jobs read, as the rehearsal puts them`);
    await setUp(emulator, stage, jobPlan(config, stage, job, join(workDir, "cdktf.out")), workDir);
    log(`${job.glueJobName}: its role, policy, security configuration, script and libraries as ${stage.stackName} deploys them`);
    const admin = await emulator.adminCredentials(stage.account.awsAccountId);
    const glue = new GlueClient({
      region: stage.account.awsRegion,
      endpoint: emulator.endpoint,
      credentials: admin,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(emulator.caBundle) }) }),
    });
    try {
      const { JobRunId } = await glue.send(new StartJobRunCommand({ JobName: job.glueJobName }));
      log(`started run ${JobRunId}; its folder: ${join(emulator.glueRunsDir!, job.glueJobName, JobRunId!)}`);
      let run: JobRun;
      do {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        run = (await glue.send(new GetJobRunCommand({ JobName: job.glueJobName, RunId: JobRunId }))).JobRun!;
      } while (run.JobRunState === "RUNNING");
      const runDir = join(emulator.glueRunsDir!, job.glueJobName, JobRunId!);
      let calls: RunS3Calls | undefined;
      try {
        calls = JSON.parse(readFileSync(join(runDir, S3_CALLS_FILE), "utf8"));
      } catch {
        calls = undefined;
      }
      return { run, runDir, calls };
    } finally {
      glue.destroy();
    }
  } finally {
    await emulator.stop();
  }
}

async function setUp(emulator: Emulator, stage: StageConfig, plan: Record<string, unknown>, workDir: string): Promise<void> {
  const admin = await emulator.adminCredentials(stage.account.awsAccountId);
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", "job"), region: stage.account.awsRegion }) };
  await new Promise<void>((resolve, reject) => {
    const child = execFile(VENV_PYTHON, [SETUP], { env }, (error, _stdout, stderr) => (error ? reject(new Error(`putting the job in the emulator failed: ${stderr.trim() || error.message}`)) : resolve()));
    child.stdin?.end(JSON.stringify(plan));
  });
}

/** The lines `npm run job -- --s3` prints of a finished run. */
export function describeS3Run(result: S3RunResult): string[] {
  const { run, calls } = result;
  return [
    `${run.JobName} ${run.JobRunState} in ${run.ExecutionTime ?? 0} s${run.ErrorMessage ? `: ${run.ErrorMessage}` : ""}`,
    ...(calls ? [`S3 through ${calls.s3Connector} as ${calls.roleArn}: ${formatS3Actions(calls.s3Actions) || "no call"}${calls.denied.length ? ` (${calls.denied.length} denied)` : ""}`] : []),
    `run folder (script output, stderr.log, s3-calls.json): ${result.runDir}`,
  ];
}
