/**
 * Applies every stack of a config on the emulator as an administrator, destroys them, and checks that
 * nothing of the project's is left: the foundation of `npm run rehearse`, on its own.
 *
 *   node --require tsx/cjs __tests__/rehearsal/apply-destroy.ts [--config FILE] [--keep] [--keep-files] [--json FILE]
 *
 * --keep leaves the stacks applied and the run's files; --keep-files destroys but keeps the files
 * (logs, calls file, state) in the printed directory.
 *
 * Order: pipeline (it creates the stages' permission boundaries and, for stages in other accounts,
 * their deploy roles), dev-glue, prod-glue; destroy in reverse. Exit 0 only if every step passed and
 * nothing is left; 3 if Terraform or its provider cannot be found (the reason is printed).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { awsCli, emptyStackBuckets, stackBuckets } from "./empty-bucket";
import { startEmulator, type AwsCredentials, type Emulator } from "./emulator";
import { projectResourcesLeft, type TopologyAccount } from "./emulator-inventory";
import { awsClientEnv, writeEmulatorOverride } from "./emulator-override";
import { applyStack, destroyStack, type TerraformResult } from "./terraform-run";
import { findTerraformTools, rewriteProviderPin, terraformEnv, type TerraformTools } from "./terraform-tools";
import { prepareWorkspace } from "./workspace";

export const STACK_ORDER = ["pipeline", "dev-glue", "prod-glue"] as const;

interface StepTiming {
  readonly step: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly error?: string;
}

/** The accounts and regions of a config, and the profiles the pipeline's stage providers read. */
export function topologyOf(configFile: string): { accounts: TopologyAccount[]; pipeline: TopologyAccount; stages: Record<"dev" | "prod", TopologyAccount> } {
  const config = parse(readFileSync(configFile, "utf8")) as Record<string, { awsAccountId: string | number; awsRegion: string }>;
  const account = (key: string): TopologyAccount => ({ accountId: String(config[key].awsAccountId).padStart(12, "0"), region: config[key].awsRegion });
  const pipeline = account("pipelineAccount");
  const stages = { dev: account("devAccount"), prod: account("prodAccount") };
  const seen = new Map<string, TopologyAccount>();
  for (const a of [pipeline, stages.dev, stages.prod]) seen.set(`${a.accountId}/${a.region}`, a);
  return { accounts: [...seen.values()], pipeline, stages };
}

async function stackEnv(emulator: Emulator, workDir: string, tools: TerraformTools, stack: string, topology: ReturnType<typeof topologyOf>) {
  const { pipeline, stages } = topology;
  const home = stack === "pipeline" ? pipeline : stack === "dev-glue" ? stages.dev : stages.prod;
  const admin = await emulator.adminCredentials(home.accountId);
  // The pipeline stack's stage providers read the profiles glue-dev / glue-prod (README: "Other accounts").
  const profiles: Record<string, AwsCredentials> = {};
  const profileRegions: Record<string, string> = {};
  for (const stage of ["dev", "prod"] as const) {
    profiles[`glue-${stage}`] = await emulator.adminCredentials(stages[stage].accountId);
    profileRegions[`glue-${stage}`] = stages[stage].region;
  }
  return {
    ...awsClientEnv(emulator, admin, { dir: join(workDir, "aws", stack), region: home.region, profiles, profileRegions }),
    ...terraformEnv(tools, workDir),
  };
}

export async function applyAndDestroy(configFile: string, options: { keep?: boolean; keepFiles?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const tools = findTerraformTools();
  if ("missing" in tools) return { skipped: tools.missing } as const;
  log(`terraform ${tools.terraformVersion} (${tools.terraform}); AWS provider ${tools.provider.version} (${tools.provider.foundBy})`);
  const workDir = mkdtempSync(join(tmpdir(), "glue-rehearsal-"));
  const timings: StepTiming[] = [];
  const emulatorStarted = Date.now();
  const emulator = await startEmulator({ workDir });
  timings.push({ step: "emulator start", ok: true, seconds: (Date.now() - emulatorStarted) / 1000 });
  try {
    const ws = await prepareWorkspace({ configFile, dir: join(workDir, "project") });
    timings.push({ step: "copy + synth", ok: true, seconds: ws.synthSeconds });
    const topology = topologyOf(ws.configFile);
    for (const stack of STACK_ORDER) {
      const change = rewriteProviderPin(ws.stackDir(stack), tools.provider.version);
      if (change) log(`${stack}: AWS provider pin ${change.from} -> ${change.to} (rehearsal copy only)`);
      writeEmulatorOverride(ws.stackDir(stack), emulator);
    }
    const run = async (stack: string, verb: "apply" | "destroy"): Promise<TerraformResult> => {
      const env = await stackEnv(emulator, workDir, tools, stack, topology);
      const result = await (verb === "apply" ? applyStack : destroyStack)({ tools, stackDir: ws.stackDir(stack), env, name: stack, onProgress: log });
      timings.push({ step: `${stack} ${verb}`, ok: result.ok, seconds: result.seconds, error: result.error });
      if (!result.ok) log(result.error ?? "");
      return result;
    };
    const applied: string[] = [];
    for (const stack of STACK_ORDER) {
      const result = await run(stack, "apply");
      if (result.ok) applied.push(stack);
      else break;
    }
    if (!options.keep) {
      for (const stack of [...applied].reverse()) {
        const home = stack === "pipeline" ? topology.pipeline : stack === "dev-glue" ? topology.stages.dev : topology.stages.prod;
        const admin = await emulator.adminCredentials(home.accountId);
        // What a run leaves that Terraform does not manage, as job output or pipeline artifacts would be.
        const cliEnv = awsClientEnv(emulator, admin, { dir: join(workDir, "aws", "leftovers"), region: home.region });
        for (const bucket of stackBuckets(ws.stackDir(stack))) {
          await awsCli(["s3api", "put-object", "--bucket", bucket, "--key", "rehearsal/unmanaged.txt"], cliEnv);
        }
        const emptied = await emptyStackBuckets(emulator, admin, ws.stackDir(stack), home.region);
        if (emptied.length > 0) log(`${stack}: emptied ${emptied.join(", ")}`);
        await run(stack, "destroy");
      }
    }
    const left = options.keep ? [] : await projectResourcesLeft(emulator, topology.accounts);
    const passed = timings.every((t) => t.ok) && applied.length === STACK_ORDER.length && left.length === 0;
    return { passed, timings, left, calls: emulator.lastSeq(), workDir } as const;
  } finally {
    await emulator.stop();
    if (options.keep || options.keepFiles) log(`run files kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main(argv: string[]): Promise<number> {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  const configFile = value("--config") ?? "default-config.yaml";
  const started = Date.now();
  const result = await applyAndDestroy(configFile, { keep: argv.includes("--keep"), keepFiles: argv.includes("--keep-files") });
  if ("skipped" in result) {
    console.log(`apply-destroy skipped: ${result.skipped}`);
    return 3;
  }
  console.log("\nstep                      seconds  result");
  for (const t of result.timings) console.log(`${t.step.padEnd(26)}${t.seconds.toFixed(1).padStart(7)}  ${t.ok ? "ok" : "FAILED"}`);
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s, ${result.calls} AWS calls recorded`);
  if (result.left.length > 0) console.log(`left in the emulator:\n${result.left.map((r) => `  ${r.service} ${r.type} ${r.name} (${r.account} ${r.region})`).join("\n")}`);
  const json = value("--json");
  if (json) writeFileSync(json, JSON.stringify(result, null, 2));
  console.log(result.passed ? "apply-destroy passed" : "apply-destroy FAILED");
  return result.passed ? 0 : 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack ?? error.message : String(error));
      process.exit(1);
    },
  );
}
