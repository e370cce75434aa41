/** Runs main.ts the way `cdktf synth` does, in a child process, with a chosen config and output dir. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../../stacks/config";


/** PATH with every directory that holds a terraform binary removed. */
export function pathWithoutTerraform(): string {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir && !fs.existsSync(path.join(dir, "terraform")))
    .join(path.delimiter);
}

export function runSynth(options: { outdir: string; env?: Record<string, string> }) {
  // As cdktf.json's app command runs it.
  const result = spawnSync(process.execPath, ["--require", "tsx/cjs", "main.ts"], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: options.outdir, ...options.env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
