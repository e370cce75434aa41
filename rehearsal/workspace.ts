/**
 * The rehearsal's own copy of the project, synthesized with a local state backend.
 *
 *   const ws = await prepareWorkspace({ configFile: "default-config.yaml" });
 *   ws.stackDir("dev-glue")   // <ws>/cdktf.out/stacks/dev-glue
 *
 * The copy holds what `git ls-files -co --exclude-standard` would list (tracked and untracked files, not
 * the ignored ones), read from the tree itself so that no `.git` is needed (project-files.ts), with
 * node_modules, .venv, .venv-scan and .jars linked, not copied. The chosen config is
 * written into it, at the same place relative to the project, with `backend` set to `{ type: local }`
 * (an `s3` backend is kept: its bucket is the emulator's, see s3-backend-override.ts) and every other
 * key (and comment) as it was. Synth runs as cdktf.json's app command does, in the
 * copy, into `<ws>/cdktf.out`. The project's own files and its cdktf.out are not touched.
 */
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { parseDocument } from "yaml";
import { PROJECT_DIR } from "../stacks/config";
import { listProjectFiles } from "./project-files";

/** What `npm ci` and `npm run setup` install (packages, virtualenvs, the jars local Spark loads): the copy links to them instead of copying. */
export const LINKED_DIRS = ["node_modules", ".venv", ".venv-scan", ".jars"] as const;

export interface Workspace {
  /** Root of the copy */
  readonly dir: string;
  /** <dir>/cdktf.out */
  readonly outDir: string;
  /** The config the copy was synthesized from (backend: local) */
  readonly configFile: string;
  /** Seconds synth took */
  readonly synthSeconds: number;
  stackDir(name: string): string;
}

export interface PrepareWorkspaceOptions {
  /** Config to synthesize, absolute or relative to the project. */
  readonly configFile: string;
  /** Where to make the copy; @default a new directory under the OS temp dir */
  readonly dir?: string;
  /** @default the project this file belongs to */
  readonly projectDir?: string;
  /** The local backend's directory; absolute, so that every copy shares the state. @default terraform-state in the copy */
  readonly stateDir?: string;
  /** Write the config as the copy's default-config.yaml, the file the pipeline's Build reads. @default false */
  readonly asDefaultConfig?: boolean;
}

/** The project's files as git would list them (tracked and untracked, not ignored), but the linked directories. */
export function projectFiles(projectDir: string): string[] {
  const linked = new Set<string>(LINKED_DIRS);
  return listProjectFiles(projectDir).filter((file) => !linked.has(file.split("/")[0]));
}

function existsOrLink(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function copyProject(projectDir: string, dir: string): number {
  const files = projectFiles(projectDir);
  for (const file of files) {
    const from = join(projectDir, file);
    const to = join(dir, file);
    mkdirSync(dirname(to), { recursive: true });
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
  }
  for (const name of LINKED_DIRS) {
    const from = join(projectDir, name);
    if (existsSync(from) && !existsOrLink(join(dir, name))) symlinkSync(from, join(dir, name), "dir");
  }
  return files.length;
}

/**
 * The config's text with `backend` replaced by `{ type: local }` (with `directory` when given: an absolute
 * one lets every copy of the project share one state, as a remote backend would); everything else kept.
 */
export function withLocalBackend(configText: string, directory?: string): string {
  const document = parseDocument(configText);
  if (document.errors.length > 0) throw new Error(`the config is not valid YAML: ${document.errors[0].message}`);
  document.set("backend", document.createNode(directory ? { type: "local", directory } : { type: "local" }));
  return document.toString();
}

/** The backend the rehearsal gives the config: an `s3` one as it is (the emulator has S3), any other local (see withLocalBackend). */
export function withRehearsalBackend(configText: string, directory?: string): string {
  const backend = parseDocument(configText).toJS()?.backend;
  return backend?.type === "s3" ? configText : withLocalBackend(configText, directory);
}

/** A config moved from `fromDir` to `toDir` keeps pointing at the same job scripts (jobScriptsDir is relative to the file). */
export function withJobScriptsDirFrom(configText: string, fromDir: string, toDir: string): string {
  const document = parseDocument(configText);
  const jobScriptsDir = document.get("jobScriptsDir");
  if (typeof jobScriptsDir !== "string" || isAbsolute(jobScriptsDir) || fromDir === toDir) return configText;
  document.set("jobScriptsDir", relative(toDir, resolve(fromDir, jobScriptsDir)) || ".");
  return document.toString();
}

export function synth(dir: string, configFile: string, outDir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      ["--require", "tsx/cjs", "main.ts"],
      { cwd: dir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CHECKPOINT_DISABLE: "1", GLUE_CONFIG: configFile, CDKTF_OUTDIR: outDir } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`synth of ${configFile} failed:\n${stderr || stdout}`));
        else resolvePromise();
      },
    );
  });
}

export async function prepareWorkspace(options: PrepareWorkspaceOptions): Promise<Workspace> {
  const projectDir = options.projectDir ?? PROJECT_DIR;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "glue-rehearsal-"));
  mkdirSync(dir, { recursive: true });
  copyProject(projectDir, dir);

  const source = isAbsolute(options.configFile) ? options.configFile : resolve(projectDir, options.configFile);
  const inside = relative(projectDir, source);
  // As the repository's own default-config.yaml, it is what the pipeline's Build synthesizes too; else
  // inside the project, the same place in the copy, so paths relative to the config still hold.
  const configFile = options.asDefaultConfig
    ? join(dir, "default-config.yaml")
    : !inside.startsWith("..") && !isAbsolute(inside)
      ? join(dir, inside)
      : join(dir, "rehearsal-config.yaml");
  const copiedFrom = !inside.startsWith("..") && !isAbsolute(inside) ? dirname(join(dir, inside)) : dirname(source);
  mkdirSync(dirname(configFile), { recursive: true });
  const text = withJobScriptsDirFrom(readFileSync(source, "utf8"), copiedFrom, dirname(configFile));
  writeFileSync(configFile, withRehearsalBackend(text, options.stateDir));

  const outDir = join(dir, "cdktf.out");
  const started = Date.now();
  await synth(dir, configFile, outDir);
  return {
    dir,
    outDir,
    configFile,
    synthSeconds: (Date.now() - started) / 1000,
    stackDir: (name: string) => join(outDir, "stacks", name),
  };
}
