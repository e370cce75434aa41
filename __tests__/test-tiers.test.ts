/**
 * A suite that starts a process (an emulator, Terraform, Spark, Python, another Node) belongs to the
 * integration tier (`*.integration.test.ts`), so that `npm run test:unit` stays an edit-test loop.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const TESTS = __dirname;
/** What starts a process, directly or through the project's own helpers that do. */
const STARTS_A_PROCESS = /^import [^\n]* from "(node:)?child_process"|\bstartEmulator\(|\bstartMotoServer\(|\brunEmulatorStress\(|\bprepareWorkspace\(|\bVENV_PYTHON\b|\brunSynth\(/m;

function suites(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : suites(path);
    return entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

test("no unit-tier suite starts a process", () => {
  const offenders = suites(TESTS)
    .filter((file) => !file.endsWith(".integration.test.ts"))
    .filter((file) => file !== __filename && STARTS_A_PROCESS.test(readFileSync(file, "utf8")))
    .map((file) => relative(TESTS, file));
  expect(offenders).toEqual([]);
});

test("the check recognises a suite that starts one", () => {
  expect(STARTS_A_PROCESS.test('import { execFile } from "node:child_process";')).toBe(true);
  expect(STARTS_A_PROCESS.test("const emulator = await startEmulator({ workDir });")).toBe(true);
  expect(STARTS_A_PROCESS.test('import { parse } from "yaml";')).toBe(false);
});
