/**
 * Points one synthesized stack at the emulator, in the rehearsal's copy only: the AWS provider pin the
 * local mirror holds, and emulator_override.tf.json. The rehearsal does it to each stack it synthesizes;
 * its `terraform` wrapper (offline-terraform.ts) does it before any `init` of a stack a step synthesized
 * itself, so that a step's own synth plans against the emulator too.
 *
 *   node --require tsx/cjs point-stack.ts <stackDir> <endpoint> <caBundle> <providerVersion>
 */
import { writeEmulatorOverride, type EmulatorTarget } from "./emulator/emulator-override";
import { rewriteProviderPin, type PinChange } from "./terraform-tools";

export function pointStackAtEmulator(stackDir: string, emulator: EmulatorTarget, providerVersion: string): PinChange | undefined {
  const change = rewriteProviderPin(stackDir, providerVersion);
  writeEmulatorOverride(stackDir, emulator);
  return change;
}

if (require.main === module) {
  const [stackDir, endpoint, caBundle, providerVersion] = process.argv.slice(2);
  if (!stackDir || !endpoint || !caBundle || !providerVersion) {
    console.error("usage: point-stack.ts <stackDir> <endpoint> <caBundle> <providerVersion>");
    process.exit(2);
  }
  pointStackAtEmulator(stackDir, { endpoint, caBundle }, providerVersion);
}
