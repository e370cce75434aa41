/**
 * Provider-version gaps: arguments the product sets that the AWS provider here does not know. The product
 * pins the provider it is written for (6.x); this machine's filesystem mirror holds 5.100, and Terraform
 * refuses a stack that sets an argument its provider lacks ("Extraneous JSON object property"). Like an
 * emulator gap, each is handled in the rehearsal's copy only, listed here with its source, and named in
 * the report's `adaptations`; the rest of the stack is still rehearsed. The product is never changed for
 * an older provider.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { compareVersions } from "./terraform-tools";

export interface ProviderAdaptation {
  readonly id: string;
  readonly resourceType: string;
  /** The top-level argument or block of the resource */
  readonly argument: string;
  /** The first provider version that has it: older ones get the argument removed */
  readonly since: string;
  /** What the rehearsal loses by removing it, and where the provider added it */
  readonly why: string;
}

export const PROVIDER_ADAPTATIONS: readonly ProviderAdaptation[] = [
  {
    id: "codebuild-webhook-pull-request-build-policy",
    resourceType: "aws_codebuild_webhook",
    argument: "pull_request_build_policy",
    // In the 6.x line, after 5.100 (the version this machine's mirror holds, which refuses it).
    since: "6.0.0",
    why:
      "who may start the pull-request check's builds (CodeBuild's pull request build policy, https://docs.aws.amazon.com/codebuild/latest/userguide/pull-request-build-policy.html); " +
      "added to the provider by hashicorp/terraform-provider-aws#44201 (September 2025). Without it the webhook is still created; the policy itself is not rehearsed",
  },
];

/** One adaptation applied to one stack: the resources it changed. */
export interface AppliedAdaptation {
  readonly id: string;
  readonly stack: string;
  readonly providerVersion: string;
  readonly resources: readonly string[];
}

/** The report's `adaptations`: every listed one, with the stacks and resources of this run it changed. */
export interface AdaptationReport extends ProviderAdaptation {
  readonly applied: ReadonlyArray<Omit<AppliedAdaptation, "id">>;
}

export function adaptationReport(applied: readonly AppliedAdaptation[], adaptations: readonly ProviderAdaptation[] = PROVIDER_ADAPTATIONS): AdaptationReport[] {
  const seen = new Set<string>();
  const unique = applied.filter((a) => {
    const key = `${a.id} ${a.stack} ${a.resources.join()}`;
    return !seen.has(key) && seen.add(key);
  });
  return adaptations.map((adaptation) => ({ ...adaptation, applied: unique.filter((a) => a.id === adaptation.id).map(({ id: _id, ...rest }) => rest) }));
}

interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Removes, from a synthesized stack (its cdk.tf.json), each listed argument that `providerVersion` predates. */
export function adaptStackToProvider(stackDir: string, stack: string, providerVersion: string, adaptations: readonly ProviderAdaptation[] = PROVIDER_ADAPTATIONS): AppliedAdaptation[] {
  const file = join(stackDir, "cdk.tf.json");
  const json = JSON.parse(readFileSync(file, "utf8")) as StackJson;
  const applied: AppliedAdaptation[] = [];
  for (const adaptation of adaptations) {
    if (compareVersions(providerVersion, adaptation.since) >= 0) continue;
    const resources = Object.entries(json.resource?.[adaptation.resourceType] ?? {})
      .filter(([, body]) => adaptation.argument in body)
      .map(([name, body]) => {
        delete body[adaptation.argument];
        return `${adaptation.resourceType}.${name}`;
      });
    if (resources.length > 0) applied.push({ id: adaptation.id, stack, providerVersion, resources });
  }
  if (applied.length > 0) writeFileSync(file, JSON.stringify(json, null, 2));
  return applied;
}
