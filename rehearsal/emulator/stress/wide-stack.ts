/**
 * The stress test's Terraform client: a wide stack of IAM roles with inline policies, S3 objects and
 * Glue security configurations (the create whose lost response once failed DeployProd), applied and
 * destroyed with Terraform's default parallelism of 10, against the emulator, with the rehearsal's
 * provider settings (its override, including max_retries).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BOOTSTRAP_CREDENTIALS, type Emulator } from "../emulator";
import { awsClientEnv, emulatorOverride } from "../emulator-override";
import { terraformEnv, type TerraformTools } from "../../terraform-tools";
import { runProcess, type ProcessResult } from "./run-process";

const GLUE_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }] };
/** What in Terraform's output is a transport failure, not a product error. */
const TRANSPORT_ERROR = /use of closed network connection|connection reset|broken pipe|EOF|TLS handshake timeout|exceeded maximum number of attempts|AlreadyExists|StatusCode: 5\d\d/;

export interface WideStackFigures {
  readonly resources: number;
  readonly applySeconds: number;
  readonly destroySeconds: number;
  readonly passed: boolean;
  /** The first Error lines of a failed run, or the transport failures its output names */
  readonly errors: string[];
}

export function wideStack(width: number, providerVersion: string, emulator: Emulator): Record<string, unknown> {
  const index = [...Array(width).keys()];
  const named = <T>(prefix: string, make: (i: number) => T) => Object.fromEntries(index.map((i) => [`${prefix}${i}`, make(i)]));
  const resource = {
    aws_iam_role: named("r", (i) => ({ name: `wide-${i}`, assume_role_policy: JSON.stringify(GLUE_TRUST) })),
    aws_iam_role_policy: named("p", (i) => ({
      name: "reads",
      role: `\${aws_iam_role.r${i}.name}`,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::wide-stack/${i}/*` }] }),
    })),
    aws_s3_bucket: { b: { bucket: "wide-stack", force_destroy: true } },
    aws_s3_object: named("o", (i) => ({ bucket: "${aws_s3_bucket.b.id}", key: `${i}/script.py`, content: `print(${i})\n` })),
    aws_glue_security_configuration: named("s", (i) => ({
      name: `wide-${i}`,
      encryption_configuration: [
        {
          cloudwatch_encryption: [{ cloudwatch_encryption_mode: "DISABLED" }],
          job_bookmarks_encryption: [{ job_bookmarks_encryption_mode: "DISABLED" }],
          s3_encryption: [{ s3_encryption_mode: "DISABLED" }],
        },
      ],
    })),
  };
  const override = emulatorOverride({ resource } as never, emulator).provider.aws[0];
  return {
    terraform: { required_providers: { aws: { source: "hashicorp/aws", version: providerVersion } } },
    provider: { aws: [{ region: "us-east-1", ...override }] },
    resource,
  };
}

export async function applyWideStack(tools: TerraformTools, emulator: Emulator, workDir: string, width: number): Promise<WideStackFigures> {
  const dir = join(workDir, "wide-stack");
  mkdirSync(dir, { recursive: true });
  const stack = wideStack(width, tools.provider.version, emulator);
  writeFileSync(join(dir, "main.tf.json"), JSON.stringify(stack, null, 2));
  const env = { ...process.env, ...terraformEnv(tools, workDir), ...awsClientEnv(emulator, BOOTSTRAP_CREDENTIALS, { dir: join(dir, "aws"), region: "us-east-1" }) };
  const run = (...args: string[]) => runProcess(tools.terraform, args, { cwd: dir, env });
  const errors: string[] = [];
  const judge = (step: string, result: ProcessResult) => {
    const output = `${result.stdout}\n${result.stderr}`;
    const failures = output.split("\n").filter((line) => TRANSPORT_ERROR.test(line));
    if (result.status !== 0 || failures.length > 0) {
      const firstError = output.split("\n").filter((line) => /Error/.test(line)).slice(0, 5);
      errors.push(`${step} (exit ${result.status}): ${[...new Set([...failures, ...firstError])].slice(0, 8).join(" | ")}`);
    }
    return result.seconds;
  };
  judge("init", await run("init", "-input=false", "-no-color"));
  const resources = Object.values(stack.resource as Record<string, object>).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
  const applySeconds = errors.length ? 0 : judge("apply", await run("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"));
  const destroySeconds = errors.length ? 0 : judge("destroy", await run("destroy", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"));
  return { resources, applySeconds, destroySeconds, passed: errors.length === 0, errors };
}
