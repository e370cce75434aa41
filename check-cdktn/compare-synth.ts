/**
 * Compares two syntheses of the same app, one per framework, ignoring metadata: the `//` blocks (framework
 * version, construct paths, backend notes), the manifest's version and its stacks' metadata paths. Provider
 * version pins are taken out and reported apart: each prebuilt provider pins the AWS provider it was built
 * from, so they differ by design. Everything else that differs is a difference of what Terraform would do.
 */
import type { SynthesizedApp } from "./synth-stacks";

export interface Difference {
  readonly config: string;
  readonly stack: string;
  /** `manifest.…`, `assets/…` or a path into cdk.tf.json, such as `resource.aws_glue_job.x.command[0]` */
  readonly path: string;
  readonly cdktf: unknown;
  readonly cdktn: unknown;
  /** set when the difference is one of EXPECTED_DIFFERENCES */
  readonly expected?: string;
}

export interface ProviderPin {
  readonly config: string;
  readonly stack: string;
  readonly provider: string;
  readonly cdktf?: string;
  readonly cdktn?: string;
}

/**
 * A provider source address as Terraform reads it: `[HOSTNAME/]NAMESPACE/TYPE`, the hostname defaulting to
 * registry.terraform.io; the one-part form (`aws`, which cdktf writes) is the legacy address that Terraform
 * takes as `hashicorp/<type>`. Terraform: Provider Requirements, "Source Addresses"
 * (https://developer.hashicorp.com/terraform/language/providers/requirements#source-addresses).
 */
export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts.join("/")}`;
  return parts.join("/");
}

/**
 * Differences that the switch brings and that change nothing Terraform does: each matches a path, holds
 * only for the values named, and says why it is harmless. Everything else is unexpected.
 */
export const EXPECTED_DIFFERENCES: readonly {
  readonly path: RegExp;
  readonly holds: (cdktf: unknown, cdktn: unknown) => boolean;
  readonly why: string;
}[] = [
  {
    // `terraform providers` (Terraform 1.11.4) resolves both stacks' aws to registry.terraform.io/hashicorp/aws.
    path: /^terraform\.required_providers\.[^.]+\.source$/,
    holds: (cdktf, cdktn) => typeof cdktf === "string" && typeof cdktn === "string" && providerAddress(cdktf) === providerAddress(cdktn),
    why: 'provider source written "aws" by cdktf and "hashicorp/aws" by cdktn: one address, registry.terraform.io/hashicorp/aws',
  },
];

/** `value` without any `//` key, at any depth. */
export function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith("//")).map(([key, inner]) => [key, withoutMetadata(inner)]));
}

function child(at: string, key: string | number): string {
  if (typeof key === "number") return `${at}[${key}]`;
  return at ? `${at}.${key}` : key;
}

/** Each leaf where `a` and `b` differ, as [path, a's value, b's value]; a missing side is undefined. */
export function jsonDifferences(a: unknown, b: unknown, at = ""): [string, unknown, unknown][] {
  if (Array.isArray(a) && Array.isArray(b)) {
    return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => jsonDifferences(a[i], b[i], child(at, i))).flat();
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => jsonDifferences(a[key], b[key], child(at, key)));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [[at, a, b]];
}

/** The stack's `terraform.required_providers` versions, and the stack without them. */
function takePins(json: Record<string, any>): { pins: Record<string, string>; rest: Record<string, any> } {
  const rest = structuredClone(json);
  const pins: Record<string, string> = {};
  for (const [name, requirement] of Object.entries<Record<string, any>>(rest.terraform?.required_providers ?? {})) {
    if (typeof requirement.version === "string") pins[name] = requirement.version;
    delete requirement.version;
  }
  return { pins, rest };
}

/** Every difference between the two syntheses of one config, and the provider pins of each stack. */
export function compareApps(config: string, cdktf: SynthesizedApp, cdktn: SynthesizedApp): { differences: Difference[]; pins: ProviderPin[] } {
  const differences: Difference[] = [];
  const pins: ProviderPin[] = [];
  const add = (stack: string, [path, left, right]: [string, unknown, unknown]): void => {
    const expected = EXPECTED_DIFFERENCES.find((e) => e.path.test(path) && e.holds(left, right))?.why;
    differences.push({ config, stack, path, cdktf: left, cdktn: right, ...(expected ? { expected } : {}) });
  };
  for (const stack of [...new Set([...Object.keys(cdktf.stacks), ...Object.keys(cdktn.stacks)])].sort()) {
    const [left, right] = [cdktf.stacks[stack], cdktn.stacks[stack]];
    if (!left || !right) {
      add(stack, ["(stack)", left ? "synthesized" : undefined, right ? "synthesized" : undefined]);
      continue;
    }
    const manifest = (entry: Record<string, any>) => withoutMetadata({ ...entry, stackMetadataPath: undefined });
    for (const d of jsonDifferences(manifest(left.manifest), manifest(right.manifest), "manifest")) add(stack, d);
    const [a, b] = [takePins(left.json), takePins(right.json)];
    for (const provider of [...new Set([...Object.keys(a.pins), ...Object.keys(b.pins)])].sort()) {
      pins.push({ config, stack, provider, cdktf: a.pins[provider], cdktn: b.pins[provider] });
    }
    for (const d of jsonDifferences(withoutMetadata(a.rest), withoutMetadata(b.rest))) add(stack, d);
    for (const [file, l, r] of jsonDifferences(left.assets, right.assets)) add(stack, [`assets/${file}`, l, r]);
  }
  return { differences, pins };
}
