/** Starts `python -m data_plan.driver` once for a whole data plan, passing its progress lines on. */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { InputError, PROJECT_DIR } from "../../stacks/config";
import type { DriverResult, DriverSpec } from "./driver-spec";

/** The folder holding the driver's package (data_plan) and the runtime it starts Spark with. */
export const DRIVER_DIR = join(PROJECT_DIR, "job_scripts");
export const DEFAULT_PYTHON = join(PROJECT_DIR, ".venv", "bin", "python");
const PROGRESS = /^data plan: /;

export async function runDriver(spec: DriverSpec, workDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void, python = DEFAULT_PYTHON): Promise<DriverResult> {
  if (!existsSync(python)) throw new InputError(`${python} is missing; run 'npm run setup' first (it creates .venv with pyspark and datacompy)`);
  const specFile = join(workDir, "spec.json");
  const resultFile = join(workDir, "result.json");
  writeFileSync(specFile, JSON.stringify(spec, null, 1));
  const child = spawn(python, ["-m", "data_plan.driver", specFile, resultFile], {
    cwd: workDir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, PYTHONPATH: [DRIVER_DIR, env.PYTHONPATH].filter(Boolean).join(delimiter), PYARROW_IGNORE_TIMEZONE: "1" },
  });
  const other: string[] = [];
  let pending = "";
  const onText = (text: string) => {
    pending += text;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) (PROGRESS.test(line) ? log(line) : other.push(line));
  };
  child.stdout.setEncoding("utf8").on("data", onText);
  child.stderr.setEncoding("utf8").on("data", onText);
  const code = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve(status ?? 1));
  });
  if (code !== 0 || !existsSync(resultFile)) {
    throw new InputError(`the data plan's Spark run failed (exit ${code}):\n${[...other, pending].filter(Boolean).slice(-20).join("\n")}`);
  }
  return JSON.parse(readFileSync(resultFile, "utf8")) as DriverResult;
}
