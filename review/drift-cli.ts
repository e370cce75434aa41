/**
 * `npm run drift -- [STACK...] [--json] [--config FILE] [--skip-synth] [--plan-roles] [--out DIR]`
 *
 * Checks that the deployed stacks still are what their state says: for each stack (or those named),
 * `terraform plan -refresh-only` (what changed outside Terraform) and a normal plan (what the next deploy
 * would change), without a lock, through the stack's own credentials or, with `--plan-roles`, the
 * read-only plan roles. Prints each drifted resource with its attributes, what they were and are now.
 * `--out DIR` also writes subject.txt and notice.txt, the notice the pipeline's drift check publishes.
 * Exit codes: 0 no drift, 2 drift, 1 an error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PIPELINE_NAME } from "../stacks/names";
import { stackPlanEnvironment } from "../stacks/pipeline/plan-access";
import { parseReviewArgs, runAsMain, SHARED_OPTIONS, shown, synthesize, usageOf, type ReviewIo, type ReviewOption } from "./review-cli";
import { formatDrift, summarizeDrift, type StackDrift } from "./summarize-drift";
import { planConfig, stacksAndTerraform } from "./plan-targets";
import { initStack, PlanError, planStack } from "./terraform-plan";

const OPTIONS: readonly ReviewOption[] = [
  { flag: "json", help: "print the drift as JSON" },
  SHARED_OPTIONS.config,
  { flag: "skip-synth", help: "check what cdktf.out already holds" },
  SHARED_OPTIONS.planRoles,
  { flag: "out", value: "DIR", help: "also write subject.txt and notice.txt there, the notice to send when drift or an error is found" },
];
const USAGE = usageOf("drift", OPTIONS);

export const DRIFT_EXIT = { none: 0, error: 1, drift: 2 } as const;

interface StackFailure {
  readonly stack: string;
  readonly error: string;
}

export async function runDrift(argv: string[], io: ReviewIo): Promise<number> {
  const args = parseReviewArgs(argv, USAGE, OPTIONS, io);
  if (!args) return DRIFT_EXIT.none;
  const { positionals } = args;
  const { stacks, terraform } = stacksAndTerraform("drift", positionals, io.env);
  const { configFile, config, outDir } = planConfig(args.text("config"), io.env);
  if (!args.isSet("skip-synth")) synthesize("drift", configFile, outDir, io);

  const failures: StackFailure[] = [];
  const ready: { stack: string; options: Parameters<typeof planStack>[0] }[] = [];
  // One by one: inits share the plugin cache. The stacks are then planned side by side.
  for (const stack of stacks) {
    const environment = stackPlanEnvironment(config, stack, args.isSet("plan-roles") ? "plan-roles" : "laptop");
    const options = { stack, stackDir: join(outDir, "stacks", stack), terraform, env: environment.env, baseEnv: io.env, planFile: "drift.tfplan", onProgress: io.log };
    io.log(`${stack}: checking for drift ${environment.as}`);
    try {
      await initStack(options);
      ready.push({ stack, options });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      failures.push({ stack, error: error.message });
    }
  }
  const drifts: StackDrift[] = [];
  await Promise.all(
    ready.map(async ({ stack, options }) => {
      try {
        // One after the other: two Terraform processes in one working directory share its .terraform.
        const refreshOnly = await planStack({ ...options, initialized: true, refreshOnly: true, planFile: "drift-refresh-only.tfplan" });
        const plan = await planStack({ ...options, initialized: true, planFile: "drift-plan.tfplan" });
        const drift = summarizeDrift(stack, refreshOnly.plan, plan.plan);
        drifts.push(drift);
        const stale = drift.stale.length > 0 ? ` (${drift.stale.length} resource(s) refreshed in attributes no deploy sets: not drift)` : "";
        io.log(`${stack}: ${drift.drifted.length === 0 ? "no drift" : `${drift.drifted.length} resource(s) drifted`}${stale}`);
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        failures.push({ stack, error: error.message });
      }
    }),
  );
  drifts.sort((a, b) => stacks.indexOf(a.stack) - stacks.indexOf(b.stack));
  const drifted = drifts.filter((d) => d.drifted.length > 0);
  const code = failures.length > 0 ? DRIFT_EXIT.error : drifted.length > 0 ? DRIFT_EXIT.drift : DRIFT_EXIT.none;
  const text = noticeText(drifts, failures);
  if (args.isSet("json")) io.print(JSON.stringify({ drifts, errors: failures }, null, 2));
  else io.print(text || `no drift in ${stacks.join(", ")}`);
  const out = args.text("out");
  if (out) {
    const dir = resolve(out);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "subject.txt"), `${subjectOf(drifted, failures)}\n`);
    writeFileSync(join(dir, "notice.txt"), `${text}\n`);
    writeFileSync(join(dir, "drift.json"), `${JSON.stringify({ drifts, errors: failures }, null, 2)}\n`);
    io.log(`drift: notice written to ${shown(dir)}`);
  }
  return code;
}

/** SNS subjects hold 100 ASCII characters. */
function subjectOf(drifted: readonly StackDrift[], failures: readonly StackFailure[]): string {
  if (failures.length > 0) return `${PIPELINE_NAME}: the drift check failed for ${failures.map((f) => f.stack).join(", ")}`.slice(0, 100);
  if (drifted.length > 0) return `${PIPELINE_NAME}: drift in ${drifted.map((d) => d.stack).join(", ")}`.slice(0, 100);
  return `${PIPELINE_NAME}: no drift`;
}

function noticeText(drifts: readonly StackDrift[], failures: readonly StackFailure[]): string {
  const failed = failures.map((f) => `${f.stack}: the drift check could not plan it\n  ${f.error.replace(/\n/g, "\n  ")}`);
  return [formatDrift(drifts), ...failed].filter(Boolean).join("\n\n");
}

if (require.main === module) runAsMain("drift", runDrift);
