/** Runs a command and measures its wall time and the peak RSS of each Node process it starts. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Measurement {
  readonly seconds: number;
  /** Largest peak RSS of any one Node process of the run, in MiB. */
  readonly peakRssMiB: number;
  readonly stdout: string;
}

const REPORT_RSS = path.join(__dirname, "report-rss.cjs");
export const PROJECT_DIR = path.resolve(__dirname, "..");

export function measure(command: string, args: string[], env: Record<string, string> = {}): Measurement {
  const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bench-rss-")), "rss.txt");
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      CHECKPOINT_DISABLE: "1",
      ...env,
      BENCH_RSS_FILE: rssFile,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${REPORT_RSS}`.trim(),
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const rssKiB = fs.existsSync(rssFile)
    ? fs.readFileSync(rssFile, "utf8").trim().split("\n").map((line) => Number(line.split(" ")[1]))
    : [0];
  return { seconds, peakRssMiB: Math.max(...rssKiB) / 1024, stdout: result.stdout + result.stderr };
}

/** The run with the median wall time of `runs` runs. */
export function medianOf(runs: number, run: () => Measurement): Measurement {
  const all = Array.from({ length: runs }, run).sort((a, b) => a.seconds - b.seconds);
  return all[Math.floor(all.length / 2)];
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
