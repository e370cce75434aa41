/**
 * Starts and stops a moto server (the local AWS emulator from requirements-integ.txt)
 * for the tests that talk the real Glue and STS wire protocols.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export const VENV_PYTHON = join(__dirname, "..", "..", ".venv", "bin", "python");
/** moto's account when the credentials are not an assumed role's. */
export const MOTO_ACCOUNT = "123456789012";

export interface MotoServer {
  readonly endpoint: string;
  /** Sets how moto moves a model's state, e.g. glue::job_run, on later reads. */
  setTransition(modelName: string, transition: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

const SETUP_HINT = "Run `npm run setup` (bash .ci/setup) to create .venv with moto[server] from requirements-integ.txt.";

/** Fails loudly, never skips, when the emulator is not installed. */
export function assertMotoInstalled(python = VENV_PYTHON): void {
  if (!existsSync(python)) throw new Error(`the moto emulator is not installed: ${python} is missing. ${SETUP_HINT}`);
  const probe = spawnSync(python, ["-c", "import moto.server"], { encoding: "utf8", timeout: 30_000 });
  if (probe.status !== 0) {
    const detail = probe.stderr?.trim().split("\n").at(-1) ?? probe.error?.message;
    throw new Error(`the moto emulator is not installed: ${python} cannot import moto.server (${detail}). ${SETUP_HINT}`);
  }
}

/** A loopback port nobody listens on right now. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startMotoServer(startTimeoutMs = 30_000): Promise<MotoServer> {
  assertMotoInstalled();
  const port = await freeLoopbackPort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(VENV_PYTHON, ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  // Belt and braces: a crashed test run must not leave the emulator behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    process.removeListener("exit", killOnExit);
    await stopChild(child);
  };
  try {
    await waitUntilAnswering(endpoint, child, startTimeoutMs, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    async setTransition(modelName, transition) {
      const response = await fetch(`${endpoint}/moto-api/state-manager/set-transition`, {
        method: "POST",
        body: JSON.stringify({ model_name: modelName, transition }),
      });
      if (!response.ok) throw new Error(`moto refused the transition for ${modelName}: HTTP ${response.status}`);
    },
    stop,
  };
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited with code ${child.exitCode} before answering:\n${output()}`);
    try {
      await fetch(`${endpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
      return; // any HTTP answer means it is up
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto server did not answer on ${endpoint} within ${timeoutMs} ms:\n${output()}`);
}

/** Stops a child process: SIGTERM, then SIGKILL after 5 s; resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killTimer);
}
