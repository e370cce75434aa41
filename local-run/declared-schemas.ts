/**
 * `node --require tsx/cjs local-run/declared-schemas.ts [--stage dev]`: the schema every output of a
 * stage declares (`outputs.<name>.schema`), as JSON `{ "<Job>": { "<output>": { columns, keys } } }`.
 * The job-script tests read it (job_scripts/tests/declared_schema.py), so the config stays the only door.
 */
import { ConfigError, loadConfig } from "../stacks/config";
import { selectStage, UsageError } from "./local-run-args";

function main(argv: readonly string[]): void {
  const at = argv.indexOf("--stage");
  const stageName = at >= 0 ? argv[at + 1] : "dev";
  if (!stageName || argv.length > (at >= 0 ? 2 : 0)) throw new UsageError("usage: declared-schemas.ts [--stage dev]");
  const stage = selectStage(loadConfig().stages, stageName);
  const declared = Object.fromEntries(
    Object.values(stage.jobs)
      .filter((job) => Object.keys(job.outputContracts).length > 0)
      .map((job) => [job.name, job.outputContracts]),
  );
  console.log(JSON.stringify(declared, null, 1));
}

try {
  main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(2);
}
