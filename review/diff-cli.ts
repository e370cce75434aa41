/**
 * `npm run diff -- [STACK...] [--json] [--config FILE] [--out DIR] [--skip-synth] [--plan-roles] [--base REF] [--data-only | --no-data]`
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
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError } from "../stacks/config";
import { stackPlanEnvironment } from "../stacks/pipeline/plan-access";
import { capacityReview, formatCapacityReview, readBaseline, type CapacityReview } from "./capacity-review";
import { formatText } from "./format-summary";
import { exitCodeOf, reviewJson, writeReviewFiles, type Review, type StackError } from "./review-files";
import { parseReviewArgs, runAsMain, SHARED_OPTIONS, shown, synthesize, usageOf, type ParsedArgs, type ReviewIo, type ReviewOption } from "./review-cli";
import { summarizePlan, type StackSummary } from "./summarize-plan";
import { planConfig, stacksAndTerraform } from "./plan-targets";
import { PlanError, planStack } from "./terraform-plan";
import { type DataPlan, runDataPlan } from "./data-plan/data-plan";
import { formatDataPlan } from "./data-plan/format-data-plan";
import { NoWorkTreeError } from "./data-plan/git-base";

const OPTIONS: readonly ReviewOption[] = [
  { flag: "json", help: "print the summary as JSON (use npm run --silent diff, or npm prints its own lines first)" },
  SHARED_OPTIONS.config,
  { flag: "out", value: "DIR", help: "also write summary.md, summary.json, headline.txt and <stack>.plan.txt there" },
  { flag: "skip-synth", help: "plan what cdktf.out already holds (the pipeline plans what Build synthesized)" },
  SHARED_OPTIONS.planRoles,
  { flag: "plan-file", value: "NAME", help: "name of the saved plan in each stack's directory (default review.tfplan)" },
  { flag: "plans-url", value: "URL", help: "where the full plans are, linked from summary.md" },
  { flag: "base", value: "REF", help: "the git ref the data plan compares the work tree with (default: the merge base with the pipeline's branch)" },
  { flag: "data-only", help: "the data plan alone: no synth, no Terraform, no AWS credentials, no state" },
  { flag: "no-data", help: "the stacks' plans alone" },
];
const USAGE = usageOf("diff", OPTIONS);

export const EXIT = { noChanges: 0, error: 1, changes: 2 } as const;

/** The whole command; bad input throws an InputError with the message to show. */
export async function runDiff(argv: string[], io: ReviewIo): Promise<number> {
  const { env, log } = io;
  const args = parseReviewArgs(argv, USAGE, OPTIONS, io);
  if (!args) return EXIT.noChanges;
  const { positionals } = args;
  if (args.isSet("data-only") && args.isSet("no-data")) throw new InputError(`give --data-only or --no-data, not both\n${USAGE}`);
  if (args.isSet("data-only")) {
    if (positionals.length > 0 || args.isSet("skip-synth") || args.isSet("plan-roles")) throw new InputError("--data-only plans no stack: drop the stack names, --skip-synth and --plan-roles");
    const { configFile } = planConfig(args.text("config"), env);
    const review: Review = { summaries: [], errors: [], ...(await dataPlanOf(configFile, args.text("base"), io, true)) };
    report(review, {}, undefined, args, io);
    return exitCodeOf(review);
  }
  const { stacks, terraform } = stacksAndTerraform("diff", positionals, env);
  const planFile = args.text("plan-file") ?? "review.tfplan";
  if (!/^[\w.-]+$/.test(planFile)) throw new InputError(`--plan-file "${planFile}" is not a file name; expected letters, digits, . _ -, for example review.tfplan`);

  const { configFile, config, outDir } = planConfig(args.text("config"), env);
  if (args.isSet("skip-synth")) log(`diff: planning what ${shown(outDir)} holds`);
  else synthesize("diff", configFile, outDir, io);

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
    const environment = stackPlanEnvironment(config, stack, args.isSet("plan-roles") ? "plan-roles" : "laptop");
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

  const data = args.isSet("no-data") ? {} : await dataPlanOf(configFile, args.text("base"), io, false);
  const review: Review = { summaries, errors, ...data };
  const baseline = readBaseline();
  report(review, texts, { review: capacityReview(config, baseline, stacks), baseline }, args, io);
  return exitCodeOf(review);
}

/**
 * The data plan, or why it could not be made (a failed data plan does not hide the stacks' plans). Unless
 * it is all that was asked for (`required`, --data-only), a config outside a git work tree (a build
 * artifact, the rehearsal's copy) skips it, and the review says so.
 */
async function dataPlanOf(configFile: string, base: string | undefined, io: ReviewIo, required: boolean): Promise<{ data?: DataPlan; dataError?: string; dataSkipped?: string }> {
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

/** The capacity lines of the stacks planned, and the measurements they came from. */
interface Capacity {
  readonly review: CapacityReview;
  readonly baseline: ReturnType<typeof readBaseline>;
}

/** Prints the review (text or JSON): the stacks, their capacity, the failed plans, then the data plan; with --out, writes its files. */
function report(review: Review, texts: Record<string, string>, capacity: Capacity | undefined, args: ParsedArgs, io: ReviewIo): void {
  const { env, log } = io;
  const { summaries, errors } = review;
  const dataText = review.data
    ? formatDataPlan(review.data)
    : review.dataError !== undefined
      ? `Data\n  the data plan FAILED\n  ${review.dataError.replace(/\n/g, "\n  ")}`
      : review.dataSkipped !== undefined
        ? `Data\n  skipped: ${review.dataSkipped}`
        : "";
  const capacityLines = capacity && capacity.review.lines.length > 0 ? capacity.review : undefined;
  if (args.isSet("json")) io.print(JSON.stringify({ ...reviewJson(review), ...(capacityLines ? { capacity: capacityLines } : {}) }, null, 2));
  else
    io.print(
      [
        formatText(summaries),
        capacity ? formatCapacityReview(capacity.review, capacity.baseline) : "",
        ...errors.map((e) => `${e.stack}: the plan FAILED\n  ${e.error.replace(/\n/g, "\n  ")}`),
        dataText,
      ]
        .filter(Boolean)
        .join("\n\n"),
    );
  const out = args.text("out");
  if (out) {
    const commit = env.CODEBUILD_RESOLVED_SOURCE_VERSION;
    const links = [
      ...(args.text("plans-url") ? [{ text: "full plans", url: args.text("plans-url")! }] : []),
      ...(env.CODEBUILD_BUILD_URL ? [{ text: "build log", url: env.CODEBUILD_BUILD_URL }] : []),
    ];
    writeReviewFiles(resolve(out), review, texts, { title: `Plan review${commit ? ` of ${commit.slice(0, 12)}` : ""}`, links });
    log(`diff: summary written to ${shown(resolve(out))}`);
  }
}

if (require.main === module) runAsMain("diff", runDiff);
