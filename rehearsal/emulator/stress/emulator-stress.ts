/**
 * The emulator's stress test: its launcher, patches and call recorder, as the rehearsal starts them,
 * under a realistic mix from three kinds of client at once, while local Spark loads both cores the way
 * the rehearsal's Glue job runs do:
 * - boto3 threads (botocore's signing; half of them an assumed role, so IAM is enforced on their calls);
 * - Go goroutines, with the transport of Terraform's AWS provider (go_client/main.go);
 * - Terraform itself, applying and destroying a wide stack (wide-stack.ts).
 * Retries are off in the boto3 and Go clients, and Terraform keeps the rehearsal's max_retries, so a
 * dropped or closed connection shows. Traffic goes to the emulator on 127.0.0.1 only; every client
 * stops at its request count or at the deadline, whichever comes first.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { VENV_PYTHON } from "../moto-server";
import { startEmulator } from "../emulator";
import { findTerraformTools } from "../../terraform-tools";
import { runProcess } from "./run-process";
import { applyWideStack, type WideStackFigures } from "./wide-stack";

export interface StressOptions {
  readonly workDir: string;
  /** Requests of each of the boto3 and Go clients. @default 3000 */
  readonly requests?: number;
  /** @default 12 boto3 threads and 30 goroutines */
  readonly pythonThreads?: number;
  readonly goWorkers?: number;
  /** Local Spark processes loading the CPU. @default 2 */
  readonly sparkLoads?: number;
  /** Resources of each kind in Terraform's wide stack (4 kinds and a bucket). @default 40 */
  readonly terraformWidth?: number;
  /** Every client stops by then. @default 420 */
  readonly deadlineSeconds?: number;
  readonly log?: (line: string) => void;
}

export interface ClientFigures {
  readonly client: string;
  readonly requests: number;
  readonly ok: number;
  readonly clientErrors: number;
  readonly http5xx: number;
  readonly transportErrors: number;
  readonly errors: Record<string, number>;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export interface StressResult {
  readonly clients: ClientFigures[];
  /** undefined when Terraform or the provider mirror cannot be had here (the reason is in skippedTerraform) */
  readonly terraform?: WideStackFigures;
  readonly skippedTerraform?: string;
  /** Tracebacks in the emulator's own log: an exception inside moto or a patch */
  readonly emulatorTracebacks: number;
  readonly transportErrors: number;
  readonly http5xx: number;
  readonly seconds: number;
  readonly passed: boolean;
}

const HERE = __dirname;

async function buildGoClient(workDir: string): Promise<string> {
  const binary = join(workDir, "stress-go-client");
  const built = await runProcess("go", ["build", "-o", binary, "."], { cwd: join(HERE, "go_client"), env: { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" } });
  if (built.status !== 0) throw new Error(`go build of the stress client failed:\n${built.stderr}`);
  return binary;
}

function parseFigures(client: string, stdout: string, stderr: string): ClientFigures {
  const start = stdout.indexOf("{");
  if (start < 0) throw new Error(`the ${client} client printed no figures:\n${stdout}\n${stderr}`);
  return { client, ...(JSON.parse(stdout.slice(start)) as Omit<ClientFigures, "client">) };
}

export async function runEmulatorStress(options: StressOptions): Promise<StressResult> {
  const log = options.log ?? (() => undefined);
  const requests = options.requests ?? 3000;
  const deadline = options.deadlineSeconds ?? 420;
  mkdirSync(options.workDir, { recursive: true });
  const began = process.hrtime.bigint();
  const goClient = await buildGoClient(options.workDir);
  const emulator = await startEmulator({ workDir: options.workDir });
  log(`emulator ${emulator.endpoint}`);
  const loads = [...Array(options.sparkLoads ?? 2).keys()].map(() => spawn(VENV_PYTHON, [join(HERE, "spark_load.py"), String(deadline)], { stdio: "ignore" }));
  log(`${loads.length} local Spark load(s) started`);
  try {
    const python = runProcess(VENV_PYTHON, [join(HERE, "boto3_client.py"), "--endpoint", emulator.endpoint, "--ca", emulator.caBundle, "--threads", String(options.pythonThreads ?? 12), "--requests", String(requests), "--deadline", String(deadline)]).then((r) => {
      const figures = parseFigures("boto3", r.stdout, r.stderr);
      log(`boto3: ${figures.requests} requests, ${figures.transportErrors} transport errors, ${figures.http5xx} 5xx, p99 ${figures.p99} s`);
      return figures;
    });
    const go = runProcess(goClient, ["-endpoint", emulator.endpoint, "-ca", emulator.caBundle, "-workers", String(options.goWorkers ?? 30), "-requests", String(requests), "-deadline", `${deadline}s`]).then((r) => {
      const figures = parseFigures("go", r.stdout, r.stderr);
      log(`go: ${figures.requests} requests, ${figures.transportErrors} transport errors, ${figures.http5xx} 5xx, p99 ${figures.p99} s`);
      return figures;
    });
    const tools = findTerraformTools();
    const terraform =
      "missing" in tools
        ? Promise.resolve(undefined)
        : applyWideStack(tools, emulator, options.workDir, options.terraformWidth ?? 40).then((figures) => {
            log(`terraform: ${figures.resources} resources applied in ${figures.applySeconds.toFixed(1)} s, destroyed in ${figures.destroySeconds.toFixed(1)} s${figures.passed ? "" : `: ${figures.errors.join("; ")}`}`);
            return figures;
          });
    const [pythonFigures, goFigures, terraformFigures] = await Promise.all([python, go, terraform]);
    const clients = [pythonFigures, goFigures];
    const tracebacks = (readFileSync(emulator.logFile, "utf8").match(/^Traceback/gm) ?? []).length;
    const transportErrors = clients.reduce((sum, c) => sum + c.transportErrors, 0);
    const http5xx = clients.reduce((sum, c) => sum + c.http5xx, 0);
    return {
      clients,
      terraform: terraformFigures,
      ...("missing" in tools ? { skippedTerraform: tools.missing } : {}),
      emulatorTracebacks: tracebacks,
      transportErrors,
      http5xx,
      seconds: Number(process.hrtime.bigint() - began) / 1e9,
      passed: transportErrors === 0 && http5xx === 0 && tracebacks === 0 && (terraformFigures?.passed ?? true),
    };
  } finally {
    for (const load of loads) load.kill("SIGTERM");
    await emulator.stop();
  }
}
