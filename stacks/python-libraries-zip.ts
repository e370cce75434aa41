/**
 * Packs the shared Python packages into one zip for `--extra-py-files`. The zip is byte-for-byte
 * reproducible (sorted entries, fixed timestamps, no caches), so its hash changes only when code does.
 */
import { zipSync, Zippable } from "fflate";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const FIXED_MTIME = new Date("1980-01-01T00:00:00Z");
const SKIPPED = /(^|\/)(__pycache__|tests?|\.pytest_cache)(\/|$)|\.py[co]$/;

/** Files of the packages, as zip paths (`package/module.py`) to their absolute paths, sorted. */
export function libraryFiles(scriptsDir: string, packages: readonly string[]): [string, string][] {
  const files: [string, string][] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(scriptsDir, relative), { withFileTypes: true })) {
      const zipPath = `${relative}/${entry.name}`;
      if (SKIPPED.test(zipPath)) continue;
      if (entry.isDirectory()) walk(zipPath);
      else if (entry.isFile()) files.push([zipPath, path.join(scriptsDir, zipPath)]);
    }
  };
  packages.forEach(walk);
  return files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function zipLibraries(scriptsDir: string, packages: readonly string[]): Uint8Array {
  const tree: Zippable = {};
  for (const [zipPath, file] of libraryFiles(scriptsDir, packages)) {
    tree[zipPath] = [fs.readFileSync(file), { mtime: FIXED_MTIME, level: 6 }];
  }
  return zipSync(tree);
}

/** Writes the zip to a content-named temp file (synth copies it into the stack's assets). */
export function writeLibrariesZip(scriptsDir: string, packages: readonly string[]): string {
  const bytes = zipLibraries(scriptsDir, packages);
  const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const file = path.join(os.tmpdir(), `glue-python-libraries-${digest}.zip`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, bytes);
  return file;
}
