/**
 * `npm run check:cdktn [-- --json FILE] [--keep]`: proves the successor path. In a temporary copy of the project
 * it swaps the framework seam (stacks/cdktf.ts) to CDK Terrain (check-cdktn/fork.ts), installs the fork there,
 * synthesizes every stack of several configs with both frameworks, and compares the Terraform JSON ignoring
 * metadata (check-cdktn/compare-synth.ts). Exit 0 when only expected differences remain, 1 otherwise.
 * Run on demand and by `npm run bench`, not by `npm test`: it installs packages from npm.
 */
import * as fs from "fs";
import * as path from "path";
import { PROJECT_DIR } from "../stacks/config";
import { everyOptionalKey, threeAccountsCodestarS3 } from "../testkit/acceptance-configs";
import { writeTempProject } from "../testkit/temp-project";
import { compareApps, type Difference, type ProviderPin } from "./compare-synth";
import { FORK_PACKAGES } from "./fork";
import { makeForkCopy } from "./fork-copy";
import { frameworkReferencesOutsideSeam, SEAM_FILE } from "./framework-imports";
import { reportText, unexpectedOf, type CheckResult } from "./report";
import { synthApp } from "./synth-stacks";

const USAGE = "usage: npm run check:cdktn [-- --json FILE] [--keep]\n  --json FILE  also write the comparison as JSON\n  --keep       keep the temporary copy (its path is printed)";

function parseArgs(argv: string[]): { json?: string; keep: boolean } {
  const options: { json?: string; keep: boolean } = { keep: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--keep") options.keep = true;
    else if (argv[i] === "--json" && argv[i + 1] && !argv[i + 1].startsWith("--")) options.json = path.resolve(argv[++i]);
    else throw new Error(`check:cdktn: unknown or incomplete option "${argv[i]}"\n${USAGE}`);
  }
  return options;
}

function installedVersion(dir: string, name: string): string {
  return JSON.parse(fs.readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version;
}

/**
 * The configs synthesized, by name: the project's own, with its files taken from each tree, and the corners
 * the acceptance guard covers (three accounts with S3 state, every optional key), shared by both trees.
 */
function configsFor(tempConfigs: string[]): Record<string, (projectDir: string) => string> {
  const threeAccountsS3 = writeTempProject(threeAccountsCodestarS3());
  const allKeys = writeTempProject(everyOptionalKey());
  tempConfigs.push(threeAccountsS3, allKeys);
  return {
    "default-config.yaml": (dir) => path.join(dir, "default-config.yaml"),
    "rehearsal/configs/three-accounts.yaml": (dir) => path.join(dir, "rehearsal", "configs", "three-accounts.yaml"),
    "three accounts, codestar source, s3 backend": () => threeAccountsS3,
    "every optional key set": () => allKeys,
  };
}

function check(keep: boolean): CheckResult {
  const started = process.hrtime.bigint();
  const outside = frameworkReferencesOutsideSeam(PROJECT_DIR);
  if (outside.length > 0) {
    const where = outside.map((r) => `  ${r.file}:${r.line} names "${r.name}"`).join("\n");
    throw new Error(`check:cdktn: the framework is named outside ${SEAM_FILE}, so the switch would not be one file:\n${where}\nimport it from ${SEAM_FILE} instead`);
  }
  console.error(`check:cdktn: copying the project and installing ${Object.entries(FORK_PACKAGES).map(([n, v]) => `${n}@${v}`).join(", ")}`);
  const fork = makeForkCopy(PROJECT_DIR);
  const tempConfigs: string[] = [];
  try {
    const configs: Record<string, string[]> = {};
    const differences: Difference[] = [];
    const pins: ProviderPin[] = [];
    for (const [name, fileIn] of Object.entries(configsFor(tempConfigs))) {
      console.error(`check:cdktn: synthesizing ${name} with cdktf, then with cdktn`);
      const cdktf = synthApp(PROJECT_DIR, fileIn(PROJECT_DIR));
      const cdktn = synthApp(fork.dir, fileIn(fork.dir));
      configs[name] = [...new Set([...Object.keys(cdktf.stacks), ...Object.keys(cdktn.stacks)])].sort();
      const compared = compareApps(name, cdktf, cdktn);
      differences.push(...compared.differences);
      pins.push(...compared.pins);
    }
    const notes = [...new Set(fork.installWarnings)].map((w) => `npm install of the fork: ${w.replace(/^npm warn\s*/i, "")}`);
    const engines = JSON.parse(fs.readFileSync(path.join(fork.dir, "node_modules", "@cdktn", "provider-aws", "package.json"), "utf8")).engines?.node;
    if (engines) notes.push(`@cdktn/provider-aws declares node ${engines}; this run used node ${process.version}`);
    if (keep) notes.push(`the copy is kept at ${fork.dir}`);
    return {
      cdktf: `cdktf ${installedVersion(PROJECT_DIR, "cdktf")}, @cdktf/provider-aws ${installedVersion(PROJECT_DIR, "@cdktf/provider-aws")}`,
      cdktn: `cdktn ${installedVersion(fork.dir, "cdktn")}, @cdktn/provider-aws ${installedVersion(fork.dir, "@cdktn/provider-aws")}`,
      configs,
      differences,
      pins,
      notes,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    for (const config of tempConfigs) fs.rmSync(path.dirname(config), { recursive: true, force: true });
    if (!keep) fs.rmSync(fork.dir, { recursive: true, force: true });
  }
}

function main(): number {
  try {
    const options = parseArgs(process.argv.slice(2));
    const result = check(options.keep);
    console.log(reportText(result));
    if (options.json) fs.writeFileSync(options.json, JSON.stringify({ ...result, unexpected: unexpectedOf(result).length }, null, 2) + "\n");
    return unexpectedOf(result).length === 0 ? 0 : 1;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

process.exitCode = main();
