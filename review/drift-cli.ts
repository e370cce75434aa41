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
import { parseArgs } from "node:util";
import { InputError } from "../stacks/config";
import { PIPELINE_NAME } from "../stacks/names";
import { stackPlanEnvironment } from "../stacks/pipeline/plan-access";
import { type DiffIo, shown, synthesize } from "./diff-cli";
import { formatDrift, summarizeDrift, type StackDrift } from "./summarize-drift";
import { planConfig, stacksAndTerraform } from "./plan-targets";
import { initStack, PlanError, planStack } from "./terraform-plan";

const USAGE =
  "Usage: npm run drift -- [STACK...] [--json] [--config FILE] [--skip-synth] [--plan-roles] [--out DIR]\n" +
  "  STACK         pipeline, dev-glue or prod-glue (default: every stack)\n" +
  "  --json        print the drift as JSON\n" +
  "  --config      the config file (default: GLUE_CONFIG, the cdktf context's config, or default-config.yaml)\n" +
  "  --skip-synth  check what cdktf.out already holds\n" +
  "  --plan-roles  plan through the read-only plan roles (the profiles glue-plan-pipeline, glue-dev, glue-prod)\n" +
  "  --out         also write subject.txt and notice.txt there, the notice to send when drift or an error is found";

export const DRIFT_EXIT = { none: 0, error: 1, drift: 2 } as const;

interface StackFailure {
  readonly stack: string;
  readonly error: string;
}

export async function runDrift(argv: string[], io: DiffIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        config: { type: "string" },
        "skip-synth": { type: "boolean" },
        "plan-roles": { type: "boolean" },
        out: { type: "string" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.print(USAGE);
    return DRIFT_EXIT.none;
  }
  const { stacks, terraform } = stacksAndTerraform("drift", positionals, io.env);
  const { configFile, config, outDir } = planConfig(values.config, io.env);
  if (!values["skip-synth"]) synthesize(configFile, outDir, io);

  const failures: StackFailure[] = [];
  const ready: { stack: string; options: Parameters<typeof planStack>[0] }[] = [];
  // One by one: inits share the plugin cache. The stacks are then planned side by side.
  for (const stack of stacks) {
    const environment = stackPlanEnvironment(config, stack, values["plan-roles"] ? "plan-roles" : "laptop");
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
  if (values.json) io.print(JSON.stringify({ drifts, errors: failures }, null, 2));
  else io.print(text || `no drift in ${stacks.join(", ")}`);
  if (values.out) {
    const dir = resolve(values.out);
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

if (require.main === module) {
  runDrift(process.argv.slice(2), { env: process.env, print: (text) => console.log(text), log: (line) => console.error(line) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const detail = error instanceof InputError ? error.message : `${(error as Error)?.message ?? String(error)} (set GLUE_CDKTF_DEBUG=1 to see where)`;
      if (!(error instanceof InputError) && process.env.GLUE_CDKTF_DEBUG) console.error((error as Error)?.stack);
      console.error(`drift: ${detail}`);
      process.exit(DRIFT_EXIT.error);
    },
  );
}
