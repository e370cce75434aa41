/**
 * `node --require tsx/cjs local-run/output-quality.ts [--stage dev]`: the data-quality argument of every
 * output of a stage that has rules, as JSON `{ "<Job>": { "<output>": "<--<output>_quality value>" } }`.
 * The job-script tests read it (job_scripts/tests/quality_rules.py), so they check the rules exactly as
 * Glue, the emulator's runs and `npm run job` hand them to the job.
 */
import { qualityArgument } from "../stacks/config/quality-arguments";
import { printStageJson } from "./stage-json";

printStageJson(process.argv.slice(2), "usage: output-quality.ts [--stage dev]", (stage) =>
  Object.fromEntries(
    Object.values(stage.jobs)
      .filter((job) => Object.keys(job.outputQuality).length > 0)
      .map((job) => [job.name, Object.fromEntries(Object.entries(job.outputQuality).map(([output, quality]) => [output, qualityArgument(quality)]))]),
  ),
);
