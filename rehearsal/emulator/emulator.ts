/**
 * The rehearsal's AWS emulator: moto_launcher.py (moto over https, with call recording and IAM
 * enforcement for assumed roles) in a child process.
 *
 *   const emulator = await startEmulator({ workDir });
 *   const admin = await emulator.adminCredentials("123456789012");   // an administrator in that account
 *   const build = await emulator.assumeRole("arn:aws:iam::123456789012:role/glue-pipeline-build", admin);
 *   emulator.readCalls(seqBefore);                                   // the calls made since
 *   await emulator.stop();
 *
 * Credentials: requests signed with keys moto does not know act in moto's default account
 * (123456789012) unenforced; those are the bootstrap keys below. `adminCredentials(account)` is an
 * STS AssumeRole, with the bootstrap keys, into `arn:aws:iam::<account>:role/rehearsal-admin`: moto
 * puts the session's keys in the role's account (the role need not exist), and the launcher does not
 * enforce IAM for that role's sessions. Every other assumed role's requests are judged against its
 * policies.
 *
 * Glue job runs: with `glueJobRuns: "local-spark"` (the rehearsal's choice) each started run runs its
 * script on local Spark as the job's role, in a folder of its own under `glueRunsDir`; by default
 * moto's own runs stay, each SUCCEEDED at once with nothing run, which is all a test of other things needs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { Agent } from "node:https";
import { join } from "node:path";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { assertMotoInstalled, freeLoopbackPort, stopChild, VENV_PYTHON } from "./moto-server";

/** The launcher and the Python packages it imports (moto_patches/, moto_support/). */
export const EMULATOR_DIR = __dirname;
export const LAUNCHER = join(EMULATOR_DIR, "moto_launcher.py");
/** The role whose sessions act as an administrator, unenforced, in any account. */
export const ADMIN_ROLE_NAME = "rehearsal-admin";
/** Keys moto does not know: the person at a laptop before any role exists. */
export const BOOTSTRAP_CREDENTIALS: AwsCredentials = { accessKeyId: "AKIAREHEARSALBOOTSTRAP", secretAccessKey: "rehearsal-bootstrap-secret" };
const STS_REGION = "us-east-1";

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** One request the emulator served (a line of the calls file). */
export interface RecordedCall {
  readonly seq: number;
  /** Unix time, seconds */
  readonly time: number;
  readonly accessKeyId: string | null;
  readonly accountId: string;
  /** arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, an IAM user's ARN, or null for unknown keys */
  readonly principalArn: string | null;
  /** arn:aws:iam::ACCT:role/ROLE for an assumed role, else null */
  readonly roleArn: string | null;
  readonly service: string | null;
  /** IAM action, e.g. s3:PutObject; null where it could not be named */
  readonly action: string | null;
  readonly region: string | null;
  readonly method: string;
  readonly path: string;
  /** query/form parameters or the JSON body's top-level keys; S3 adds Bucket and Key; long values cut */
  readonly params: Record<string, unknown>;
  readonly status: number | null;
  /** Only where IAM was enforced: "allowed" or "denied: <reason>" */
  readonly iamDecision?: string;
  /**
   * Only where IAM was enforced: the ARN the call was judged against; a list when the action needs
   * several (each allowed), e.g. a KMS alias and its key; "*" (or SNS's account-wide ARN) for an action
   * without resource-level permissions; null when the ARN could not be known and the action alone was judged.
   */
  readonly iamResource?: string | string[] | null;
  /** Only for an S3 call that used a KMS key as its caller (SSE-KMS): each use and its decision, in order. */
  readonly kmsDecisions?: readonly KmsDecision[];
}

/** A KMS key use S3 made as the caller: kms:GenerateDataKey to write, kms:Decrypt to read. */
export interface KmsDecision {
  readonly action: string;
  /** The key's ARN (what the bucket or object named, when no such key exists) */
  readonly resource: string;
  /** "allowed" or "denied: <reason>" */
  readonly decision: string;
}

export interface Emulator {
  /** https://127.0.0.1:<port> */
  readonly endpoint: string;
  /** PEM of the CA that signed the emulator's certificate */
  readonly caBundle: string;
  readonly callsFile: string;
  /** The emulator's directory: certificates, calls file, log */
  readonly dir: string;
  /** The launcher's own output */
  readonly logFile: string;
  /** Where each real Glue job run has its folder (<job>/<run id>/: its files, stdout.log, stderr.log); none with moto's runs. */
  readonly glueRunsDir?: string;
  /** Credentials of an administrator in that account (cached per account). */
  adminCredentials(accountId: string): Promise<AwsCredentials>;
  /** STS AssumeRole on the emulator, signed with `as`. */
  assumeRole(roleArn: string, as: AwsCredentials, sessionName?: string): Promise<AwsCredentials>;
  /** Calls recorded after `fromSeq` (all when omitted), in order. */
  readCalls(fromSeq?: number): RecordedCall[];
  /** seq of the last recorded call, 0 before any. */
  lastSeq(): number;
  stop(): Promise<void>;
}

export interface StartEmulatorOptions {
  /** Where the certificates, the calls file and the launcher's log go. */
  readonly workDir: string;
  /** @default .venv/bin/python of the project */
  readonly python?: string;
  /** @default 30 s */
  readonly startTimeoutMs?: number;
  /** "local-spark": every started Glue job run really runs (moto_patches/glue_job_runs.py). @default "moto": runs end SUCCEEDED at once */
  readonly glueJobRuns?: GlueJobRuns;
  /** For tests only: how many seconds one minute of a Glue job's Timeout lasts, so a TIMEOUT takes seconds. @default 60 */
  readonly testSecondsPerTimeoutMinute?: number;
}

/** Who plays a Glue job run: local Spark for real, or moto, which runs nothing. */
export type GlueJobRuns = "local-spark" | "moto";

export function parseCalls(text: string, fromSeq = 0): RecordedCall[] {
  const calls: RecordedCall[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const call = JSON.parse(line) as RecordedCall;
    if (call.seq > fromSeq) calls.push(call);
  }
  return calls;
}

export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator> {
  const python = options.python ?? VENV_PYTHON;
  assertMotoInstalled(python);
  const dir = join(options.workDir, "emulator");
  mkdirSync(dir, { recursive: true });
  const certDir = join(dir, "certs");
  const callsFile = join(dir, "calls.jsonl");
  const logFile = join(dir, "launcher.log");
  const port = await freeLoopbackPort();
  const endpoint = `https://127.0.0.1:${port}`;
  const glueJobRuns = options.glueJobRuns ?? "moto";
  const glueRunsDir = glueJobRuns === "local-spark" ? join(dir, "glue-runs") : undefined;
  const glueArgs = [
    "--glue-job-runs",
    glueJobRuns,
    ...(glueRunsDir ? ["--glue-runs-dir", glueRunsDir] : []),
    ...(options.testSecondsPerTimeoutMinute !== undefined ? ["--test-seconds-per-timeout-minute", String(options.testSecondsPerTimeoutMinute)] : []),
  ];
  const child = spawn(python, [LAUNCHER, "--port", String(port), "--cert-dir", certDir, "--calls-file", callsFile, "--admin-role", ADMIN_ROLE_NAME, "--stop-on-stdin-eof", ...glueArgs], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  // However the run ends, the emulator ends with it: on exit here, and when this process dies
  // without an exit event (a signal), the launcher sees its standard input close.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  let output = "";
  const log = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on("data", log);
  child.stderr?.on("data", log);

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    await stopChild(child);
  };
  try {
    await waitForReady(child, () => output, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const caBundle = join(certDir, "ca.pem");
  const agent = new Agent({ ca: readFileSync(caBundle), keepAlive: false });
  const sts = (credentials: AwsCredentials) =>
    new STSClient({ region: STS_REGION, endpoint, credentials, maxAttempts: 2, requestHandler: { httpsAgent: agent } });

  const assumeRole = async (roleArn: string, as: AwsCredentials, sessionName = "rehearsal"): Promise<AwsCredentials> => {
    const { Credentials: c } = await sts(as).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: 3600 }));
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`the emulator gave no credentials for ${roleArn}`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  };
  const admins = new Map<string, Promise<AwsCredentials>>();
  const readCalls = (fromSeq = 0) => (existsSync(callsFile) ? parseCalls(readFileSync(callsFile, "utf8"), fromSeq) : []);

  return {
    endpoint,
    caBundle,
    callsFile,
    dir,
    logFile,
    glueRunsDir,
    adminCredentials(accountId) {
      if (!/^\d{12}$/.test(accountId)) throw new Error(`adminCredentials: "${accountId}" is not a 12-digit account id`);
      let credentials = admins.get(accountId);
      if (!credentials) {
        credentials = assumeRole(`arn:aws:iam::${accountId}:role/${ADMIN_ROLE_NAME}`, BOOTSTRAP_CREDENTIALS, ADMIN_ROLE_NAME);
        admins.set(accountId, credentials);
      }
      return credentials;
    },
    assumeRole,
    readCalls,
    lastSeq: () => readCalls().at(-1)?.seq ?? 0,
    stop,
  };
}

function waitForReady(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`the emulator did not start within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const onData = () => {
      if (/^ready https:\/\//m.test(output())) finish();
    };
    const onExit = (code: number | null) => finish(new Error(`the emulator exited (code ${code}) before it was ready:\n${output()}`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
    onData();
  });
}
