/** Runs main.ts the way `cdktf synth` does, in a child process, with a chosen config and output dir. */
import { execFile } from "child_process";
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

export interface SynthRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Asynchronous, so a suite can run several synths at once. */
export function runSynth(options: { outdir: string; env?: Record<string, string> }): Promise<SynthRun> {
  return new Promise((resolve) => {
    // As cdktf.json's app command runs it.
    execFile(
      process.execPath,
      ["--require", "tsx/cjs", "main.ts"],
      { cwd: PROJECT_DIR, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: options.outdir, ...options.env } },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
