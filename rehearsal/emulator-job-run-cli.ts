/**
 * `node --require tsx/cjs rehearsal/emulator-job-run-cli.ts <JobName> <stage>`: what `npm run job --
 * <JobName> --s3` hands over to (local-run/run-job.ts starts it as a process, so that local-run does not
 * import the rehearsal, which reads local-run's folder mapping). Prints the run's progress, state, S3
 * actions and folder; exits 0 for a SUCCEEDED run, 1 otherwise, 2 for a job or stage the config lacks.
 */
import { ConfigError, loadConfig } from "../stacks/config";
import { describeS3Run, runJobOnEmulatorS3 } from "./emulator-job-run";

async function main([jobName, stageName]: string[]): Promise<number> {
  const config = loadConfig();
  const stage = Object.hasOwn(config.stages, stageName ?? "") ? config.stages[stageName as keyof typeof config.stages] : undefined;
  const job = stage && Object.hasOwn(stage.jobs, jobName ?? "") ? stage.jobs[jobName] : undefined;
  if (!stage || !job) {
    console.error(`error: no job ${jobName} in stage ${stageName}; run it as npm run job -- <JobName> --s3 [--stage dev]`);
    return 2;
  }
  const result = await runJobOnEmulatorS3(config, stage, job, (line) => console.log(line));
  for (const line of describeS3Run(result)) console.log(line);
  return result.run.JobRunState === "SUCCEEDED" ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`error: ${error.message}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
