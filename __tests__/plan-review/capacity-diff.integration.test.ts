/** npm run diff with a config whose job declares capacity: the Capacity section, from the committed perf/baseline.json (a stand-in terraform plans). */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { readBaseline } from "../../review/capacity-review";
import { runDiff } from "../../review/diff-cli";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

test("npm run diff prints the estimate and the warning of a config with capacity, from the committed baseline", async () => {
  expect(readBaseline()?.jobs.JoinLegislators).toBeDefined();
  const config = baseConfig();
  config.jobs.JoinLegislators.capacity = { volumePerRun: "10 TB", deadline: "15m" };
  const configFile = writeTempProject(config);
  // A synthesized dev-glue and a stand-in terraform whose plan has no changes.
  const dir = mkdtempSync(join(tmpdir(), "capacity-diff-"));
  const out = join(dir, "cdktf.out");
  const bin = join(dir, "bin");
  mkdirSync(join(out, "stacks", "dev-glue"), { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(out, "stacks", "dev-glue", "cdk.tf.json"), "{}");
  writeFileSync(join(bin, "terraform"), ['#!/bin/sh', 'if [ "$1" = show ] && [ "$2" = -json ]; then echo \'{"format_version":"1.2","resource_changes":[]}\'; exit 0; fi', 'if [ "$1" = show ]; then echo "No changes."; fi', "exit 0"].join("\n"));
  chmodSync(join(bin, "terraform"), 0o755);
  let stdout = "";
  const env = { ...process.env, GLUE_CONFIG: configFile, CDKTF_OUTDIR: out, PATH: [bin, dirname(process.execPath), "/usr/bin", "/bin"].join(delimiter) };
  await runDiff(["--skip-synth", "dev-glue"], { env, print: (text) => (stdout += `${text}\n`), log: () => {} });
  expect(stdout).toMatch(/Capacity \(throughput measured by npm run perf on \d{4}-\d{2}-\d{2}; us-east-1 prices of 2024-11-01 \(STANDARD\), 2022-08-09 \(FLEX\)\):\n {2}WARNING dev JoinLegislators \(10 TB a run, within 15m\): needs about \d+ G.1X workers, .*; 2 G.1X declared, fewer than the estimate/);
});
