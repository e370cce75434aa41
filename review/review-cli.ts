/**
 * What `npm run diff` and `npm run drift` share as commands: their options and help, the synth they
 * start with, and how they end (exit code 1 and one message on bad input or an error).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, relative } from "node:path";
import { parseArgs } from "node:util";
import { InputError, PROJECT_DIR } from "../stacks/config";

/** Where a command reads its environment and writes: the process's own, or a test's. */
export interface ReviewIo {
  readonly env: NodeJS.ProcessEnv;
  /** The summary (stdout). */
  readonly print: (text: string) => void;
  /** Progress lines (stderr). */
  readonly log: (line: string) => void;
}

/** One option: its flag, the name of its value (none for a switch), and its line of help. */
export interface ReviewOption {
  readonly flag: string;
  readonly value?: string;
  readonly help: string;
}

/** The options both commands take, with the same meaning; each command adds its own lines for the rest. */
export const SHARED_OPTIONS = {
  config: { flag: "config", value: "FILE", help: "the config file (default: GLUE_CONFIG, the cdktf context's config, or default-config.yaml)" },
  planRoles: { flag: "plan-roles", help: "plan through the read-only plan roles (the profiles glue-plan-pipeline, glue-dev, glue-prod)" },
} as const satisfies Record<string, ReviewOption>;

const STACK_HELP = "pipeline, dev-glue or prod-glue (default: every stack)";
const column = (name: string) => `  ${name.padEnd(12)}  `;

/** `Usage: npm run <command> -- [STACK...] [--flag VALUE]...` and one line per option. */
export function usageOf(command: string, options: readonly ReviewOption[]): string {
  const synopsis = options.map((o) => `[--${o.flag}${o.value ? ` ${o.value}` : ""}]`).join(" ");
  return [`Usage: npm run ${command} -- [STACK...] ${synopsis}`, `${column("STACK")}${STACK_HELP}`, ...options.map((o) => `${column(`--${o.flag}`)}${o.help}`)].join("\n");
}

export interface ParsedArgs {
  readonly positionals: string[];
  /** The value of an option that takes one */
  text(flag: string): string | undefined;
  /** Whether a switch was given */
  isSet(flag: string): boolean;
}

/** The arguments, or undefined after printing the help for --help; anything else is an InputError with the usage. */
export function parseReviewArgs(argv: string[], usage: string, options: readonly ReviewOption[], io: ReviewIo): ParsedArgs | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(options.map((o) => [o.flag, { type: o.value ? ("string" as const) : ("boolean" as const) }])),
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${usage}`);
  }
  if (parsed.values.help) {
    io.print(usage);
    return undefined;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return {
    positionals: parsed.positionals,
    text: (flag) => (typeof values[flag] === "string" ? (values[flag] as string) : undefined),
    isSet: (flag) => values[flag] === true,
  };
}

/** Synthesizes as cdktf.json's app command does, with the config given. */
export function synthesize(command: string, configFile: string, outDir: string, io: ReviewIo): void {
  io.log(`${command}: synthesizing ${shown(configFile)}`);
  // The app makes the output directory, but not its parents.
  mkdirSync(dirname(outDir), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...io.env, GLUE_CONFIG: configFile, CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: "1" };
  // The file named here wins over one named in cdktf's context.
  delete env.CDKTF_CONTEXT_JSON;
  const run = spawnSync(process.execPath, ["--require", "tsx/cjs", "main.ts"], { cwd: PROJECT_DIR, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new InputError((run.stderr || run.stdout || `synth exited ${run.status}`).trim());
}

/** A path as the person typing sees it: relative when it is below the working directory. */
export function shown(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

/** Runs the command on this process's arguments and exits with its code; 1 and one line on an error. */
export function runAsMain(command: string, run: (argv: string[], io: ReviewIo) => Promise<number>): void {
  run(process.argv.slice(2), { env: process.env, print: (text) => console.log(text), log: (line) => console.error(line) }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const detail = error instanceof InputError ? error.message : `${(error as Error)?.message ?? String(error)} (set GLUE_CDKTF_DEBUG=1 to see where)`;
      if (!(error instanceof InputError) && process.env.GLUE_CDKTF_DEBUG) console.error((error as Error)?.stack);
      console.error(`${command}: ${detail}`);
      process.exit(1);
    },
  );
}
