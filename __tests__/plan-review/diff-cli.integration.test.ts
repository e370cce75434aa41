/**
 * `npm run diff` as a person runs it, with a stand-in `terraform` on PATH that answers `show -json` with
 * the recorded plans and logs how it was called: exit codes, output forms, credentials per stack, the
 * lock, and the messages for what goes wrong. Against real Terraform and the emulator, the rehearsal
 * runs it after changing the config.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, copyFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { InputError } from "../../stacks/config";
import { runDiff } from "../../review/diff-cli";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

const PROJECT = join(__dirname, "..", "..");
const FIXTURES = join(__dirname, "fixtures");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A directory of synthesized stacks (empty cdk.tf.json) and a fake terraform answering with `plans` (stack → fixture, or "fail"). */
function fakeWorld(plans: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "diff-cli-"));
  const out = join(dir, "cdktf.out");
  const bin = join(dir, "bin");
  mkdirSync(bin);
  for (const [stack, plan] of Object.entries(plans)) {
    mkdirSync(join(out, "stacks", stack), { recursive: true });
    writeFileSync(join(out, "stacks", stack, "cdk.tf.json"), "{}");
    if (plan === "fail") writeFileSync(join(out, "stacks", stack, "fail"), "");
    else copyFileSync(join(FIXTURES, `${plan}.json`), join(out, "stacks", stack, "plan.json"));
  }
  const log = join(dir, "terraform.log");
  writeFileSync(
    join(bin, "terraform"),
    [
      "#!/usr/bin/env bash",
      `echo "$(basename "$PWD") $* AWS_PROFILE=$AWS_PROFILE TF_VAR_deploy_role_arn=$TF_VAR_deploy_role_arn" >> ${log}`,
      'if [ "$1" = plan ] && [ -f fail ]; then printf "\\nError: No valid credential sources found\\n\\n  with provider[\\"registry.terraform.io/hashicorp/aws\\"]\\n" >&2; exit 1; fi',
      'if [ "$1" = show ] && [ "$2" = -json ]; then cat plan.json; exit 0; fi',
      'if [ "$1" = show ]; then echo "Terraform will perform the following actions: ($(basename "$PWD"))"; exit 0; fi',
      "exit 0",
    ].join("\n"),
  );
  chmodSync(join(bin, "terraform"), 0o755);
  return { dir, out, bin, log };
}

/** The command as the npm script runs it: its own process, exit code and streams. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) =>
    execFile(process.execPath, ["--require", "tsx/cjs", "review/diff-cli.ts", ...args], { cwd: PROJECT, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

/** The same command in this process (the stand-in terraform still runs as a process): quicker, same code. */
async function diff(args: string[], env: Record<string, string>): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io = { env: { ...process.env, ...env }, print: (text: string) => (stdout += `${text}\n`), log: (line: string) => (stderr += `${line}\n`) };
  try {
    return { code: await runDiff(args, io), stdout, stderr };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { code: 1, stdout, stderr: `${stderr}diff: ${error.message}\n` };
  }
}

const threeAccounts = writeTempProject(baseConfig());
const providerMode = (() => {
  const config = baseConfig();
  config.stages.prod.deployRoleArn = "arn:aws:iam::333333333333:role/glue-deploy-prod";
  return writeTempProject(config);
})();

const worlds = {
  changes: fakeWorld({ pipeline: "no-op", "dev-glue": "replace-data-bucket", "prod-glue": "update-in-place" }),
  quiet: fakeWorld({ pipeline: "no-op", "dev-glue": "empty-plan", "prod-glue": "no-op" }),
  failing: fakeWorld({ pipeline: "no-op", "dev-glue": "fail", "prod-glue": "create" }),
  roles: fakeWorld({ pipeline: "no-op", "dev-glue": "no-op", "prod-glue": "no-op" }),
  laptop: fakeWorld({ pipeline: "no-op", "dev-glue": "no-op", "prod-glue": "no-op" }),
};
const pathWith = (bin: string) => [bin, dirname(process.execPath), "/usr/bin", "/bin"].join(delimiter);
const skip = (world: { out: string; bin: string }, config = threeAccounts) => ({ CDKTF_OUTDIR: world.out, PATH: pathWith(world.bin), GLUE_CONFIG: config });

let runs: Record<string, Run>;
beforeAll(async () => {
  const outDir = join(worlds.changes.dir, "review");
  const entries = await Promise.all(
    Object.entries({
      text: cli(["--skip-synth"], skip(worlds.changes)),
      unknown: cli(["nosuch", "prod-glue"], skip(worlds.quiet)),
      json: diff(["--skip-synth", "--json", "dev-glue", "--out", outDir, "--plans-url", "https://example.com/plans"], { ...skip(worlds.changes), CODEBUILD_RESOLVED_SOURCE_VERSION: "1a2b3c4d5e6f7a8b9c0d" }),
      quiet: diff(["--skip-synth"], skip(worlds.quiet)),
      failing: diff(["--skip-synth"], skip(worlds.failing)),
      roles: diff(["--skip-synth", "--plan-roles"], skip(worlds.roles, providerMode)),
      laptop: diff(["--skip-synth"], skip(worlds.laptop)),
      noTerraform: diff([], { PATH: [dirname(process.execPath), "/usr/bin", "/bin"].join(delimiter) }),
      badConfig: diff(["--skip-synth", "--config", join(worlds.quiet.dir, "absent.yaml")], skip(worlds.quiet)),
      notSynthesized: diff(["--skip-synth"], { ...skip(worlds.quiet), CDKTF_OUTDIR: join(worlds.quiet.dir, "empty") }),
    }).map(async ([name, run]) => [name, await run] as const),
  );
  runs = Object.fromEntries(entries);
}, 60_000);

describe("npm run diff", () => {
  test("prints each stack's summary, the risky block first; exits 2 when something changes", () => {
    const { code, stdout } = runs.text;
    expect(code).toBe(2);
    expect(stdout).toMatch(/^pipeline: no changes\n\ndev-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy\n  DESTROYS OR REPLACES what holds data or grants access:\n    ! replace aws_s3_bucket/);
    expect(stdout).toContain("prod-glue: 0 to add, 1 to change, 0 to replace, 0 to destroy\n  nothing that holds data or grants access is destroyed or replaced");
  });

  test("progress goes to stderr, a line per stack and step", () => {
    expect(runs.text.stderr).toContain("dev-glue: planning as AWS profile glue-dev\ndev-glue: terraform init\ndev-glue: terraform plan\ndev-glue: changes");
  });

  test("plans without a lock, into the saved plan it then shows", () => {
    const calls = readFileSync(worlds.changes.log, "utf8").split("\n").filter((l) => l.startsWith("prod-glue "));
    expect(calls.map((c) => c.split(" AWS_PROFILE")[0])).toEqual(
      expect.arrayContaining([
        "prod-glue init -input=false -no-color",
        "prod-glue plan -input=false -no-color -lock=false -out=review.tfplan",
        "prod-glue show -json review.tfplan",
        "prod-glue show -no-color review.tfplan",
      ]),
    );
  });

  test("--json prints the same as data; --out writes the summary, the headline and each plan's text", () => {
    const { code, stdout } = runs.json;
    expect(code).toBe(2);
    const json = JSON.parse(stdout);
    expect(json.exitCode).toBe(2);
    expect(json.stacks.map((s: any) => [s.stack, s.counts.replace, s.risky.length])).toEqual([["dev-glue", 2, 2]]);
    expect(json.stacks[0].headline).toMatch(/^dev-glue: 0 to add, 0 to change, 2 to replace, 0 to destroy; DESTROYS OR REPLACES 2/);
    const dir = join(worlds.changes.dir, "review");
    expect(readFileSync(join(dir, "headline.txt"), "utf8")).toBe(`${json.stacks[0].headline}\n`);
    expect(readFileSync(join(dir, "summary.md"), "utf8")).toMatch(/^### Plan review of 1a2b3c4d5e6f\n\n\[full plans\]\(https:\/\/example\.com\/plans\)\n/);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).toEqual(json);
    expect(readFileSync(join(dir, "dev-glue.plan.txt"), "utf8")).toBe("Terraform will perform the following actions: (dev-glue)\n");
    expect(existsSync(join(dir, "prod-glue.plan.txt"))).toBe(false);
  });

  test("exit 0 when no stack changes; a config outside a git work tree skips the data plan and says so", () => {
    expect(runs.quiet.code).toBe(0);
    expect(runs.quiet.stdout).toBe(
      `pipeline: no changes\n\ndev-glue: no changes\n\nprod-glue: no changes\n\nData\n  skipped: ${threeAccounts} is not in a git work tree, so there is no commit to compare its jobs with\n`,
    );
  });

  test("a failed plan: Terraform's error, the other stacks still summarized, exit 1", () => {
    const { code, stdout, stderr } = runs.failing;
    expect(code).toBe(1);
    expect(stdout).toContain("dev-glue: the plan FAILED\n  terraform plan failed:\n  Error: No valid credential sources found");
    expect(stdout).toContain("prod-glue: 4 to add");
    expect(stderr).toContain("dev-glue: FAILED");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test("--plan-roles: every stack on plan-role credentials; a provider-mode stage points its variable at its plan role", () => {
    expect(runs.roles.code).toBe(0);
    const plans = (world: { log: string }) => readFileSync(world.log, "utf8").split("\n").filter((l) => / plan /.test(l));
    expect(plans(worlds.roles)).toEqual([
      "pipeline plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE=glue-plan-pipeline TF_VAR_deploy_role_arn=",
      "dev-glue plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE=glue-dev TF_VAR_deploy_role_arn=",
      "prod-glue plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE=glue-plan-pipeline TF_VAR_deploy_role_arn=arn:aws:iam::333333333333:role/glue-plan-prod",
    ]);
    // On a laptop: the person's credentials, and their profile for each stage in another account.
    expect(runs.laptop.code).toBe(0);
    expect(plans(worlds.laptop)).toEqual([
      "pipeline plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE= TF_VAR_deploy_role_arn=",
      "dev-glue plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE=glue-dev TF_VAR_deploy_role_arn=",
      "prod-glue plan -input=false -no-color -lock=false -out=review.tfplan AWS_PROFILE=glue-prod TF_VAR_deploy_role_arn=",
    ]);
  });

  test("an unknown stack, a missing terraform, a bad config, nothing synthesized: one clear message each, exit 1, no stack trace", () => {
    // The unknown stack's run is the real command: its message is its last line, with no stack trace.
    const message = (run: Run) => ({ code: run.code, stderr: run.stderr.trim().split("\n").at(-1) });
    expect(message(runs.unknown)).toEqual({ code: 1, stderr: 'diff: unknown stack "nosuch"; the stacks are pipeline, dev-glue, prod-glue' });
    expect(message(runs.noTerraform)).toEqual({ code: 1, stderr: "diff: terraform is not on PATH: npm run diff plans with Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install)" });
    expect(runs.badConfig.code).toBe(1);
    expect(runs.badConfig.stderr).toMatch(/^diff: Invalid config .*absent\.yaml:\n  - \(top level\): file not found/);
    expect(runs.notSynthesized.code).toBe(1);
    expect(runs.notSynthesized.stdout).toContain("pipeline: the plan FAILED\n  no synthesized pipeline in");
    for (const run of Object.values(runs)) expect(run.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
  });
});
