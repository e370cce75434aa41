/**
 * The body of the small commands that print one stage's settings as JSON for the job-script tests
 * (declared-schemas.ts, output-quality.ts): `--stage <name>` (default dev), the config loaded through
 * its one door, the JSON on stdout, and a bad stage or config as one `error:` line with exit code 2.
 */
import { ConfigError, loadConfig, type StageConfig } from "../stacks/config";
import { selectStage, UsageError } from "./local-run-args";

export function printStageJson(argv: readonly string[], usage: string, pick: (stage: StageConfig) => unknown): void {
  try {
    const at = argv.indexOf("--stage");
    const stageName = at >= 0 ? argv[at + 1] : "dev";
    if (!stageName || argv.length > (at >= 0 ? 2 : 0)) throw new UsageError(usage);
    console.log(JSON.stringify(pick(selectStage(loadConfig().stages, stageName)), null, 1));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    console.error(`error: ${error.message}`);
    process.exit(2);
  }
}
