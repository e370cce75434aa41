/**
 * `node --require tsx/cjs local-run/declared-schemas.ts [--stage dev]`: the schema every output of a
 * stage declares (`outputs.<name>.schema`), as JSON `{ "<Job>": { "<output>": { columns, keys } } }`.
 * The job-script tests read it (job_scripts/tests/declared_schema.py), so the config stays the only door.
 */
import { printStageJson } from "./stage-json";

printStageJson(process.argv.slice(2), "usage: declared-schemas.ts [--stage dev]", (stage) =>
  Object.fromEntries(
    Object.values(stage.jobs)
      .filter((job) => Object.keys(job.outputContracts).length > 0)
      .map((job) => [job.name, job.outputContracts]),
  ),
);
