/**
 * The `terraform` the pipeline's steps find on PATH in the rehearsal: the local one, except that
 * `terraform providers lock` (which cdktf deploy runs after a first init, and which always asks the
 * Terraform registry) reads the local provider mirror instead, and that `init` of a synthesized stack
 * first points it at the emulator (point-stack.ts), for steps that synthesize themselves (the
 * pull-request check). Everything else passes through.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorTarget } from "./emulator/emulator-override";
import type { TerraformTools } from "./terraform-tools";

export const OFFLINE_LOCK_NOTE = "terraform providers lock against the Terraform registry (it reads the local provider mirror)";
/** What the wrapper prints when it points `providers lock` at the mirror, so a step's log tells. */
export const OFFLINE_LOCK_MARKER = "[rehearsal] terraform providers lock reads the local provider mirror";

/** Writes `<dir>/terraform` and returns `dir`, to go first on PATH. */
export function writeOfflineTerraform(tools: TerraformTools, dir: string, emulator?: EmulatorTarget): string {
  mkdirSync(dir, { recursive: true });
  const point = emulator
    ? [
        // The stack's directory: -chdir=DIR, else the working directory; the subcommand: the first other word.
        'dir=.; cmd=""',
        'for arg in "$@"; do case "$arg" in -chdir=*) dir="${arg#-chdir=}";; -*) ;; *) cmd="$arg"; break;; esac; done',
        'if [ "$cmd" = init ] && [ -f "$dir/cdk.tf.json" ]; then',
        `  ${[process.execPath, "--require", require.resolve("tsx/cjs"), join(__dirname, "point-stack.ts")].map((a) => JSON.stringify(a)).join(" ")} "$dir" ${JSON.stringify(emulator.endpoint)} ${JSON.stringify(emulator.caBundle)} ${JSON.stringify(tools.provider.version)} || exit 1`,
        "fi",
      ]
    : [];
  const script = [
    "#!/usr/bin/env bash",
    `real=${JSON.stringify(tools.terraform)}`,
    ...point,
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
