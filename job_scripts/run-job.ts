/**
 * `npm run job -- <JobName> [--stage dev] [--local-data DIR] [--output-dir DIR]`
 *
 * Runs one job of a stage on local Spark with the arguments the stage gives it on Glue, reading
 * s3:// inputs from a local folder (the sample data by default) and writing outputs to another.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadConfig, PROJECT_DIR } from "../stacks/config";
import { localJobRun, parseLocalRunArgs, selectJob, USAGE, UsageError } from "./local-run-args";

const PYTHON = path.join(PROJECT_DIR, ".venv", "bin", "python");
const EXIT_USAGE = 2;

function main(argv: readonly string[]): void {
  const options = parseLocalRunArgs(argv, PROJECT_DIR, process.cwd());
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  const job = selectJob(config.stages, options.stage, options.jobName);
  if (!fs.existsSync(PYTHON)) {
    throw new UsageError(`${PYTHON} is missing; run 'npm run setup' first (it creates .venv with pyspark)`);
  }
  const run = localJobRun(job, options);
  const scriptArgs = [job.scriptPath, ...run.args];
  console.log(`running ${job.name} (${options.stage}) with ${path.relative(PROJECT_DIR, PYTHON)} ${scriptArgs.join(" ")}`);

  const child = spawn(PYTHON, scriptArgs, {
    cwd: PROJECT_DIR,
    stdio: "inherit",
    // The script's folder holds the shared package that Glue gets as the --extra-py-files zip.
    env: { ...process.env, PYTHONPATH: [config.jobScriptsDir, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", stop).on("SIGTERM", stop);
  child.on("error", (error) => {
    console.error(`error: could not start ${PYTHON}: ${error.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (code === 0) {
      for (const [name, location] of Object.entries(run.outputs)) console.log(`output written to ${location} (--${name})`);
      console.log(`${job.name} succeeded`);
    } else {
      console.error(`${job.name} failed: ${signal ? `stopped by ${signal}` : `exit code ${code}`}`);
    }
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
