/**
 * `npm run job -- <JobName> [--stage dev] [--local-data DIR] [--output-dir DIR]`
 * `npm run job -- --workflow [--stage dev] [...]`   every job of the stage, in order, in one JVM
 * `npm run job -- --graph [--stage dev]`            the stage's workflow as text
 * `npm run job -- <JobName> --s3 [--stage dev]`     one job in the emulator, through S3A, as its role
 *                                                   (rehearsal/emulator-job-run-cli.ts, started as a process)
 *
 * Runs jobs of a stage on local Spark with the arguments the stage gives them on Glue, reading
 * s3:// inputs from a local folder (the sample data by default) and writing outputs to another.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig, PROJECT_DIR, type AppConfig } from "../stacks/config";
import { localJobRun, localWarehouse, parseLocalRunArgs, selectJob, selectStage, USAGE, UsageError, type LocalFolders } from "./local-run-args";
import { chainSpec, workflowGraph, workflowOrder } from "./local-workflow";

const PYTHON = path.join(PROJECT_DIR, ".venv", "bin", "python");
const EXIT_USAGE = 2;

function main(argv: readonly string[]): void {
  const options = parseLocalRunArgs(argv, PROJECT_DIR, process.cwd());
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const stage = selectStage(config.stages, options.stage);
  const jobs = Object.values(stage.jobs);
  if (options.mode === "graph") {
    console.log(workflowGraph(stage.name, jobs, stage.schedule));
    return;
  }
  if (!fs.existsSync(PYTHON)) {
    throw new UsageError(`${PYTHON} is missing; run 'npm run setup' first (it creates .venv with pyspark)`);
  }
  if (options.mode === "s3") {
    selectJob(config.stages, options.stage, options.jobName);
    // The rehearsal's own command, as a process: the rehearsal imports local-run, not the other way.
    const child = spawn(process.execPath, ["--require", "tsx/cjs", path.join(PROJECT_DIR, "rehearsal", "emulator-job-run-cli.ts"), options.jobName, options.stage], { cwd: PROJECT_DIR, stdio: "inherit" });
    child.on("exit", (code) => process.exit(code ?? 1));
    return;
  }
  if (options.mode === "workflow") {
    if (jobs.length === 0) throw new UsageError(`stage ${stage.name} has no jobs to run`);
    const order = workflowOrder(jobs).map((job) => job.name);
    console.log(`running the ${stage.name} workflow in one JVM: ${order.join(" → ")} (python -m glue_runtime.chain)`);
    const spec = JSON.stringify(chainSpec(jobs, options));
    run(config, ["-m", "glue_runtime.chain"], options, spec, (code) => {
      console.log(code === 0 ? `the ${stage.name} workflow succeeded; outputs under ${options.outputDir}` : `the ${stage.name} workflow failed: exit code ${code}`);
    });
    return;
  }
  const job = selectJob(config.stages, options.stage, options.jobName);
  const jobRun = localJobRun(job, options);
  const scriptArgs = [job.scriptPath, ...jobRun.args];
  console.log(`running ${job.name} (${options.stage}) with ${path.relative(PROJECT_DIR, PYTHON)} ${scriptArgs.join(" ")}`);
  run(config, scriptArgs, options, undefined, (code) => {
    if (code === 0) {
      for (const [name, location] of Object.entries(jobRun.outputs)) console.log(`output written to ${location} (--${name})`);
      console.log(`${job.name} succeeded`);
    } else {
      console.error(`${job.name} failed: exit code ${code}`);
    }
  });
}

/** Starts Python with `args` (and `stdin`, if given), tells `done` its exit code, and exits with it. */
function run(config: AppConfig, args: readonly string[], folders: LocalFolders, stdin: string | undefined, done: (code: number) => void): void {
  const child = spawn(PYTHON, args, {
    cwd: PROJECT_DIR,
    stdio: [stdin === undefined ? "inherit" : "pipe", "inherit", "inherit"],
    env: {
      ...process.env,
      // The script's folder holds the shared packages that Glue gets as the --extra-py-files zip.
      PYTHONPATH: [config.jobScriptsDir, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter),
      // Spark's local catalog keeps its tables' definitions here, next to their data.
      GLUE_LOCAL_WAREHOUSE: localWarehouse(folders.outputDir),
    },
  });
  if (stdin !== undefined) child.stdin?.end(stdin);
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop).on("SIGTERM", stop);
  child.on("error", (error) => {
    console.error(`error: could not start ${PYTHON}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) console.error(`stopped by ${signal}`);
    done(code ?? 1);
    process.exit(code ?? 1);
  });
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`error: ${error.message}`);
    process.exit(EXIT_USAGE);
  }
  throw error;
}
