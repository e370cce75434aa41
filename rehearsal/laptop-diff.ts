/**
 * `npm run diff -- prod-glue` as a person runs it after changing the config, against what the pipeline
 * deployed: with the bootstrap's administrator credentials (and the profiles glue-dev and glue-prod),
 * through the real synth, Terraform and the emulator. The change: prod's JoinLegislators gets two more
 * workers. The diff must find exactly that: exit 2, one Glue job changed in place, nothing else. (The
 * pull-request check has just planned every stack, finding no change.)
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { parseDocument } from "yaml";
import type { Emulator } from "./emulator/emulator";
import type { StepReport } from "./report";
import { terraformProcessEnv } from "./terraform-run";
import type { TerraformTools } from "./terraform-tools";
import { adminEnv, type Topology } from "./topology";

export interface LaptopDiffContext {
  readonly emulator: Emulator;
  readonly workDir: string;
  readonly tools: TerraformTools;
  readonly topology: Topology;
  /** The rehearsal's copy of the project, and its config. */
  readonly projectDir: string;
  readonly configFile: string;
  /** The directory of the rehearsal's `terraform` wrapper, which points each stack it inits at the emulator. */
  readonly terraformBin: string;
}

const JOB = ["stages", "prod", "jobs", "JoinLegislators", "numberOfWorkers"];

export async function laptopDiff(ctx: LaptopDiffContext): Promise<StepReport> {
  const started = Date.now();
  const name = "npm run diff, config changed";
  const document = parseDocument(readFileSync(ctx.configFile, "utf8"));
  const workers = Number(document.getIn(JOB) ?? 2);
  document.setIn(JOB, workers + 2);
  const changed = join(dirname(ctx.configFile), "rehearsal-changed-config.yaml");
  const dir = join(ctx.workDir, "laptop-diff");
  mkdirSync(dir, { recursive: true });
  writeFileSync(changed, document.toString());
  const admin = await adminEnv(ctx.emulator, ctx.workDir, ctx.tools, "pipeline", ctx.topology);
  const env = terraformProcessEnv({
    ...admin,
    PATH: [ctx.terraformBin, dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(delimiter),
    CDKTF_OUTDIR: join(dir, "cdktf.out"),
  });
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, ["--require", "tsx/cjs", "review/diff-cli.ts", "prod-glue", "--json", "--config", changed], { cwd: ctx.projectDir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  const ran = `JoinLegislators workers in prod ${workers} -> ${workers + 2}`;
  const problem = judge(run.code, run.stdout);
  const logFile = join(dir, "diff.log");
  writeFileSync(logFile, `${run.stderr}\n${run.stdout}`);
  if (problem) return { name, result: "failed", seconds, ran, notRehearsed: [], error: `${problem}\n${run.stderr.trim().split("\n").slice(-8).join("\n")}`, logFile };
  const prod = JSON.parse(run.stdout).stacks.find((s: { stack: string }) => s.stack === "prod-glue");
  return { name, result: "passed", seconds, ran: `${ran}: ${prod.headline}`, notRehearsed: [], logFile };
}

/** Why the diff's answer is not the change made, or undefined when it is. */
export function judge(code: number, stdout: string): string | undefined {
  if (code !== 2) return `npm run diff exited ${code}; expected 2 (changes)`;
  let review: { stacks: { stack: string; changed: boolean; counts: Record<string, number>; risky: unknown[]; changes: { type: string; action: string; name?: string }[] }[] };
  try {
    review = JSON.parse(stdout);
  } catch {
    return "npm run diff --json printed no JSON";
  }
  const changedStacks = review.stacks.filter((s) => s.changed).map((s) => s.stack);
  if (changedStacks.join() !== "prod-glue") return `changed stacks: ${changedStacks.join(", ") || "none"}; expected prod-glue alone`;
  const prod = review.stacks.find((s) => s.stack === "prod-glue")!;
  const expected = { add: 0, change: 1, replace: 0, destroy: 0 };
  const counts = { add: prod.counts.add, change: prod.counts.change, replace: prod.counts.replace, destroy: prod.counts.destroy };
  if (JSON.stringify(counts) !== JSON.stringify(expected)) return `prod-glue counts ${JSON.stringify(counts)}; expected ${JSON.stringify(expected)}`;
  const [change] = prod.changes;
  if (prod.risky.length > 0 || change.type !== "aws_glue_job" || change.action !== "update" || change.name !== "prod-JoinLegislators") {
    return `prod-glue's change: ${JSON.stringify(prod.changes)}; expected an update of the Glue job prod-JoinLegislators`;
  }
  return undefined;
}
