/**
 * The project's import graph, read from the code (TypeScript through the compiler's own import list,
 * Python by its import statements), and the layering it must keep:
 *   - stacks/ imports only stacks/ (no tool, no test, not main.ts);
 *   - nothing outside __tests__/ imports a file of __tests__/ or names a `__tests__/` path in a string
 *     (a tool that starts one would lean on the tests just the same);
 *   - job_scripts/glue_runtime/ imports no job's package (it ships with every job);
 *   - no cycle between files, and none between rooms (top folders; stacks/ counted by its subfolders,
 *     so that stacks/config importing stacks/pipeline, which imports stacks/config, is a cycle).
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** The top folders that hold a command of the product (or code the tests and a command share). */
export const TOOL_FOLDERS = ["rehearsal", "integ", "review", "scan", "local-run", "bench", "testkit", "docs-tools", "check-cdktn"] as const;

const SKIPPED_DIRS = new Set(["node_modules", ".git", ".venv", ".venv-scan", "cdktf.out", ".gen", "coverage", "__pycache__", ".pytest_cache", "tmp"]);
const TS_ENDINGS = [".ts", ".tsx", ".js", ".cjs", ".mjs"];
const TS_RESOLVE = ["", ".ts", ".tsx", ".js", ".cjs", ".json", "/index.ts", "/index.js"];

export interface ImportGraph {
  /** Every file read, relative to the root, with "/" separators */
  readonly files: string[];
  /** file -> the project files it imports */
  readonly edges: Map<string, Set<string>>;
  /** file -> the string literals of a TypeScript file that name a path under __tests__/ */
  readonly testPaths: Map<string, string[]>;
}

function walk(root: string, dir = ""): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".venv")) out.push(...walk(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

function tsImports(file: string, text: string, known: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const found: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith(".")) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    const target = TS_RESOLVE.map((ending) => base + ending).find((candidate) => known.has(candidate));
    if (target) found.push(target);
  }
  return found;
}

/** An import's or require's module name: the import check judges those. */
function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
  if (!ts.isCallExpression(parent) || parent.arguments[0] !== node) return false;
  return parent.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(parent.expression) && parent.expression.text === "require") || /^jest\.(mock|requireActual)$/.test(parent.expression.getText());
}

/** String literals (template parts too) of a TypeScript file that contain `__tests__/`. */
function testPathLiterals(file: string, text: string): string[] {
  if (!text.includes("__tests__/")) return []; // most files: no need to parse them
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && !isModuleSpecifier(node) && /(^|[^\w])__tests__\//.test(node.text)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The folder Python puts on sys.path for this file: the first ancestor that is not a package. */
function pythonRoot(root: string, file: string): string {
  let dir = path.posix.dirname(file);
  while (dir !== "." && fs.existsSync(path.join(root, dir, "__init__.py"))) dir = path.posix.dirname(dir);
  return dir;
}

function pythonModule(dir: string, dotted: string, known: Set<string>): string | undefined {
  const base = path.posix.join(dir, ...dotted.split("."));
  return [`${base}.py`, `${base}/__init__.py`].find((candidate) => known.has(candidate));
}

function pyImports(file: string, text: string, known: Set<string>, root: string): string[] {
  const sysPath = pythonRoot(root, file);
  const found: string[] = [];
  const statement = /^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)|import[ \t]+([^\n#]+))/gm;
  for (const match of text.matchAll(statement)) {
    const [, dots, fromModule, names, plain] = match;
    if (plain !== undefined) {
      for (const part of plain.split(",")) {
        const target = pythonModule(sysPath, part.trim().split(/\s+/)[0], known);
        if (target) found.push(target);
      }
      continue;
    }
    let dir = sysPath;
    if (dots) {
      dir = path.posix.dirname(file);
      for (let i = 1; i < dots.length; i++) dir = path.posix.dirname(dir);
    }
    const parent = fromModule ? pythonModule(dir, fromModule, known) : undefined;
    const packageDir = fromModule ? path.posix.join(dir, ...fromModule.split(".")) : dir;
    // `from P import a`: a may be a submodule of the package P, or a name defined in P.
    const submodules = names
      .replace(/[()]/g, "")
      .split(",")
      .map((n) => n.trim().split(/\s+/)[0])
      .filter(Boolean)
      .map((n) => pythonModule(packageDir, n, known));
    for (const submodule of submodules) if (submodule) found.push(submodule);
    if (parent && !submodules.every(Boolean)) found.push(parent);
  }
  return found;
}

/** Reads every TypeScript, JavaScript and Python file below `root`. */
export function importGraph(root: string): ImportGraph {
  const all = walk(root);
  const known = new Set(all);
  const files = all.filter((f) => TS_ENDINGS.some((e) => f.endsWith(e)) || f.endsWith(".py")).filter((f) => !f.endsWith(".d.ts"));
  const edges = new Map<string, Set<string>>();
  const testPaths = new Map<string, string[]>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    const targets = file.endsWith(".py") ? pyImports(file, text, known, root) : tsImports(file, text, known);
    edges.set(file, new Set(targets.filter((t) => t !== file)));
    if (!file.endsWith(".py")) {
      const literals = testPathLiterals(file, text);
      if (literals.length > 0) testPaths.set(file, literals);
    }
  }
  return { files, edges, testPaths };
}

type Kind = "stacks" | "tool" | "tests" | "app" | "job_scripts" | "other";

function kindOf(file: string): Kind {
  const top = file.split("/")[0];
  if (top === "stacks") return "stacks";
  if (top === "__tests__") return "tests";
  if (top === "job_scripts") return "job_scripts";
  if ((TOOL_FOLDERS as readonly string[]).includes(top)) return "tool";
  if (file === "main.ts") return "app";
  return "other";
}

/** A top folder, or a subfolder (or file) of stacks/. */
export function roomOf(file: string): string {
  const parts = file.split("/");
  if (parts.length === 1) return file;
  if (parts[0] === "stacks") return parts.length > 2 ? `stacks/${parts[1]}/` : `stacks/${parts[1].replace(/\.[^.]+$/, "")}`;
  return `${parts[0]}/`;
}

/** Strongly connected parts with more than one member (Tarjan). */
export function cyclesOf(edges: Map<string, Set<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const part: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        part.push(member);
      } while (member !== node);
      if (part.length > 1) cycles.push(part.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles;
}

/** Each import against the layering, and each cycle, as one line. */
export function layeringProblems(graph: ImportGraph): string[] {
  const problems: string[] = [];
  const rooms = new Map<string, Set<string>>();
  for (const [from, targets] of graph.edges) {
    const fromKind = kindOf(from);
    for (const to of targets) {
      const toKind = kindOf(to);
      if (fromKind === "stacks" && toKind !== "stacks") problems.push(`${from} imports ${to}: stacks/ imports no tool, test or main.ts`);
      if (fromKind !== "tests" && toKind === "tests") problems.push(`${from} imports ${to}: only tests import __tests__/`);
      if (from.startsWith("job_scripts/glue_runtime/") && !to.startsWith("job_scripts/glue_runtime/")) {
        problems.push(`${from} imports ${to}: glue_runtime ships with every job and imports no job's package`);
      }
      const [fromRoom, toRoom] = [roomOf(from), roomOf(to)];
      if (fromRoom !== toRoom) rooms.set(fromRoom, (rooms.get(fromRoom) ?? new Set()).add(toRoom));
    }
  }
  for (const [file, literals] of graph.testPaths) {
    if (kindOf(file) !== "tests") problems.push(`${file} names ${literals.map((l) => JSON.stringify(l)).join(", ")}: only tests use paths under __tests__/`);
  }
  for (const cycle of cyclesOf(graph.edges)) problems.push(`import cycle between files: ${cycle.join(" -> ")}`);
  for (const cycle of cyclesOf(rooms)) problems.push(`import cycle between folders: ${cycle.join(" -> ")}`);
  return problems;
}
