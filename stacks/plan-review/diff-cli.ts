/**
 * `npm run diff -- [STACK...] [--json] [--config FILE] [--out DIR] [--skip-synth] [--plan-roles]`
 *
 * Synthesizes, then plans each stack (or those named) against its real state, without a lock, and prints
 * the summary: per stack the counts to add, change, replace and destroy, and first every destroy or
 * replace of a resource that holds data or grants access, with what forces it. Then the "Data" section:
 * the data plan of every job that changed since `--base` (docs/data-plan.md). `--data-only` makes the
 * data plan alone: no AWS, no state, no Terraform. Progress goes to stderr.
 * Exit codes: 0 no changes, 2 changes, 1 an error (as `terraform plan -detailed-exitcode`).
 *
 * Credentials: on a laptop, yours (and the profile glue-<stage> for a stage in another account); with
 * `--plan-roles` (the pipeline), the read-only plan roles through the profiles the buildspec writes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { InputError, PROJECT_DIR } from "../config";
import { stackPlanEnvironment } from "../pipeline/plan-access";
import { formatText } from "./format-summary";
import { exitCodeOf, reviewJson, writeReviewFiles, type Review, type StackError } from "./review-files";
import { summarizePlan, type StackSummary } from "./summarize-plan";
import { planConfig, stacksAndTerraform } from "./plan-targets";
import { PlanError, planStack } from "./terraform-plan";
import { type DataPlan, runDataPlan } from "./data-plan/data-plan";
import { formatDataPlan } from "./data-plan/format-data-plan";
import { NoWorkTreeError } from "./data-plan/git-base";

const USAGE =
  "Usage: npm run diff -- [STACK...] [--json] [--config FILE] [--out DIR] [--skip-synth] [--plan-roles] [--plan-file NAME] [--plans-url URL] [--base REF] [--data-only | --no-data]\n" +
  "  STACK         pipeline, dev-glue or prod-glue (default: every stack)\n" +
  "  --json        print the summary as JSON (use npm run --silent diff, or npm prints its own lines first)\n" +
  "  --config      the config file (default: GLUE_CONFIG, the cdktf context's config, or default-config.yaml)\n" +
  "  --out         also write summary.md, summary.json, headline.txt and <stack>.plan.txt there\n" +
  "  --skip-synth  plan what cdktf.out already holds (the pipeline plans what Build synthesized)\n" +
  "  --plan-roles  plan through the read-only plan roles (the profiles glue-plan-pipeline, glue-dev, glue-prod)\n" +
  "  --plan-file   name of the saved plan in each stack's directory (default review.tfplan)\n" +
  "  --plans-url   where the full plans are, linked from summary.md\n" +
  "  --base        the git ref the data plan compares the work tree with (default: the merge base with the pipeline's branch)\n" +
  "  --data-only   the data plan alone: no synth, no Terraform, no AWS credentials, no state\n" +
  "  --no-data     the stacks' plans alone";

export const EXIT = { noChanges: 0, error: 1, changes: 2 } as const;

/** Where the diff reads its environment and writes: the process's own, or a test's. */
export interface DiffIo {
  readonly env: NodeJS.ProcessEnv;
  /** The summary (stdout). */
  readonly print: (text: string) => void;
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
}

/** The whole command; bad input throws an InputError with the message to show. */
export async function runDiff(argv: string[], io: DiffIo): Promise<number> {
  const { env, log } = io;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        config: { type: "string" },
        out: { type: "string" },
        "skip-synth": { type: "boolean" },
        "plan-roles": { type: "boolean" },
        "plan-file": { type: "string" },
        "plans-url": { type: "string" },
        base: { type: "string" },
        "data-only": { type: "boolean" },
        "no-data": { type: "boolean" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.print(USAGE);
    return EXIT.noChanges;
  }
  if (values["data-only"] && values["no-data"]) throw new InputError(`give --data-only or --no-data, not both\n${USAGE}`);
  if (values["data-only"]) {
    if (positionals.length > 0 || values["skip-synth"] || values["plan-roles"]) throw new InputError("--data-only plans no stack: drop the stack names, --skip-synth and --plan-roles");
    const { configFile } = planConfig(values.config, env);
    const data = await dataPlanOf(configFile, values.base, io, true);
    report({ summaries: [], errors: [], ...data }, {}, values, io);
    return exitCodeOf({ summaries: [], errors: [], ...data });
  }
  const { stacks, terraform } = stacksAndTerraform("diff", positionals, env);
  const planFile = values["plan-file"] ?? "review.tfplan";
  if (!/^[\w.-]+$/.test(planFile)) throw new InputError(`--plan-file "${planFile}" is not a file name; expected letters, digits, . _ -, for example review.tfplan`);

  const { configFile, config, outDir } = planConfig(values.config, env);
  if (values["skip-synth"]) log(`diff: planning what ${shown(outDir)} holds`);
  else synthesize(configFile, outDir, io);

  const summaries: StackSummary[] = [];
  const errors: StackError[] = [];
  const texts: Record<string, string> = {};
  for (const stack of stacks) {
    const stackDir = join(outDir, "stacks", stack);
    if (!existsSync(join(stackDir, "cdk.tf.json"))) {
      const found = existsSync(join(outDir, "stacks")) ? readdirSync(join(outDir, "stacks")).join(", ") || "none" : "none";
      errors.push({ stack, error: `no synthesized ${stack} in ${shown(outDir)} (found: ${found}); run npx cdktf synth, or drop --skip-synth` });
      continue;
    }
    const environment = stackPlanEnvironment(config, stack, values["plan-roles"] ? "plan-roles" : "laptop");
    log(`${stack}: planning ${environment.as}`);
    try {
      const planned = await planStack({ stack, stackDir, terraform, env: environment.env, baseEnv: env, planFile, onProgress: log });
      const summary = summarizePlan(stack, planned.plan);
      summaries.push(summary);
      texts[stack] = planned.text;
      log(`${stack}: ${summary.changed ? "changes" : "no changes"} (${planned.seconds.toFixed(1)} s)`);
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      errors.push({ stack, error: error.message });
      log(`${stack}: FAILED`);
    }
  }

  const data = values["no-data"] ? {} : await dataPlanOf(configFile, values.base, io, false);
  const review: Review = { summaries, errors, ...data };
  report(review, texts, values, io);
  return exitCodeOf(review);
}

/**
 * The data plan, or why it could not be made (a failed data plan does not hide the stacks' plans). Unless
 * it is all that was asked for (`required`, --data-only), a config outside a git work tree (a build
 * artifact, the rehearsal's copy) skips it, and the review says so.
 */
async function dataPlanOf(configFile: string, base: string | undefined, io: DiffIo, required: boolean): Promise<{ data?: DataPlan; dataError?: string; dataSkipped?: string }> {
  try {
    return { data: await runDataPlan({ configFile, base, env: io.env, log: io.log }) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    if (error instanceof NoWorkTreeError && !required) {
      io.log(`data plan: skipped: ${error.message}`);
      return { dataSkipped: error.message };
    }
    io.log("data plan: FAILED");
    return { dataError: error.message };
  }
}

interface ReportOptions {
  readonly json?: boolean;
  readonly out?: string;
  readonly "plans-url"?: string;
}

/** Prints the review (text or JSON) and, with --out, writes its files. */
function report(review: Review, texts: Record<string, string>, values: ReportOptions, io: DiffIo): void {
  const { env, log } = io;
  const { summaries, errors } = review;
  const dataText = review.data
    ? formatDataPlan(review.data)
    : review.dataError !== undefined
      ? `Data\n  the data plan FAILED\n  ${review.dataError.replace(/\n/g, "\n  ")}`
      : review.dataSkipped !== undefined
        ? `Data\n  skipped: ${review.dataSkipped}`
        : "";
  if (values.json) io.print(JSON.stringify(reviewJson(review), null, 2));
  else io.print([formatText(summaries), ...errors.map((e) => `${e.stack}: the plan FAILED\n  ${e.error.replace(/\n/g, "\n  ")}`), dataText].filter(Boolean).join("\n\n"));
  if (values.out) {
    const commit = env.CODEBUILD_RESOLVED_SOURCE_VERSION;
    const links = [
      ...(values["plans-url"] ? [{ text: "full plans", url: values["plans-url"] }] : []),
      ...(env.CODEBUILD_BUILD_URL ? [{ text: "build log", url: env.CODEBUILD_BUILD_URL }] : []),
    ];
    writeReviewFiles(resolve(values.out), review, texts, { title: `Plan review${commit ? ` of ${commit.slice(0, 12)}` : ""}`, links });
    log(`diff: summary written to ${shown(resolve(values.out))}`);
  }
}

/** Synthesizes as cdktf.json's app command does, with the config given. */
export function synthesize(configFile: string, outDir: string, io: DiffIo): void {
  io.log(`diff: synthesizing ${shown(configFile)}`);
  // The app makes the output directory, but not its parents.
  mkdirSync(dirname(outDir), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...io.env, GLUE_CONFIG: configFile, CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: "1" };
  // The file named here wins over one named in cdktf's context.
  delete env.CDKTF_CONTEXT_JSON;
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "main.ts"], { cwd: PROJECT_DIR, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new InputError((run.stderr || run.stdout || `synth exited ${run.status}`).trim());
}

export function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

if (require.main === module) {
  runDiff(process.argv.slice(2), { env: process.env, print: (text) => console.log(text), log: (line) => console.error(line) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const detail = error instanceof InputError ? error.message : `${(error as Error)?.message ?? String(error)} (set GLUE_CDKTF_DEBUG=1 to see where)`;
      if (!(error instanceof InputError) && process.env.GLUE_CDKTF_DEBUG) console.error((error as Error)?.stack);
      console.error(`diff: ${detail}`);
      process.exit(EXIT.error);
    },
  );
}
