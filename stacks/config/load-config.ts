/** The only door for config: reads a YAML file, validates it against the schema, returns typed config. */
import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseAllDocuments, parseDocument } from "yaml";
import { ConfigError, ConfigProblem, keyPath } from "./config-error";
import { rawProblems } from "./raw-checks";
import { resolveConfig } from "./resolve-config";
import { describeFound } from "./messages";
import { configSchema } from "./schema";
import type { AppConfig } from "./types";

/** The project root: where default-config.yaml and job_scripts/ live. */
export const PROJECT_DIR = path.resolve(__dirname, "..", "..");
export const DEFAULT_CONFIG_FILE = path.join(PROJECT_DIR, "default-config.yaml");
/** Environment variable naming another config file. */
export const CONFIG_ENV = "GLUE_CONFIG";

/** A config is a few KiB; a much larger file is a mistake (or an attack on the parser). */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** Aliases are handy for shared blocks; thousands of them expand into a memory bomb. */
const MAX_ALIAS_COUNT = 100;

/** Picks the config file: an explicit path, then $GLUE_CONFIG, then default-config.yaml. */
export function configFilePath(explicit?: string): string {
  const chosen = explicit || process.env[CONFIG_ENV] || DEFAULT_CONFIG_FILE;
  return path.resolve(chosen);
}

/**
 * `projectDir` is where job_scripts/ is when the file does not say (another checkout's, for the data
 * plan's base). @default PROJECT_DIR
 */
export function loadConfig(file?: string, projectDir: string = PROJECT_DIR): AppConfig {
  const configFile = configFilePath(file);
  const text = readConfigText(configFile);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (at: readonly PropertyKey[]): number | undefined => {
    const node = doc.getIn(at, true) as { range?: [number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  const fail = (problems: ConfigProblem[]): never => {
    const unique = new Map(problems.map((p) => [`${p.path}\n${p.message}`, { ...p, line: p.line ?? lineOf(p.path.split(".")) }]));
    throw new ConfigError(configFile, [...unique.values()]);
  };
  if (doc.errors.some((e) => e.code === "MULTIPLE_DOCS")) {
    const count = parseAllDocuments(text).length;
    fail([
      {
        path: "(yaml)",
        message: `the file holds ${count} YAML documents separated by ---; expected one document: keep one config per file and name it with ${CONFIG_ENV}=FILE`,
      },
    ]);
  }
  if (doc.errors.length > 0) {
    fail(
      doc.errors.map((e) => ({
        path: "(yaml)",
        line: lineCounter.linePos(e.pos[0]).line,
        message: `${e.message.split("\n")[0]}; fix the YAML syntax`,
      })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    fail([{ path: "(yaml)", message: `${(e as Error).message}; use fewer YAML aliases` }]);
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    fail([{ path: "", message: `found ${describeFound(raw)}; the file must hold a YAML mapping (key: value): start from default-config.yaml` }]);
  }
  const before = rawProblems(raw, doc);
  if (before.length > 0) fail(before);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      parsed.error.issues.map((issue) => ({
        path: keyPath(issue.path),
        line: lineOf(issue.path as PropertyKey[]),
        message: describeIssue(issue),
      })),
    );
  }
  const { config, problems } = resolveConfig(parsed.data!, configFile, projectDir);
  return config ?? fail(problems);
}

function readConfigText(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new ConfigError(file, [
      { path: "", message: `file not found; create it (copy default-config.yaml) or name another with ${CONFIG_ENV}=FILE` },
    ]);
  }
  if (!stat.isFile()) {
    throw new ConfigError(file, [{ path: "", message: "this is a directory, not a file; name the YAML file itself" }]);
  }
  if (stat.size > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [
      { path: "", message: `the file is ${stat.size} bytes, over the ${MAX_CONFIG_BYTES}-byte limit; is this the right file?` },
    ]);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(file));
  } catch {
    throw new ConfigError(file, [{ path: "", message: "the file is not valid UTF-8 text; save it as UTF-8" }]);
  }
}

/** Zod's messages say what is wrong; reword the two cases it words generically. */
function describeIssue(issue: { code: string; message: string; issues?: { message: string }[] }): string {
  if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
    return `required key is missing; add it (${issue.message.replace(/^Invalid input: /, "")})`;
  }
  // A bad map key (e.g. a job name) carries the key's own problem inside.
  if (issue.code === "invalid_key" && issue.issues?.length) return issue.issues[0].message;
  return issue.message;
}
