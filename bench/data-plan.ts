/**
 * The data plan's part of `npm run bench`: `npm run diff -- --data-only` for one changed job
 * (JoinLegislators drops a column; SummarizeLegislators runs after it) on the sample data, Spark's
 * start included, in a git repository made for the run. Target: at most 60 s on this machine.
 * On its own: `node --require tsx/cjs bench/data-plan.ts` prints the figure.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR, tempDir } from "./measure";

export const DATA_PLAN_TARGET_SECONDS = 60;

export interface DataPlanTiming {
  readonly seconds: number;
  readonly sparkStartSeconds?: number;
  readonly exitCode: number;
  readonly headline?: string;
}

export function benchDataPlan(): DataPlanTiming {
  const repo = tempDir("bench-data-plan-");
  const scripts = path.join(PROJECT_DIR, "job_scripts");
  fs.cpSync(scripts, path.join(repo, "job_scripts"), { recursive: true, filter: (src) => !/__pycache__|\.local-output|[\\/]tests([\\/]|$)/.test(src) });
  const config = fs.readFileSync(path.join(PROJECT_DIR, "default-config.yaml"), "utf8");
  fs.writeFileSync(path.join(repo, "config.yaml"), `${config}\njobScriptsDir: job_scripts\n`);
  const git = (...args: string[]) => execFileSync("git", ["-C", repo, ...args], { stdio: "pipe" });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "base");
  const script = path.join(repo, "job_scripts", "join_legislators.py");
  fs.writeFileSync(script, fs.readFileSync(script, "utf8").replace("    history.printSchema()", '    history = history.drop("org_name")\n    history.printSchema()'));
  const started = process.hrtime.bigint();
  // Exit 2 is "changes", as terraform plan -detailed-exitcode: measure() would take it for a failure.
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "review/diff-cli.ts", "--data-only", "--json", "--config", path.join(repo, "config.yaml"), "--base", "HEAD"], {
    cwd: PROJECT_DIR,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 2) throw new Error(`the data plan's bench run exited ${run.status}, expected 2 (changes):\n${run.stdout}\n${run.stderr}`);
  const json = JSON.parse(run.stdout) as { data: { sparkStartSeconds?: number; headline: string } };
  return { seconds, sparkStartSeconds: json.data.sparkStartSeconds, exitCode: run.status, headline: json.data.headline };
}

if (require.main === module) {
  const timing = benchDataPlan();
  console.log(
    `data plan, one changed job: ${timing.seconds.toFixed(1)} s (spark start ${timing.sparkStartSeconds ?? "?"} s, exit ${timing.exitCode}); ` +
      `target <= ${DATA_PLAN_TARGET_SECONDS} s: ${timing.seconds <= DATA_PLAN_TARGET_SECONDS ? "met" : "NOT met"}\n${timing.headline ?? ""}`,
  );
}
