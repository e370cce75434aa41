/**
 * Rules for single values that AWS, git or Terraform impose, as pure functions: each returns what is
 * wrong with a value (a short reason), or undefined when it is fine.
 */

/** Control characters (C0, DEL, C1) and the invisible bidirectional overrides that disguise text. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Terraform reads `${...}` and `%{...}` inside any string of its JSON as its own template syntax. */
export const TERRAFORM_TEMPLATE = /[$%]\{/;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_BUCKET_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** S3's general purpose bucket naming rules. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `it is ${name.length} characters long; bucket names are 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "bucket names use only lowercase letters, digits, dots and hyphens";
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return "bucket names start and end with a letter or digit";
  if (name.includes("..")) return "bucket names have no two dots in a row";
  if (IPV4.test(name)) return "bucket names are not IP addresses";
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `the prefix ${prefix} is reserved by S3`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `the suffix ${suffix} is reserved by S3`;
  return undefined;
}

/** git's rules for a branch name (git check-ref-format --branch). */
export function branchProblem(name: string): string | undefined {
  if (name.startsWith("-")) return "a branch name does not start with -";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//")) return "a branch name has no leading, trailing or double /";
  if (name.endsWith(".") || name.endsWith(".lock")) return "a branch name does not end with . or .lock";
  if (name.includes("..") || name.includes("@{") || name === "@") return 'a branch name has no "..", "@{" and is not "@"';
  if (/[\s~^:?*[\\]/.test(name) || CONTROL_CHARACTERS.test(name)) return "a branch name has no spaces, control characters or any of ~ ^ : ? * [ \\";
  if (name.split("/").some((part) => part.startsWith("."))) return "no part of a branch name starts with .";
  return undefined;
}

/** A host name with an optional port: what HCP Terraform and Terraform Enterprise are reached by. */
export function hostnameProblem(name: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return "it is a URL; write the host name alone, without https:// or a path";
  if (name.includes("/")) return "a host name has no path";
  const host = name.replace(/:\d{1,5}$/, "");
  const labels = host.split(".");
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
  if (host.length > 253 || labels.some((l) => !label.test(l))) return "a host name is dot-separated labels of letters, digits and -";
  return undefined;
}

/** Tag keys and values: the characters IAM, S3 and Glue all accept. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Whether a string is a Python identifier that can be imported (ASCII only, as Glue's zip import needs). */
export function isPythonPackageName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}

const PYTHON_KEYWORDS = new Set(
  "False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield".split(
    " ",
  ),
);
