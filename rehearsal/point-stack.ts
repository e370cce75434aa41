/**
 * Points one synthesized stack at the emulator, in the rehearsal's copy only: the AWS provider pin the
 * local mirror holds, the provider-version adaptations it needs (provider-adaptations.ts),
 * emulator_override.tf.json, and for an `s3` backend its override (s3-backend-override.ts). The rehearsal does it to each stack it synthesizes;
 * its `terraform` wrapper (offline-terraform.ts) does it before any `init` of a stack a step synthesized
 * itself, so that a step's own synth plans against the emulator too.
 *
 *   node --require tsx/cjs point-stack.ts <stackDir> <endpoint> <caBundle> <providerVersion>
 */
import { basename } from "node:path";
import { writeEmulatorOverride, type EmulatorTarget } from "./emulator/emulator-override";
import { writeS3BackendOverride } from "./s3-backend-override";
import { adaptStackToProvider, type AppliedAdaptation } from "./provider-adaptations";
import { rewriteProviderPin, type PinChange } from "./terraform-tools";

export interface PointedStack {
  readonly pin?: PinChange;
  readonly adaptations: AppliedAdaptation[];
}

export function pointStackAtEmulator(stackDir: string, emulator: EmulatorTarget, providerVersion: string): PointedStack {
  const pin = rewriteProviderPin(stackDir, providerVersion);
  const adaptations = adaptStackToProvider(stackDir, basename(stackDir), providerVersion);
  writeEmulatorOverride(stackDir, emulator);
  writeS3BackendOverride(stackDir, emulator);
  return { pin, adaptations };
}

if (require.main === module) {
  const [stackDir, endpoint, caBundle, providerVersion] = process.argv.slice(2);
  if (!stackDir || !endpoint || !caBundle || !providerVersion) {
    console.error("usage: point-stack.ts <stackDir> <endpoint> <caBundle> <providerVersion>");
    process.exit(2);
  }
  pointStackAtEmulator(stackDir, { endpoint, caBundle }, providerVersion);
}
