/**
 * The commands that README.md and docs/*.md tell a reader to run: every line of a fenced `sh`/`bash`
 * block, and every inline code span that starts with one of the project's own commands (`npm`, `npx`,
 * `node --require tsx/cjs`, `.venv/bin/python`, `bash`). Inline mentions of `terraform …` or `aws …` are
 * descriptions of what a step does inside, not instructions, so only fenced blocks yield those.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const PROJECT_DIR = join(__dirname, "..", "..");

/** README.md and every page of docs/, relative to the project. */
export function docFiles(projectDir = PROJECT_DIR): string[] {
  const pages = readdirSync(join(projectDir, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join("docs", name));
  return ["README.md", ...pages];
}

export interface DocCommand {
  /** The command as written, placeholders and all (`npm run job -- <Job> --stage dev`). */
  readonly text: string;
  readonly file: string;
  readonly line: number;
}

const SHELL_FENCE = /^```(sh|bash|shell|console)\s*$/;
const OWN_COMMAND = /^(npm|npx|node|\.venv\/bin\/python|bash) /;

export function docCommands(file: string, projectDir = PROJECT_DIR): DocCommand[] {
  const lines = readFileSync(join(projectDir, file), "utf8").split("\n");
  const commands: DocCommand[] = [];
  let fence: "shell" | "other" | undefined;
  let pending: { text: string; line: number } | undefined;
  lines.forEach((raw, index) => {
    if (raw.trimStart().startsWith("```")) {
      fence = fence ? undefined : SHELL_FENCE.test(raw.trim()) ? "shell" : "other";
      return;
    }
    if (fence === "shell") {
      // A line ending in `\` goes on with the next one.
      const text = (pending ? `${pending.text} ` : "") + raw.replace(/\s+#\s.*$/, "").replace(/^\s*\$ /, "").trim();
      const line = pending?.line ?? index + 1;
      if (text.endsWith("\\")) {
        pending = { text: text.slice(0, -1).trim(), line };
        return;
      }
      pending = undefined;
      if (text && !text.startsWith("#")) commands.push({ text, file, line });
      return;
    }
    if (fence === "other") return;
    for (const span of inlineCode(raw, lines[index + 1])) {
      if (OWN_COMMAND.test(span)) commands.push({ text: span, file, line: index + 1 });
    }
  });
  return commands;
}

/** Code spans of one line; a span may run onto the next line, as Markdown allows. */
function inlineCode(line: string, next: string | undefined): string[] {
  const spans: string[] = [];
  const text = line.split("`").length % 2 === 0 && next !== undefined ? `${line} ${next.split("`")[0]}\`` : line;
  const parts = text.split("`");
  for (let i = 1; i < parts.length; i += 2) spans.push(parts[i].replace(/\s+/g, " ").trim());
  return spans;
}

/** What a command is, for the table of who runs it: `npm run diff`, `npx cdktf deploy`, `aws athena start-query-execution`. */
export interface CommandForm {
  readonly form: string;
  /** The words after the form: a stack name, a file, arguments. */
  readonly args: readonly string[];
}

/** Shell words that set up rather than run: `export X=y`, `cd`. */
const SETUP = /^(export|cd|source)$/;

export function commandForm(text: string): CommandForm | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift();
  if (words.length === 0 || SETUP.test(words[0])) return undefined;
  const [tool, ...rest] = words;
  switch (tool) {
    case "npm": {
      const args = rest.filter((word) => word !== "--silent" && word !== "-s");
      if (args[0] === "run") return { form: `npm run ${args[1]}`, args: args.slice(2) };
      return { form: `npm ${args[0]}`, args: args.slice(1) };
    }
    case "npx":
      if (rest[0] === "cdktf") return { form: `npx cdktf ${rest[1]}`, args: rest.slice(2) };
      return { form: `npx ${rest[0]}`, args: rest.slice(1) };
    case "node": {
      const file = rest.find((word, i) => !word.startsWith("-") && rest[i - 1] !== "--require");
      return { form: `node ${file}`, args: file ? rest.slice(rest.indexOf(file) + 1) : [] };
    }
    case ".venv/bin/python":
      if (rest[0] === "-m") return { form: `python -m ${rest[1]}`, args: rest.slice(2) };
      return { form: `python ${rest[0]}`, args: rest.slice(1) };
    case "bash":
      return { form: `${tool === "bash" ? "bash" : "python"} ${rest[0]}`, args: rest.slice(1) };
    case "aws":
      return { form: `aws ${rest[0]} ${rest[1]}`, args: rest.slice(2) };
    case "terraform":
      return { form: `terraform ${rest[0]}`, args: rest.slice(1) };
    default:
      return { form: tool, args: rest };
  }
}

export function relativeToProject(path: string, projectDir = PROJECT_DIR): string {
  return relative(projectDir, path);
}
