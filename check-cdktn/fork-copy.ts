/** A throwaway copy of the project that builds on the fork: the seam rewritten, the fork installed. */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { forkPackageJson, forkSeam } from "./fork";
import { SEAM_FILE } from "./framework-imports";

/** Installed environments, build output and caches: none of it is the project's source. */
const NOT_COPIED = new Set(["node_modules", ".git", ".venv", ".venv-scan", ".jars", "cdktf.out", ".gen", "coverage", "tmp", "__pycache__", ".pytest_cache"]);

export interface ForkCopy {
  readonly dir: string;
  /** npm's warnings of the install, such as an engine the fork declares and this Node does not meet */
  readonly installWarnings: string[];
}

/** Copies `projectDir` to a fresh temporary directory, swaps the seam and installs the fork there. */
export function makeForkCopy(projectDir: string): ForkCopy {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-cdktn-"));
  fs.cpSync(projectDir, dir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)) && !fs.lstatSync(source).isSymbolicLink(),
  });
  const seam = path.join(dir, SEAM_FILE);
  fs.writeFileSync(seam, forkSeam(fs.readFileSync(seam, "utf8")));
  const packageFile = path.join(dir, "package.json");
  fs.writeFileSync(packageFile, JSON.stringify(forkPackageJson(JSON.parse(fs.readFileSync(packageFile, "utf8"))), null, 2) + "\n");
  // No lock file: the copy's package.json pins every dependency it names exactly.
  const install = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--package-lock=false"], { cwd: dir, encoding: "utf8" });
  if (install.status !== 0) {
    throw new Error(`npm install of the fork in ${dir} failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);
  }
  const installWarnings = `${install.stdout}\n${install.stderr}`.split("\n").filter((line) => /^npm warn/i.test(line));
  return { dir, installWarnings };
}
