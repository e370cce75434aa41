/**
 * `node --require tsx/cjs local-run/output-quality.ts [--stage dev]`: the data-quality argument of every
 * output of a stage that has rules, as JSON `{ "<Job>": { "<output>": "<--<output>_quality value>" } }`.
 * The job-script tests read it (job_scripts/tests/quality_rules.py), so they check the rules exactly as
 * Glue, the emulator's runs and `npm run job` hand them to the job.
 */
import { ConfigError, loadConfig } from "../stacks/config";
import { qualityArgument } from "../stacks/config/quality-arguments";
import { selectStage, UsageError } from "./local-run-args";

function main(argv: readonly string[]): void {
  const at = argv.indexOf("--stage");
  const stageName = at >= 0 ? argv[at + 1] : "dev";
  if (!stageName || argv.length > (at >= 0 ? 2 : 0)) throw new UsageError("usage: output-quality.ts [--stage dev]");
  const stage = selectStage(loadConfig().stages, stageName);
  const rules = Object.fromEntries(
    Object.values(stage.jobs)
      .filter((job) => Object.keys(job.outputQuality).length > 0)
      .map((job) => [job.name, Object.fromEntries(Object.entries(job.outputQuality).map(([output, quality]) => [output, qualityArgument(quality)]))]),
  );
  console.log(JSON.stringify(rules, null, 1));
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(2);
}
