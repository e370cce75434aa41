/**
 * The `terraform` the pipeline's steps find on PATH in the rehearsal: the local one, except that
 * `terraform providers lock` (which cdktf deploy runs after a first init, and which always asks the
 * Terraform registry) reads the local provider mirror instead. Everything else passes through.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TerraformTools } from "./terraform-tools";

export const OFFLINE_LOCK_NOTE = "terraform providers lock against the Terraform registry (it reads the local provider mirror)";
/** What the wrapper prints when it points `providers lock` at the mirror, so a step's log tells. */
export const OFFLINE_LOCK_MARKER = "[rehearsal] terraform providers lock reads the local provider mirror";

/** Writes `<dir>/terraform` and returns `dir`, to go first on PATH. */
export function writeOfflineTerraform(tools: TerraformTools, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const script = [
    "#!/usr/bin/env bash",
    `real=${JSON.stringify(tools.terraform)}`,
    'if [ "$1" = providers ] && [ "$2" = lock ]; then',
    `  echo ${JSON.stringify(OFFLINE_LOCK_MARKER)} >&2`,
    `  exec "$real" "$@" -fs-mirror=${JSON.stringify(tools.provider.dir)}`,
    "fi",
    'exec "$real" "$@"',
    "",
  ].join("\n");
  writeFileSync(join(dir, "terraform"), script);
  chmodSync(join(dir, "terraform"), 0o755);
  return dir;
}
