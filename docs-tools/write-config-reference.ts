/**
 * `npm run docs:config`: writes docs/config-reference.md from the config schema. `--check` writes nothing
 * and exits 1 when the committed page is not what the schema gives (the jest test does the same in memory).
 */
import * as fs from "fs";
import * as path from "path";
import { CONFIG_REFERENCE_COMMAND, CONFIG_REFERENCE_PATH, renderConfigReference, undescribedKeys } from "./config-reference";

const PROJECT_DIR = path.resolve(__dirname, "..");

/** Writes the page (or, with `--check`, compares it) and returns the exit code. */
export function writeConfigReference(argv: readonly string[], projectDir = PROJECT_DIR): number {
  const unknown = argv.filter((arg) => arg !== "--check");
  if (unknown.length > 0) {
    console.error(`docs:config: unknown argument ${unknown.join(" ")}; usage: ${CONFIG_REFERENCE_COMMAND} [-- --check]`);
    return 2;
  }
  const missing = undescribedKeys();
  if (missing.length > 0) {
    console.error(`docs:config: these config keys have no description; add .meta({ description: "…" }) to them in stacks/config/schema*.ts:\n  ${missing.join("\n  ")}`);
    return 1;
  }
  const file = path.join(projectDir, CONFIG_REFERENCE_PATH);
  const page = renderConfigReference();
  if (argv.includes("--check")) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (current === page) return 0;
    console.error(`docs:config: ${CONFIG_REFERENCE_PATH} is not what the schema gives; run ${CONFIG_REFERENCE_COMMAND} and commit it`);
    return 1;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, page);
  console.log(`docs:config: wrote ${CONFIG_REFERENCE_PATH}`);
  return 0;
}

if (require.main === module) process.exitCode = writeConfigReference(process.argv.slice(2));
