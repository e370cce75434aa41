/**
 * `npm run rehearse:all`: the rehearsal of both topologies the project supports, side by side (most of a
 * rehearsal is Terraform waiting on the provider, so two fit on two cores): the default config (one
 * account) and configs/three-accounts.yaml. `npm test` runs it. Each run's lines are prefixed with its
 * topology. Exit 0 when both passed, or when neither could run here (the reason is printed); 1 otherwise.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_DIR } from "../stacks/config";

export const TOPOLOGIES: Readonly<Record<string, string>> = {
  "one account": "default-config.yaml",
  "three accounts": "rehearsal/configs/three-accounts.yaml",
};
const EXIT_SKIPPED = 3;

function rehearseOne(name: string, config: string, reportDir: string): Promise<number> {
  return new Promise((resolve) => {
    const report = join(reportDir, `${name.replace(/\s+/g, "-")}.json`);
    const child = spawn(process.execPath, ["--require", "tsx/cjs", "rehearsal/cli.ts", "--config", config, "--report", report], {
      cwd: PROJECT_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split("\n")
        .filter((line) => line.length > 0)
        .forEach((line) => console.log(`[${name}] ${line}`));
    child.stdout.on("data", prefix);
    child.stderr.on("data", prefix);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const reportDir = mkdtempSync(join(tmpdir(), "glue-rehearsal-reports-"));
  const codes = await Promise.all(Object.entries(TOPOLOGIES).map(([name, config]) => rehearseOne(name, config, reportDir)));
  if (codes.every((code) => code === EXIT_SKIPPED)) {
    console.log("rehearse:all skipped: Terraform or an AWS provider cannot be had on this machine (see the reason above)");
    return 0;
  }
  const summary = Object.keys(TOPOLOGIES).map((name, i) => `${name}: ${codes[i] === 0 ? "passed" : "FAILED"}`);
  console.log(`rehearse:all: ${summary.join("; ")} (reports in ${reportDir})`);
  return codes.every((code) => code === 0) ? 0 : 1;
}

// Run as a command only: a module that imports TOPOLOGIES must not start two rehearsals.
if (require.main === module) main().then((code) => process.exit(code));
