/**
 * `npm run perf -- --job NAME [--scale 1,4,16,64] [--json FILE] [...]` (perf-args.ts has the options).
 *
 * Starts ONE Python process (perf/spark/perf_run.py) that holds one local Spark session for the whole
 * run: calibration, then per scale generation, the job's run and its figures. Its own progress lines
 * are shown; the job's and Spark's output go to <work>/<job>/perf.log.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig, PROJECT_DIR } from "../stacks/config";
import { DEFAULT_LOCAL_DATA_DIR, localWarehouse, selectJob, UsageError } from "../local-run/local-run-args";
import { baselineOf, type BaselineFile } from "./baseline";
import { parsePerfArgs, USAGE, type PerfOptions } from "./perf-args";
import { buildReport, formatReport, type MeasuredRun, type PerfReport } from "./perf-report";
import { perfSpec } from "./perf-spec";
import { scalingChart, type ChartSeries } from "./scaling-chart";

const PYTHON = path.join(PROJECT_DIR, ".venv", "bin", "python");
const RUNNER = path.join(PROJECT_DIR, "perf", "spark", "perf_run.py");
export const BASELINE_FILE = path.join(PROJECT_DIR, "perf", "baseline.json");
const PROGRESS_PREFIX = "[perf] ";
const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  const options = parsePerfArgs(argv, PROJECT_DIR, process.cwd());
  if (options === "help") {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const job = selectJob(config.stages, options.stage, options.job);
  if (!fs.existsSync(PYTHON)) throw new UsageError(`${PYTHON} is missing; run 'npm run setup' first (it creates .venv with pyspark)`);
  const spec = perfSpec(job, options, path.join(PROJECT_DIR, DEFAULT_LOCAL_DATA_DIR));
  const jobDir = path.join(options.workDir, job.name);
  fs.mkdirSync(jobDir, { recursive: true });
  fs.rmSync(spec.resultFile, { force: true });
  const log = path.join(jobDir, "perf.log");
  console.error(`perf: ${job.name} at scales ${options.scales.join(", ")} (${options.copiesPerScale} sample copies per step, seed ${options.seed}); log in ${path.relative(process.cwd(), log)}`);
  const code = await runPython(config.jobScriptsDir, JSON.stringify(spec), log, localWarehouse(jobDir));
  if (code !== 0 || !fs.existsSync(spec.resultFile)) {
    console.error(`perf: the run failed (exit ${code}); the end of ${log}:\n${tail(log, 25)}`);
    return 1;
  }
  const measured = JSON.parse(fs.readFileSync(spec.resultFile, "utf8")) as MeasuredRun;
  const report = buildReport(measured, options.stage, job);
  fs.writeFileSync(path.join(jobDir, "report.json"), JSON.stringify(report, null, 2) + "\n");
  console.log(formatReport(report));
  writeChart(options, report);
  if (options.jsonFile) {
    fs.writeFileSync(options.jsonFile, JSON.stringify({ report, baseline: baselineOf(report, options.copiesPerScale) }, null, 2) + "\n");
    console.error(`perf: figures written to ${options.jsonFile}`);
  }
  if (options.updateBaseline) updateBaseline(report, options);
  return 0;
}

function runPython(jobScriptsDir: string, spec: string, logFile: string, warehouse: string): Promise<number> {
  const out = fs.openSync(logFile, "w");
  const child = spawn(PYTHON, [RUNNER], {
    cwd: PROJECT_DIR,
    stdio: ["pipe", out, "pipe"],
    env: {
      ...process.env,
      // As npm run job: the job scripts' folder holds the packages Glue gets through --extra-py-files.
      PYTHONPATH: [jobScriptsDir, path.dirname(RUNNER), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
      GLUE_LOCAL_WAREHOUSE: warehouse,
    },
  });
  child.stdin?.end(spec);
  let pending = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    fs.writeSync(out, chunk);
    pending += chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith(PROGRESS_PREFIX)) console.error(`perf: ${line.slice(PROGRESS_PREFIX.length)}`);
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop).on("SIGTERM", stop);
  return new Promise((resolve) => {
    child.on("error", (error) => {
      console.error(`perf: could not start ${PYTHON}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code) => {
      fs.closeSync(out);
      resolve(code ?? 1);
    });
  });
}

/** The chart of this job and every other job measured into the same work folder. */
function writeChart(options: PerfOptions, report: PerfReport): void {
  const series: ChartSeries[] = [];
  for (const name of fs.readdirSync(options.workDir).sort()) {
    const file = path.join(options.workDir, name, "report.json");
    if (name === report.job || !fs.existsSync(file)) continue;
    series.push(seriesOf(JSON.parse(fs.readFileSync(file, "utf8")) as PerfReport));
  }
  series.unshift(seriesOf(report));
  fs.mkdirSync(path.dirname(options.svgFile), { recursive: true });
  fs.writeFileSync(options.svgFile, scalingChart(series));
  console.error(`perf: chart written to ${path.relative(process.cwd(), options.svgFile)}`);
}

function seriesOf(report: PerfReport): ChartSeries {
  return { job: report.job, points: report.scales.map((s) => ({ bytes: s.inputBytes, seconds: s.wallSeconds })), fit: report.fit };
}

function updateBaseline(report: PerfReport, options: PerfOptions): void {
  const file: BaselineFile = fs.existsSync(BASELINE_FILE)
    ? JSON.parse(fs.readFileSync(BASELINE_FILE, "utf8"))
    : { about: "npm run perf -- --job NAME --update-baseline writes a job's entry; npm run bench compares with it (perf/baseline.ts)", jobs: {} };
  const jobs = { ...file.jobs, [report.job]: baselineOf(report, options.copiesPerScale) };
  fs.writeFileSync(BASELINE_FILE, JSON.stringify({ ...file, jobs: Object.fromEntries(Object.entries(jobs).sort()) }, null, 2) + "\n");
  console.error(`perf: ${report.job}'s baseline written to ${path.relative(process.cwd(), BASELINE_FILE)}`);
}

function tail(file: string, lines: number): string {
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n") : "(no log)";
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError || error instanceof ConfigError) {
        console.error(`perf: ${error.message}`);
        process.exit(EXIT_USAGE);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
