/**
 * Points a stack's `s3` backend at the emulator, in the rehearsal's copy only: `state_backend_override.tf.json`
 * beside cdk.tf.json holds the stack's own backend settings (bucket, key, region, encrypt, use_lockfile,
 * kms_key_id, assume_role) plus the emulator's S3, STS and IAM endpoints, path-style requests and the
 * run's CA. A backend block in an override file replaces the original one whole (Terraform, "Override
 * Files: Merging terraform blocks", https://developer.hashicorp.com/terraform/language/files/override),
 * so every setting of the stack's is kept in it. A stack with another backend gets no file.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorTarget } from "./emulator/emulator-override";

export const BACKEND_OVERRIDE_FILE = "state_backend_override.tf.json";

interface StackJson {
  terraform?: { backend?: { s3?: Record<string, unknown> } };
}

/** The override's content for a stack's s3 backend, or undefined when the stack has none. */
export function s3BackendOverride(stack: StackJson, emulator: EmulatorTarget): { terraform: { backend: { s3: Record<string, unknown> } } } | undefined {
  const s3 = stack.terraform?.backend?.s3;
  if (!s3) return undefined;
  return {
    terraform: {
      backend: {
        s3: {
          ...s3,
          endpoints: { s3: emulator.endpoint, sts: emulator.endpoint, iam: emulator.endpoint },
          use_path_style: true,
          custom_ca_bundle: emulator.caBundle,
          skip_metadata_api_check: true,
        },
      },
    },
  };
}

/** Writes (or, for a stack without an s3 backend, removes) the override; returns the file when written. */
export function writeS3BackendOverride(stackDir: string, emulator: EmulatorTarget): string | undefined {
  const file = join(stackDir, BACKEND_OVERRIDE_FILE);
  const override = s3BackendOverride(JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson, emulator);
  if (!override) {
    if (existsSync(file)) rmSync(file);
    return undefined;
  }
  writeFileSync(file, JSON.stringify(override, null, 2));
  return file;
}
