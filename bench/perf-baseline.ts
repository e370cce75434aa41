/**
 * The bench's performance check of the example jobs: each job of perf/baseline.json is measured again
 * with npm run perf at the baseline's scales and copies, and compared with it (perf/baseline.ts).
 * A figure worse than its margin is named, with its job and scale.
 *
 * Alone: node --require tsx/cjs bench/perf-baseline.ts   (the same check without the rest of the bench)
 */
import * as fs from "fs";
import * as path from "path";
import { compareWithBaseline, type BaselineFile, type Finding, type JobBaseline } from "../perf/baseline";
import { measure, PROJECT_DIR, tempDir } from "./measure";

export interface PerfBench {
  readonly rows: { readonly what: string; readonly seconds: number; readonly note: string }[];
  readonly targets: { readonly what: string; readonly met: boolean; readonly detail: string }[];
  readonly findings: Finding[];
}

export function benchPerf(baselineFile = path.join(PROJECT_DIR, "perf", "baseline.json")): PerfBench {
  const baseline = JSON.parse(fs.readFileSync(baselineFile, "utf8")) as BaselineFile;
  const result: PerfBench = { rows: [], targets: [], findings: [] };
  for (const [job, base] of Object.entries(baseline.jobs)) {
    const work = tempDir(`bench-perf-${job}-`);
    const json = path.join(work, "figures.json");
    const scales = base.scales.map((s) => s.scale).join(",");
    const run = measure("npm", ["run", "--silent", "perf", "--", "--job", job, "--scale", scales, "--copies", String(base.copiesPerScale), "--work-dir", work, "--json", json]);
    const current = (JSON.parse(fs.readFileSync(json, "utf8")) as { baseline: JobBaseline }).baseline;
    const findings = compareWithBaseline(job, base, current);
    result.findings.push(...findings);
    const times = current.scales.map((s) => s.normalisedCpuTime.toFixed(1)).join(", ");
    result.rows.push({ what: `perf ${job} (scales ${scales})`, seconds: run.seconds, note: `CPU ÷ calibration ${times}; exponent ${current.exponent?.toFixed(2) ?? "—"}` });
    result.targets.push({
      what: `perf ${job} within perf/baseline.json`,
      met: findings.length === 0,
      detail: findings.length === 0 ? "every figure within its margin" : findings.map((f) => f.message).join("; "),
    });
  }
  return result;
}

if (require.main === module) {
  const { rows, findings } = benchPerf();
  for (const row of rows) console.log(`${row.what}: ${row.seconds.toFixed(0)} s, ${row.note}`);
  for (const f of findings) console.log(`REGRESSION ${f.message}`);
  console.log(findings.length === 0 ? "perf: every job within its baseline" : `perf: ${findings.length} regression(s)`);
  process.exit(findings.length === 0 ? 0 : 1);
}
