/**
 * Where the project names the CDK for Terraform framework. Only the seam, stacks/cdktf.ts, may import
 * `cdktf`, `constructs` or `@cdktf/...`, or name a provider package (`@cdktf/provider-...`) in a string, as
 * bench's naive synth does through the seam's constant; so moving to a successor is a change of that file.
 * check-cdktn/ and its tests name both frameworks on purpose, and are not counted.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/** The one file that imports the framework, relative to the project root. */
export const SEAM_FILE = "stacks/cdktf.ts";

/** Files that compare the frameworks, and so name both. */
const COMPARERS = [/^check-cdktn\//, /^__tests__\/check-cdktn\//, /^__tests__\/framework-seam\.test\.ts$/];

/** The framework's packages, and its prebuilt providers' (a string such as "@cdktf/warn" is no package). */
const FRAMEWORK_MODULE = /^(cdktf|constructs|@cdktf\/[^/]+)(\/.*)?$/;
const PROVIDER_PACKAGE = /^@cdktf\/provider-/;

const SKIPPED_DIRS = new Set(["node_modules", ".git", "cdktf.out", ".gen", "coverage", "tmp"]);
const SOURCE_ENDINGS = [".ts", ".tsx", ".js", ".cjs", ".mjs"];

export interface FrameworkReference {
  /** relative to the project root, with "/" separators */
  readonly file: string;
  readonly line: number;
  /** the module name imported, or the string that names a provider package */
  readonly name: string;
  readonly kind: "import" | "string";
}

function sourceFiles(root: string, dir = ""): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || entry.name.startsWith(".") ? [] : sourceFiles(root, rel);
    return SOURCE_ENDINGS.some((ending) => entry.name.endsWith(ending)) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

/** A string that is a module name: of an import, an export-from, a require, import() or jest.mock. */
function isModuleName(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return true;
  if (ts.isLiteralTypeNode(parent) && ts.isImportTypeNode(parent.parent)) return true;
  if (!ts.isCallExpression(parent) || parent.arguments[0] !== node) return false;
  const callee = parent.expression.getText();
  return parent.expression.kind === ts.SyntaxKind.ImportKeyword || /^(require|require\.resolve|jest\.(mock|requireActual|doMock))$/.test(callee);
}

/** Every import of a framework module, and every string naming a provider package, in one file's text. */
export function frameworkReferencesIn(file: string, text: string): FrameworkReference[] {
  if (!/cdktf|constructs/.test(text)) return []; // most files: no need to parse them
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FrameworkReference[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) {
      const kind = isModuleName(node) ? "import" : "string";
      if ((kind === "import" ? FRAMEWORK_MODULE : PROVIDER_PACKAGE).test(node.text)) {
        found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, name: node.text, kind });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every framework reference below `root` outside the seam (and the files that compare the frameworks). */
export function frameworkReferencesOutsideSeam(root: string): FrameworkReference[] {
  return sourceFiles(root)
    .filter((file) => file !== SEAM_FILE && !COMPARERS.some((pattern) => pattern.test(file)))
    .flatMap((file) => frameworkReferencesIn(file, fs.readFileSync(path.join(root, file), "utf8")));
}
