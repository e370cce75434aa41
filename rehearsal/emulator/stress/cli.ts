/**
 * `npm run stress -- [--requests N] [--seconds N] [--spark N] [--width N] [--json FILE]`
 *
 * The emulator's stress test (emulator-stress.ts): prints a line per client as it ends, then the
 * figures. Exit 0 with 0 transport errors, 0 server errors and Terraform's apply and destroy green;
 * 1 otherwise; 2 on a bad command line.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runEmulatorStress } from "./emulator-stress";

const USAGE = "Usage: npm run stress -- [--requests N] [--seconds N] [--spark N] [--width N] [--json FILE]";

function count(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    const { values } = parseArgs({ args: argv, options: { requests: { type: "string" }, seconds: { type: "string" }, spark: { type: "string" }, width: { type: "string" }, json: { type: "string" }, help: { type: "boolean" } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    options = { requests: count(values.requests, "requests"), deadlineSeconds: count(values.seconds, "seconds"), sparkLoads: count(values.spark, "spark"), terraformWidth: count(values.width, "width"), json: values.json };
  } catch (error) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const result = await runEmulatorStress({ ...options, workDir: mkdtempSync(join(tmpdir(), "emulator-stress-")), log: (line) => console.log(`stress: ${line}`) });
  console.log(JSON.stringify(result, null, 2));
  if (options.json) writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
  console.log(result.passed ? "stress: passed, 0 transport errors" : "stress: FAILED");
  return result.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`stress: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
