/**
 * One stack's plan, as Terraform makes it: `init`, `plan -lock=false -out`, then `show -json` (what the
 * summary reads) and `show` (the full plan's text), in the stack's synthesized directory, with the
 * stack's own credentials. A failure is a PlanError holding Terraform's first `Error:` block.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { asPlanJson, type TerraformPlanJson } from "./plan-json";

export class PlanError extends Error {
  constructor(
    readonly stack: string,
    message: string,
  ) {
    super(message);
    this.name = "PlanError";
  }
}

export interface PlanStackOptions {
  readonly stack: string;
  readonly stackDir: string;
  /** The terraform binary. */
  readonly terraform: string;
  /** Added to the base environment (e.g. AWS_PROFILE). */
  readonly env: Readonly<Record<string, string>>;
  /** The environment Terraform starts from. @default this process's */
  readonly baseEnv?: NodeJS.ProcessEnv;
  /** The saved plan's file name in the stack's directory. */
  readonly planFile: string;
  readonly onProgress?: (line: string) => void;
  /** `plan -refresh-only`: what changed outside Terraform, not what the code would change. @default false */
  readonly refreshOnly?: boolean;
  /** The stack is already initialized (initStack): plans of it may then run side by side. @default false */
  readonly initialized?: boolean;
}

export interface PlannedStack {
  readonly plan: TerraformPlanJson;
  /** `terraform show` of the saved plan: the full plan a reviewer can read. */
  readonly text: string;
  readonly seconds: number;
}

/** Static keys in the environment win over AWS_PROFILE in every AWS SDK; a stack planned as a profile must not inherit them. */
const STATIC_CREDENTIALS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

export function terraformEnvironment(env: Readonly<Record<string, string>>, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(base).filter(([key]) => !(env.AWS_PROFILE && STATIC_CREDENTIALS.includes(key))));
  return { ...inherited, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0", ...env };
}

export async function planStack(options: PlanStackOptions): Promise<PlannedStack> {
  const started = Date.now();
  const env = terraformEnvironment(options.env, options.baseEnv);
  const progress = options.onProgress ?? (() => undefined);
  const terraform = async (what: string, args: string[]): Promise<string> => {
    const run = await runTerraform(options.terraform, args, options.stackDir, env);
    if (run.code !== 0) throw new PlanError(options.stack, `terraform ${what} failed:\n${firstErrorBlock(run.stderr + run.stdout) ?? withoutErrorBlock(run)}`);
    return run.stdout;
  };
  if (!options.initialized) await initStack(options);
  progress(`${options.stack}: terraform plan${options.refreshOnly ? " -refresh-only" : ""}`);
  // No lock: a plan for review changes nothing, and must not block (or wait for) a deploy.
  await terraform("plan", ["plan", "-input=false", "-no-color", "-lock=false", ...(options.refreshOnly ? ["-refresh-only"] : []), `-out=${options.planFile}`]);
  const json = await terraform("show -json", ["show", "-json", options.planFile]);
  const text = await terraform("show", ["show", "-no-color", options.planFile]);
  let plan: TerraformPlanJson;
  try {
    plan = asPlanJson(JSON.parse(json));
  } catch (error) {
    throw new PlanError(options.stack, `terraform show -json gave no plan Terraform's JSON format describes: ${(error as Error).message}`);
  }
  return { plan, text, seconds: (Date.now() - started) / 1000 };
}

/**
 * `terraform init` of one stack. Inits share Terraform's plugin cache, which is not safe to fill from two
 * processes at once: init stacks one by one, then plan them side by side.
 */
export async function initStack(options: Pick<PlanStackOptions, "stack" | "stackDir" | "terraform" | "env" | "baseEnv" | "onProgress">): Promise<void> {
  options.onProgress?.(`${options.stack}: terraform init`);
  const run = await runTerraform(options.terraform, ["init", "-input=false", "-no-color"], options.stackDir, terraformEnvironment(options.env, options.baseEnv));
  if (run.code !== 0) throw new PlanError(options.stack, `terraform init failed:\n${firstErrorBlock(run.stderr + run.stdout) ?? (run.stderr || run.stdout).trim()}`);
}

interface TerraformRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runTerraform(terraform: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformRun> {
  return new Promise((resolve) => {
    const child = spawn(terraform, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error) => resolve({ code: 127, stdout, stderr: `Error: ${error.message}\n` }));
    child.on("close", (code, signal) => resolve({ code: code ?? 1, stdout, stderr: signal ? `${stderr}\n(terraform was stopped by ${signal})` : stderr }));
  });
}

/** What a run that failed without an `Error:` block printed: all it wrote to stderr, and the end of its stdout. */
function withoutErrorBlock(run: TerraformRun): string {
  const tail = run.stdout.trim().split("\n").slice(-20).join("\n");
  return [`exit ${run.code}, stderr: ${run.stderr.trim() || "(nothing)"}`, `stdout, last lines:\n${tail}`].join("\n");
}

/** The first `Error:` block of Terraform's no-color output, without its box drawing. */
export function firstErrorBlock(output: string): string | undefined {
  const lines = output.split("\n").map((line) => line.replace(/^[│╷╵]\s?/, ""));
  const start = lines.findIndex((line) => line.startsWith("Error: "));
  if (start < 0) return undefined;
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (block.length > 0 && (line.startsWith("Error: ") || line.startsWith("Warning: "))) break;
    block.push(line);
  }
  return block.join("\n").trim().replace(/\n{3,}/g, "\n\n");
}

/** The first executable `terraform` on PATH, or undefined. */
export function terraformOnPath(path: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "terraform");
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
