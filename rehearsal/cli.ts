/**
 * `npm run rehearse -- [--config FILE] [--report FILE.json] [--keep]`
 *
 * Rehearses the whole lifecycle against a local AWS emulator (see rehearse.ts). Prints a progress line
 * per step, then a table of step, what ran, seconds and result. Exit codes: 0 every step passed and no
 * permission finding; 1 otherwise; 2 a bad command line; 3 Terraform or an AWS provider cannot be had
 * here (the reason is printed).
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatReport } from "./report";
import { rehearse } from "./rehearse";

export const EXIT_SKIPPED = 3;
const USAGE = "Usage: npm run rehearse -- [--config FILE] [--report FILE.json] [--keep]";

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { config: { type: "string" }, report: { type: "string" }, keep: { type: "boolean" }, help: { type: "boolean" } } }));
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const result = await rehearse({ configFile: values.config ?? "default-config.yaml", keep: values.keep });
  if ("skipped" in result) {
    console.log(`rehearsal skipped: ${result.skipped}`);
    return EXIT_SKIPPED;
  }
  console.log(`\n${formatReport(result)}`);
  if (values.report) writeFileSync(values.report, `${JSON.stringify(result, null, 2)}\n`);
  return result.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rehearsal: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
