/** boto3 against the emulator, for the launcher's tests: a script of `step(name, call)`s and what each gave. */
import { execFile } from "node:child_process";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import type { AwsCredentials } from "../../rehearsal/emulator/emulator";
import { awsClientEnv, type EmulatorTarget } from "../../rehearsal/emulator/emulator-override";

export interface Boto3Options {
  /** Where the AWS config files of the run go. */
  readonly dir: string;
  readonly region: string;
}

/**
 * Runs `script` as `credentials`, after a `step(name, call)` that records "ok" or the error code under
 * `name` in `out` (a script may set `out` values itself); resolves with `out`.
 */
export function runBoto3Steps(emulator: EmulatorTarget, credentials: AwsCredentials, script: string, options: Boto3Options): Promise<Record<string, string>> {
  const program = [
    "import boto3, json, sys",
    "from botocore.exceptions import ClientError",
    "out = {}",
    "def step(name, call):",
    "    try:",
    "        call(); out[name] = 'ok'",
    "    except ClientError as e:",
    "        out[name] = e.response['Error']['Code']",
    script,
    "print(json.dumps(out))",
  ].join("\n");
  const env = { PATH: process.env.PATH ?? "", ...awsClientEnv(emulator, credentials, options) };
  return new Promise((resolve, reject) =>
    execFile(VENV_PYTHON, ["-c", program], { env }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}")))),
  );
}
