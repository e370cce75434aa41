/**
 * Every command that README.md and docs/ tell a reader to run is a real command of this project, and is
 * run by a test or by the rehearsal (the table in command-runs.ts says which, and this test checks it).
 * No command is run here: the check reads package.json, the files named and the docs.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { COMMAND_RUNS, CommandRun, REHEARSAL_DIRS } from "./command-runs";
import { commandForm, DocCommand, docCommands, docFiles, PROJECT_DIR } from "./doc-commands";

const scripts: Record<string, string> = JSON.parse(readFileSync(join(PROJECT_DIR, "package.json"), "utf8")).scripts;
const commands: DocCommand[] = docFiles().flatMap((file) =>
  docCommands(file).flatMap((command) => command.text.split(/\s*(?:&&|\|\||;)\s*/).map((text) => ({ ...command, text }))),
);
const where = (c: DocCommand) => `${c.file}:${c.line}: ${c.text}`;

/**
 * cdktf 0.21's commands and the options used here, from `npx cdktf --help` and `npx cdktf deploy --help`
 * (CDK for Terraform CLI reference: https://developer.hashicorp.com/terraform/cdktf/cli-reference/commands).
 */
const CDKTF_COMMANDS: Readonly<Record<string, readonly string[]>> = {
  synth: ["--hcl"],
  deploy: ["--auto-approve", "--skip-synth", "--refresh-only", "--migrate-state", "--parallelism", "--no-color"],
  diff: ["--skip-synth", "--refresh-only", "--no-color"],
  destroy: ["--auto-approve", "--skip-synth"],
  list: [],
  login: [],
};
const STACKS = ["pipeline", "dev-glue", "prod-glue", "<stack>"];
const NPM_COMMANDS = ["ci", "test"];

function problemOf(command: DocCommand): string | undefined {
  const parsed = commandForm(command.text);
  if (!parsed) return undefined;
  const { form, args } = parsed;
  const [tool, sub] = form.split(" ");
  if (form.startsWith("npm run ")) return sub === "run" && !(form.slice(8) in scripts) ? `package.json has no script "${form.slice(8)}"` : undefined;
  if (tool === "npm") return NPM_COMMANDS.includes(sub) ? undefined : `npm ${sub} is not one of the npm commands the project uses (${NPM_COMMANDS.join(", ")})`;
  if (form.startsWith("npx cdktf ")) {
    const options = CDKTF_COMMANDS[form.slice(10)];
    if (!options) return `cdktf has no command ${form.slice(10)}; it has ${Object.keys(CDKTF_COMMANDS).join(", ")}`;
    for (const arg of args) {
      if (arg.startsWith("--") ? !options.includes(arg) : !STACKS.includes(arg)) return `${arg} is neither a stack (${STACKS.join(", ")}) nor an option of cdktf ${form.slice(10)}`;
    }
    return undefined;
  }
  if (form === "npx jest") {
    const missing = args.filter((arg) => !arg.startsWith("-") && !existsSync(join(PROJECT_DIR, arg)));
    return missing.length > 0 ? `no such test path: ${missing.join(", ")}` : undefined;
  }
  if (tool === "npx") return `npx ${sub} is not a command of this project`;
  if (tool === "python" && sub === "-m") return undefined;
  if (["node", "python", "bash"].includes(tool)) return existsSync(join(PROJECT_DIR, sub)) ? undefined : `no such file: ${sub}`;
  return undefined;
}

/** The file exists and mentions the command: the text given, else for `npm run X` the command or the file the script runs. */
function runProblem(form: string, run: CommandRun): string | undefined {
  if (run.kind === "not run") return run.why.trim() ? undefined : "a command that is not run says why";
  if (run.kind === "npm test") {
    const testSteps = scripts.test.split(/\s*&&\s*/);
    if (!testSteps.includes(`npm run ${run.script}`) && !testSteps.includes(scripts[run.script])) return `package.json's test script does not run npm run ${run.script}`;
    if (!run.file) return form === `npm run ${run.script}` || form === "npx jest" ? undefined : `${form} is not the script ${run.script}; name the file that runs it`;
    if (!scripts[run.script].includes(run.file)) return `npm run ${run.script} does not run ${run.file}`;
  }
  const file = "file" in run ? run.file : undefined;
  if (!file) return undefined;
  const path = join(PROJECT_DIR, file);
  if (!existsSync(path)) return `${file} does not exist`;
  if (run.kind === "test" && !/(\.test\.ts|\/test_[^/]+\.py)$/.test(file)) return `${file} is not a jest or pytest test file`;
  const text = readFileSync(path, "utf8");
  const mentions = run.mentions ? [run.mentions] : [form, ...npmScriptFile(form)];
  if (!mentions.some((m) => text.includes(m))) return `${file} mentions none of: ${mentions.join(", ")}`;
  if (run.kind === "rehearsal" && !rehearsalMentions(run.step)) return `no file of the rehearsal (${REHEARSAL_DIRS.join(", ")}) names the step "${run.step}"`;
  return undefined;
}

/** `npm run job` → the file its script runs, e.g. local-run/run-job.ts. */
function npmScriptFile(form: string): string[] {
  const script = form.startsWith("npm run ") ? scripts[form.slice(8)] : undefined;
  return script?.match(/[\w./-]+\.(ts|py|sh)\b/g) ?? [];
}

function rehearsalMentions(step: string): boolean {
  return REHEARSAL_DIRS.some((dir) => existsSync(join(PROJECT_DIR, dir)) && filesUnder(join(PROJECT_DIR, dir)).some((file) => readFileSync(file, "utf8").includes(step)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "__pycache__" || name === "node_modules" ? [] : filesUnder(path);
    return /\.(ts|py)$/.test(name) ? [path] : [];
  });
}

describe("the commands of README.md and docs/", () => {
  test("the docs hold commands to check (the extraction works)", () => {
    expect(commands.length).toBeGreaterThan(50);
    expect(commands.map((c) => c.text)).toEqual(expect.arrayContaining(["npm ci", "npx cdktf synth", "npm run diff -- dev-glue"]));
  });

  test("each is a command this project has: an npm script, a cdktf command with a stack and its options, a file", () => {
    const problems = commands.flatMap((c) => {
      const problem = problemOf(c);
      return problem ? [`${where(c)}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  test("each is run by a test or the rehearsal: it has an entry in __tests__/docs/command-runs.ts", () => {
    const missing = commands.filter((c) => {
      const form = commandForm(c.text)?.form;
      return form !== undefined && !(form in COMMAND_RUNS);
    });
    expect(missing.map((c) => `${where(c)}: add "${commandForm(c.text)?.form}" to COMMAND_RUNS with the test or rehearsal step that runs it`)).toEqual([]);
  });

  test("each entry points at a real file that runs the command", () => {
    const problems = Object.entries(COMMAND_RUNS).flatMap(([form, runs]) => {
      if (runs.length === 0) return [`${form}: no runner listed`];
      return runs.flatMap((run) => {
        const problem = runProblem(form, run);
        return problem ? [`${form} (${run.kind}): ${problem}`] : [];
      });
    });
    expect(problems).toEqual([]);
  });

  test("no entry is left over from a command the docs no longer give", () => {
    const used = new Set(commands.map((c) => commandForm(c.text)?.form));
    expect(Object.keys(COMMAND_RUNS).filter((form) => !used.has(form))).toEqual([]);
  });

  test("a wrong command is caught", () => {
    const at = { file: "README.md", line: 1 };
    expect(problemOf({ ...at, text: "npm run no-such-script" })).toContain('no script "no-such-script"');
    expect(problemOf({ ...at, text: "npx cdktf deploy staging-glue" })).toContain("staging-glue is neither a stack");
    expect(problemOf({ ...at, text: "npx cdktf plan-all" })).toContain("cdktf has no command plan-all");
    expect(problemOf({ ...at, text: "node --require tsx/cjs nowhere/cli.ts" })).toContain("no such file");
    expect(runProblem("npm run job", { kind: "test", file: "__tests__/main.integration.test.ts" })).toContain("mentions none of");
    expect(runProblem("npm run job", { kind: "test", file: "__tests__/helpers/run-synth.ts" })).toContain("not a jest or pytest test file");
    expect(runProblem("npm run drift", { kind: "rehearsal", step: "NoSuchStep", file: "stacks/pipeline/drift-check-step.ts", mentions: "npm run --silent drift" })).toContain(
      'names the step "NoSuchStep"',
    );
  });
});
