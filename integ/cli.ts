/**
 * Integration test of a deployed stage: `npm run integ -- --help`.
 * This file turns arguments into a run and a run into an exit code; the work
 * happens in integ-test.ts.
 */
import type { GlueClient } from "@aws-sdk/client-glue";
import { parseIntegArgs, USAGE, UsageError, type IntegOptions } from "./args";
import { createGlueClient } from "./clients";
import { buildReport, runIntegrationTest, type IntegOverrides } from "./integ-test";
import { writeReport } from "./report";
import { formatSummaryTable } from "./summary-table";
import { describeError, type IntegReport, type Log } from "./types";

export const EXIT_PASSED = 0;
/** A job failed, timed out, was too slow, or no job matched the stage. */
export const EXIT_TEST_FAILED = 1;
export const EXIT_BAD_ARGUMENTS = 2;
/** Credentials, AssumeRole or a Glue API call failed. */
export const EXIT_AWS_ERROR = 3;

/** Where the CLI writes and how it reaches AWS; tests replace these. */
export interface CliDeps {
  readonly out: Log;
  readonly err: Log;
  readonly createGlue: (options: IntegOptions) => Promise<GlueClient>;
  readonly overrides?: IntegOverrides;
}

const defaultDeps: CliDeps = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  createGlue: (options) => createGlueClient(options),
};

/** Runs the test and returns the process exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, deps: CliDeps = defaultDeps): Promise<number> {
  let options: IntegOptions | "help";
  try {
    options = parseIntegArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    deps.err(`integ: ${error.message}`);
    return EXIT_BAD_ARGUMENTS;
  }
  if (options === "help") {
    deps.out(USAGE);
    return EXIT_PASSED;
  }
  deps.out(
    `integ: stage ${options.stageName} in account ${options.account}, region ${options.region}` +
      (options.roleArn ? `, as ${options.roleArn}` : "") +
      (options.endpointUrl ? `, endpoint ${options.endpointUrl}` : ""),
  );

  const startedAt = new Date();
  let report: IntegReport;
  let exitCode: number;
  try {
    const glue = await deps.createGlue(options);
    report = await runIntegrationTest(glue, options, deps.out, deps.overrides);
    exitCode = report.passed ? EXIT_PASSED : EXIT_TEST_FAILED;
  } catch (error) {
    report = buildReport(options, startedAt, new Date(), [], describeError(error));
    exitCode = EXIT_AWS_ERROR;
  }

  if (report.workflow) deps.out(`\nworkflow ${report.workflow.name}, run ${report.workflow.runId}: ${report.workflow.status}`);
  if (report.outcomes.length > 0) deps.out(`\n${formatSummaryTable(report.outcomes)}\n`);
  if (report.error !== undefined) deps.err(`integ: ${report.error}`);
  if (options.reportPath) {
    try {
      await writeReport(options.reportPath, report);
      deps.out(`integ: report written to ${options.reportPath}`);
    } catch (error) {
      deps.err(`integ: could not write --report ${options.reportPath}: ${describeError(error)}`);
      exitCode = Math.max(exitCode, EXIT_TEST_FAILED);
    }
  }
  deps.out(`integ: ${exitCode === EXIT_PASSED ? "PASS" : "FAIL"} (exit ${exitCode})`);
  return exitCode;
}

if (require.main === module) {
  // process.exit, not exitCode: idle keep-alive sockets must not hold the build open.
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`integ: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(EXIT_TEST_FAILED);
    },
  );
}
