/**
 * `npm run bench`: synth, naive synth, cdktf synth, the successor check (npm run check:cdktn), jest's two tiers, pytest, the emulator's stress test, a
 * local job run, the example jobs' perf against perf/baseline.json, synth scaling and the rehearsal of both topologies step by step, measured in one run on this machine. Prints a table and writes bench/results.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AWS_PROVIDER_PACKAGE } from "../stacks/cdktf";
import { configWithJobs } from "./generate-config";
import { benchPerf } from "./perf-baseline";
import { Measurement, measure, medianOf, PROJECT_DIR, tempDir } from "./measure";
import { benchRehearsal, REHEARSAL_TARGET_SECONDS, rehearsalTable } from "./rehearsal";
import { benchDataPlan, DATA_PLAN_TARGET_SECONDS } from "./data-plan";

/** What bench reads of `npm run stress --json` (rehearsal/emulator/stress/emulator-stress.ts). */
interface StressFigures {
  readonly clients: readonly { readonly requests: number; readonly p99: number }[];
  readonly terraform?: { readonly resources: number; readonly passed: boolean };
  readonly transportErrors: number;
  readonly http5xx: number;
  readonly emulatorTracebacks: number;
  readonly passed: boolean;
}

const NODE = process.execPath;
const SYNTH = ["--require", "tsx/cjs", "main.ts"];
/** The same app, with the provider's root module loaded first, as a root import (`import * as aws`) does. */
const NAIVE_SYNTH = ["--require", "tsx/cjs", "--require", AWS_PROVIDER_PACKAGE, "main.ts"];

interface Row {
  readonly what: string;
  readonly seconds: number;
  readonly peakRssMiB?: number;
  readonly note?: string;
}

const rows: Row[] = [];
const targets: { readonly what: string; readonly met: boolean; readonly detail: string }[] = [];

function step(what: string): void {
  console.error(`bench: ${what}`);
}

function synthInto(args: string[], config?: string): Measurement {
  return measure(NODE, args, { CDKTF_OUTDIR: path.join(tempDir("bench-synth-"), "cdktf.out"), ...(config ? { GLUE_CONFIG: config } : {}) });
}

/** `nodeOnly`: the run's memory is mostly Python and a JVM, which the RSS probe does not see; show none. */
function record(what: string, m: Measurement, note?: string, nodeOnly = false): void {
  rows.push({ what, seconds: m.seconds, peakRssMiB: nodeOnly ? undefined : m.peakRssMiB, note });
}

step("synth of the whole app (one warm-up, then median of 5)");
// The first run of the session fills the OS file cache and the tsx transform cache; it is not counted.
synthInto(SYNTH);
const synth = medianOf(5, () => synthInto(SYNTH));
record("synth (main.ts)", synth, "node --require tsx/cjs main.ts, the app command of cdktf.json");

step("naive synth with the provider's root import (one warm-up, then median of 5)");
synthInto(NAIVE_SYNTH);
const naive = medianOf(5, () => synthInto(NAIVE_SYNTH));
const speedup = naive.seconds / synth.seconds;
const memoryShare = synth.peakRssMiB / naive.peakRssMiB;
record("naive synth (root import)", naive, `ours ${speedup.toFixed(1)}x faster, ${(memoryShare * 100).toFixed(0)}% of its memory`);
targets.push({ what: "synth >= 5x faster than naive", met: speedup >= 5, detail: `${speedup.toFixed(1)}x` });
targets.push({ what: "synth <= 1/4 of naive memory", met: memoryShare <= 0.25, detail: `${(memoryShare * 100).toFixed(0)}%` });

step("npx cdktf synth end to end (median of 3)");
record(
  "npx cdktf synth",
  medianOf(3, () => measure("npx", ["cdktf", "synth", "--output", path.join(tempDir("bench-cli-"), "cdktf.out")])),
);

step("the successor check: the app on cdktn, compared with cdktf (npm run check:cdktn)");
const cdktnReport = path.join(tempDir("bench-cdktn-"), "check-cdktn.json");
let cdktnRun: Measurement | undefined;
try {
  cdktnRun = measure("npm", ["run", "--silent", "check:cdktn", "--", "--json", cdktnReport]);
} catch (error) {
  console.error(`bench: check:cdktn failed: ${(error as Error).message.split("\n")[0]}`);
}
if (fs.existsSync(cdktnReport)) {
  const check = JSON.parse(fs.readFileSync(cdktnReport, "utf8")) as { differences: { expected?: string }[]; pins: { cdktf?: string; cdktn?: string }[]; unexpected: number; seconds: number };
  const pins = [...new Set(check.pins.map((p) => `${p.cdktf} -> ${p.cdktn}`))].join(", ");
  const expected = check.differences.length - check.unexpected;
  rows.push({ what: "check:cdktn", seconds: cdktnRun?.seconds ?? check.seconds, peakRssMiB: cdktnRun?.peakRssMiB, note: `${check.pins.length} stacks; ${expected} expected, ${check.unexpected} unexpected differences; aws pin ${pins}; includes npm install of the fork` });
  targets.push({ what: "check:cdktn: no unexpected difference", met: check.unexpected === 0, detail: `${check.unexpected} unexpected` });
} else {
  targets.push({ what: "check:cdktn: no unexpected difference", met: false, detail: "it wrote no report" });
}

step("jest, unit tier (npm run test:unit)");
const jestUnit = measure("npx", ["jest", "--silent", "--selectProjects", "unit"]);
record("jest unit tier", jestUnit, "in-process suites: the edit-test loop");
targets.push({ what: "jest unit tier <= 15 s", met: jestUnit.seconds <= 15, detail: `${jestUnit.seconds.toFixed(1)} s` });

step("jest, integration tier (npm run test:integration)");
const jestIntegration = measure("npx", ["jest", "--silent", "--selectProjects", "integration"]);
record("jest integration tier", jestIntegration, "suites that start an emulator, Terraform, Spark or Python; RSS: largest Node process");

step("the emulator's stress test (npm run stress, about 5 minutes)");
const stressReport = path.join(tempDir("bench-stress-"), "stress.json");
let stress: Measurement | undefined;
try {
  stress = measure("npm", ["run", "--silent", "stress", "--", "--json", stressReport]);
} catch (error) {
  console.error(`bench: the stress test failed: ${(error as Error).message.split("\n")[0]}`);
}
if (fs.existsSync(stressReport)) {
  const figures = JSON.parse(fs.readFileSync(stressReport, "utf8")) as StressFigures;
  const requests = figures.clients.reduce((sum, c) => sum + c.requests, 0);
  const p99 = Math.max(...figures.clients.map((c) => c.p99));
  const terraform = figures.terraform ? `; Terraform ${figures.terraform.resources} resources applied and destroyed${figures.terraform.passed ? "" : " (FAILED)"}` : "";
  if (stress) record("emulator stress", stress, `${requests} requests (boto3, Go), ${figures.transportErrors} transport errors, ${figures.http5xx} 5xx, p99 ${p99.toFixed(2)} s${terraform}`, true);
  targets.push({ what: "emulator stress: 0 transport errors", met: figures.passed, detail: `${figures.transportErrors} transport errors, ${figures.http5xx} 5xx, ${figures.emulatorTracebacks} tracebacks` });
} else {
  targets.push({ what: "emulator stress: 0 transport errors", met: false, detail: "it wrote no report" });
}

step("pytest suite of the job scripts");
const pytest = measure("bash", [".ci/pytest", "-q"]);
const startup = /spark start-up ([\d.]+)\s*s/i.exec(pytest.stdout);
record("pytest suite", pytest, startup ? `Spark start-up ${startup[1]} s` : "Spark start-up not reported", true);
targets.push({ what: "pytest suite <= 60 s", met: pytest.seconds <= 60, detail: `${pytest.seconds.toFixed(1)} s` });

step("local run of JoinLegislators on the sample data");
record(
  "local run JoinLegislators",
  measure("npm", ["run", "--silent", "job", "--", "JoinLegislators", "--stage", "dev", "--output-dir", tempDir("bench-job-")]),
  "npm run job: runner, Python and a local Spark JVM",
  true,
);

step("data plan of one changed job on the sample data (npm run diff -- --data-only)");
const dataPlan = benchDataPlan();
rows.push({ what: "data plan, one changed job", seconds: dataPlan.seconds, note: `Spark start ${dataPlan.sparkStartSeconds ?? "?"} s; base and head of JoinLegislators and SummarizeLegislators in one session` });
targets.push({ what: `data plan of one changed job <= ${DATA_PLAN_TARGET_SECONDS} s`, met: dataPlan.seconds <= DATA_PLAN_TARGET_SECONDS, detail: `${dataPlan.seconds.toFixed(1)} s` });

step("perf of the example jobs against perf/baseline.json (npm run perf per job)");
const perf = benchPerf();
rows.push(...perf.rows);
targets.push(...perf.targets);
for (const finding of perf.findings) console.error(`bench: REGRESSION ${finding.message}`);

const scaling: { jobs: number; seconds: number; peakRssMiB: number }[] = [];
const configDir = tempDir("bench-configs-");
for (const jobs of [2, 20, 200]) {
  step(`synth with ${jobs} jobs (median of 3)`);
  const m = medianOf(3, () => synthInto(SYNTH, configWithJobs(jobs, configDir)));
  scaling.push({ jobs, seconds: m.seconds, peakRssMiB: m.peakRssMiB });
  record(`synth, ${jobs} jobs`, m);
}
const perJob = (a: (typeof scaling)[number], b: (typeof scaling)[number]) => (b.seconds - a.seconds) / (b.jobs - a.jobs);
const [two, twenty, twoHundred] = scaling;
targets.push({ what: "200 jobs synth <= 3 s", met: twoHundred.seconds <= 3, detail: `${twoHundred.seconds.toFixed(2)} s` });
targets.push({
  what: "synth grows linearly with jobs",
  // Linear: the cost per added job from 20 to 200 is no more than twice that from 2 to 20 (or under 10 ms).
  met: perJob(twenty, twoHundred) <= Math.max(2 * perJob(two, twenty), 0.01),
  detail: `${(perJob(two, twenty) * 1000).toFixed(1)} ms/job (2→20), ${(perJob(twenty, twoHundred) * 1000).toFixed(1)} ms/job (20→200)`,
});

const rehearsals = [
  ["one account", "default-config.yaml"],
  ["three accounts", "rehearsal/configs/three-accounts.yaml"],
].map(([topology, config]) => {
  step(`rehearsal of ${topology} (about 8 minutes)`);
  return benchRehearsal(topology, config);
});
for (const r of rehearsals) {
  if (r.seconds === undefined) continue;
  targets.push({ what: `rehearsal (${r.topology}) <= 5 min`, met: r.seconds <= REHEARSAL_TARGET_SECONDS && r.passed === true, detail: `${r.seconds.toFixed(0)} s${r.passed ? "" : ", FAILED"}` });
}
// What the real Glue job runs cost: the one-account rehearsal again with moto's runs, which run nothing.
step("rehearsal of one account without real job runs (REHEARSAL_GLUE_JOB_RUNS=moto)");
const withoutRuns = benchRehearsal("one account, moto's runs", "default-config.yaml", { REHEARSAL_GLUE_JOB_RUNS: "moto" });
rehearsals.push(withoutRuns);
const withRuns = rehearsals[0];
if (withRuns.seconds !== undefined && withoutRuns.seconds !== undefined) {
  const integ = (t: typeof withRuns) => t.steps.find((s) => s.name === "IntegTest")?.seconds ?? 0;
  rows.push({
    what: "rehearsal, real job runs' cost",
    seconds: withRuns.seconds - withoutRuns.seconds,
    note: `one account: ${withRuns.seconds.toFixed(0)} s with real runs, ${withoutRuns.seconds.toFixed(0)} s with moto's; IntegTest ${integ(withRuns).toFixed(1)} s vs ${integ(withoutRuns).toFixed(1)} s`,
  });
}

const table = [
  "| what | wall (s) | peak RSS (MiB) | note |",
  "|---|---:|---:|---|",
  ...rows.map((r) => `| ${r.what} | ${r.seconds.toFixed(2)} | ${r.peakRssMiB ? r.peakRssMiB.toFixed(0) : "—"} | ${r.note ?? ""} |`),
  "",
  "| target | met | measured |",
  "|---|---|---|",
  ...targets.map((t) => `| ${t.what} | ${t.met ? "yes" : "NO"} | ${t.detail} |`),
  "",
  rehearsalTable(rehearsals),
].join("\n");
console.log(table);

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  rows,
  scaling,
  rehearsals,
  perfRegressions: perf.findings,
  targets,
};
fs.writeFileSync(path.join(PROJECT_DIR, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
console.error("bench: wrote bench/results.json");
