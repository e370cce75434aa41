/**
 * The rehearsal's part of `npm run bench`: one run per topology, and the time of each of its steps from
 * the run's own JSON report. Target: at most 5 minutes for a whole rehearsal of one topology on this machine.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, tempDir } from "./measure";

export interface RehearsalTiming {
  readonly topology: string;
  /** Wall time of the whole command, or undefined when it could not run here. */
  readonly seconds?: number;
  readonly passed?: boolean;
  readonly skipped?: string;
  readonly steps: readonly { readonly name: string; readonly seconds: number; readonly result: string }[];
}

export const REHEARSAL_TARGET_SECONDS = 5 * 60;

/** `env` adds to the rehearsal's environment, e.g. REHEARSAL_GLUE_JOB_RUNS=moto for a run without real job runs. */
export function benchRehearsal(topology: string, config: string, env: Readonly<Record<string, string>> = {}): RehearsalTiming {
  const report = path.join(tempDir("bench-rehearsal-"), "report.json");
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "rehearsal/cli.ts", "--config", config, "--report", report], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status === 3) return { topology, skipped: run.stdout.trim().split("\n").at(-1), steps: [] };
  if (!fs.existsSync(report)) throw new Error(`the rehearsal of ${topology} wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  return { topology, seconds, passed: json.passed, steps: json.steps.map((s: any) => ({ name: s.name, seconds: s.seconds, result: s.result })) };
}

/** Markdown: one column of step times per topology. */
export function rehearsalTable(timings: readonly RehearsalTiming[]): string {
  const ran = timings.filter((t) => t.seconds !== undefined);
  if (ran.length === 0) return `rehearsal: ${timings.map((t) => `${t.topology} ${t.skipped}`).join("; ")}`;
  const names = [...new Set(ran.flatMap((t) => t.steps.map((s) => s.name)))];
  const cell = (t: RehearsalTiming, name: string) => t.steps.find((s) => s.name === name)?.seconds.toFixed(1) ?? "—";
  return [
    `| rehearsal step | ${ran.map((t) => `${t.topology} (s)`).join(" | ")} |`,
    `|---|${ran.map(() => "---:").join("|")}|`,
    ...names.map((name) => `| ${name} | ${ran.map((t) => cell(t, name)).join(" | ")} |`),
    `| **whole rehearsal** | ${ran.map((t) => `**${t.seconds!.toFixed(1)}**${t.passed ? "" : " (FAILED)"}`).join(" | ")} |`,
  ].join("\n");
}
