/**
 * What the config names on disk: the job scripts directory, each script, each Python library. Terraform
 * uploads exactly these files, so each must be a real, non-empty file inside the scripts directory.
 */
import * as fs from "fs";
import * as path from "path";

/** Why `dir` cannot be the job scripts directory, or undefined. */
export function scriptsDirProblem(dir: string): string | undefined {
  const stat = statOf(dir);
  if (!stat) return `found no directory ${dir}; expected the folder that holds the job scripts, for example job_scripts (relative to the config file)`;
  if (!stat.isDirectory()) return `found a file at ${dir}; expected a directory that holds the job scripts, for example job_scripts`;
  return undefined;
}

/** Why `script` (a file name inside `dir`) cannot be uploaded as a Glue script, or undefined. */
export function scriptProblem(dir: string, script: string): string | undefined {
  const file = path.join(dir, script);
  const stat = statOf(file);
  if (!stat) return `script ${file} does not exist; create it or fix the file name`;
  if (stat.isDirectory()) return `${file} is a directory; expected a Python file, for example my_job.py`;
  if (!stat.isFile()) return `${file} is not a regular file; expected a Python file, for example my_job.py`;
  const outside = outsideOf(dir, file);
  if (outside) return `${file} is a link to ${outside}, outside ${dir}; copy the script into the folder instead`;
  if (stat.size === 0) return `${file} is empty; a Glue job needs a script (write its code, or remove the job)`;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch {
    return `${file} cannot be read; fix its permissions`;
  }
  return undefined;
}

/** Why `name` (a directory of `dir`) cannot be shipped as a Python package, or undefined. */
export function libraryProblem(dir: string, name: string): string | undefined {
  const packageDir = path.join(dir, name);
  const stat = statOf(packageDir);
  if (!stat?.isDirectory() || !statOf(path.join(packageDir, "__init__.py"))?.isFile()) {
    return `${packageDir} is not a Python package (no __init__.py); create it or remove it from the list`;
  }
  const outside = outsideOf(dir, packageDir);
  if (outside) return `${packageDir} is a link to ${outside}, outside ${dir}; copy the package into the folder instead`;
  const link = firstLinkIn(packageDir);
  if (link) return `${link} is a symbolic link, which the libraries zip would leave out; replace it with the file itself`;
  return undefined;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** The real path of `file` when it lies outside the real path of `dir`. */
function outsideOf(dir: string, file: string): string | undefined {
  const realDir = fs.realpathSync(dir);
  const real = fs.realpathSync(file);
  return real === realDir || real.startsWith(realDir + path.sep) ? undefined : real;
}

function firstLinkIn(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) return full;
    if (entry.isDirectory()) {
      const inner = firstLinkIn(full);
      if (inner) return inner;
    }
  }
  return undefined;
}
