/**
 * `terraform init` + `apply` or `destroy` of one synthesized stack directory, as a person runs them.
 *
 *   const result = await applyStack({ tools, stackDir, env, name: "dev-glue" });
 *   if (!result.ok) console.error(result.error);     // the first `Error:` block of Terraform's output
 *
 * `env` is added to this process's environment, without its AWS_* variables, so that only the
 * credentials given reach Terraform. The whole output goes to a log file (default: <stackDir>/<verb>.log);
 * `onProgress` gets a line when each command starts and ends, with its time.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { join } from "node:path";
import { firstErrorBlock } from "../review/terraform-plan";
import type { TerraformTools } from "./terraform-tools";

export interface TerraformRunOptions {
  readonly tools: Pick<TerraformTools, "terraform">;
  readonly stackDir: string;
  /** Credentials, emulator and CLI config variables (awsClientEnv + terraformEnv) */
  readonly env: Readonly<Record<string, string>>;
  /** For progress lines; @default the stack directory's name */
  readonly name?: string;
  /** @default <stackDir>/apply.log or destroy.log */
  readonly logFile?: string;
  readonly onProgress?: (line: string) => void;
  /** Extra arguments for apply/destroy, e.g. ["-parallelism=20"] */
  readonly args?: readonly string[];
}

export interface TerraformResult {
  readonly ok: boolean;
  readonly verb: "apply" | "destroy";
  /** Wall time of init and the command, seconds */
  readonly seconds: number;
  readonly initSeconds: number;
  readonly logFile: string;
  /** The first `Error:` block, when it failed */
  readonly error?: string;
}

export function terraformProcessEnv(env: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("AWS_") && !key.startsWith("TF_")));
  return { ...base, CHECKPOINT_DISABLE: "1", ...env };
}

interface CommandResult {
  readonly code: number;
  readonly output: string;
}

function runTerraform(terraform: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv, log: NodeJS.WritableStream): Promise<CommandResult> {
  return new Promise((resolve) => {
    log.write(`\n$ terraform ${args.join(" ")}\n`);
    const child = spawn(terraform, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      log.write(chunk);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", (error) => resolve({ code: 127, output: `${output}\nError: ${error.message}\n` }));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

async function initAndRun(verb: "apply" | "destroy", options: TerraformRunOptions): Promise<TerraformResult> {
  const name = options.name ?? options.stackDir.split("/").at(-1) ?? options.stackDir;
  const logFile = options.logFile ?? join(options.stackDir, `${verb}.log`);
  const log = createWriteStream(logFile, { flags: "a" });
  const env = terraformProcessEnv(options.env);
  const progress = options.onProgress ?? (() => undefined);
  const started = Date.now();
  let initSeconds = 0;
  try {
    if (!existsSync(join(options.stackDir, ".terraform", "providers")) || !existsSync(join(options.stackDir, ".terraform.lock.hcl"))) {
      progress(`${name}: terraform init`);
      const init = await runTerraform(options.tools.terraform, ["init", "-input=false", "-no-color"], options.stackDir, env, log);
      initSeconds = seconds(started);
      if (init.code !== 0) {
        const error = firstErrorBlock(init.output) ?? `terraform init exited ${init.code}`;
        progress(`${name}: terraform init failed after ${initSeconds} s`);
        return { ok: false, verb, seconds: seconds(started), initSeconds, logFile, error };
      }
    }
    progress(`${name}: terraform ${verb}`);
    const run = await runTerraform(options.tools.terraform, [verb, "-auto-approve", "-input=false", "-no-color", ...(options.args ?? [])], options.stackDir, env, log);
    const total = seconds(started);
    if (run.code !== 0) {
      progress(`${name}: terraform ${verb} failed after ${total} s (log: ${logFile})`);
      return { ok: false, verb, seconds: total, initSeconds, logFile, error: firstErrorBlock(run.output) ?? `terraform ${verb} exited ${run.code}` };
    }
    const summary = /^(Apply complete!|Destroy complete!)[^\n]*/m.exec(run.output)?.[0] ?? `${verb} done`;
    progress(`${name}: ${summary} (${total} s${initSeconds ? `, init ${initSeconds} s` : ""})`);
    return { ok: true, verb, seconds: total, initSeconds, logFile };
  } finally {
    await new Promise<void>((resolve) => log.end(resolve));
  }
}

export function applyStack(options: TerraformRunOptions): Promise<TerraformResult> {
  return initAndRun("apply", options);
}

export function destroyStack(options: TerraformRunOptions): Promise<TerraformResult> {
  return initAndRun("destroy", options);
}
