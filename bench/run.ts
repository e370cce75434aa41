/**
 * `npm run bench`: synth, naive synth, cdktf synth, jest, pytest, a local job run, synth scaling and the
 * rehearsal of both topologies step by step, measured in one run on this machine. Prints a table and writes bench/results.json.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { configWithJobs } from "./generate-config";
import { Measurement, measure, medianOf, PROJECT_DIR, tempDir } from "./measure";
import { benchRehearsal, REHEARSAL_TARGET_SECONDS, rehearsalTable } from "./rehearsal";
import { benchDataPlan, DATA_PLAN_TARGET_SECONDS } from "./data-plan";

const NODE = process.execPath;
const SYNTH = ["--require", "tsx/cjs", "main.ts"];
/** The same app, with the provider's root module loaded first, as a root import (`import * as aws`) does. */
const NAIVE_SYNTH = ["--require", "tsx/cjs", "--require", "@cdktf/provider-aws", "main.ts"];

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

step("jest suite");
const jest = measure("npx", ["jest", "--silent"]);
record("jest suite", jest, "RSS: largest Node process (workers and the synth runs they start)");
targets.push({ what: "jest suite <= 10 s", met: jest.seconds <= 10, detail: `${jest.seconds.toFixed(1)} s` });

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
  ["three accounts", "__tests__/rehearsal/configs/three-accounts.yaml"],
].map(([topology, config]) => {
  step(`rehearsal of ${topology} (about 8 minutes)`);
  return benchRehearsal(topology, config);
});
for (const r of rehearsals) {
  if (r.seconds === undefined) continue;
  targets.push({ what: `rehearsal (${r.topology}) <= 6 min`, met: r.seconds <= REHEARSAL_TARGET_SECONDS && r.passed === true, detail: `${r.seconds.toFixed(0)} s${r.passed ? "" : ", FAILED"}` });
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
  targets,
};
fs.writeFileSync(path.join(PROJECT_DIR, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
console.error("bench: wrote bench/results.json");
