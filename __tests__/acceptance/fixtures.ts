/** Small hand-written stacks for the rule tests: only the resources a rule reads. */
import { synthesizedApp } from "../../stacks/acceptance/synthesized-app";
import type { AcceptanceRule, Finding, StackJson } from "../../stacks/acceptance/types";

export interface ProviderFixture {
  readonly alias?: string;
  readonly account?: string;
  readonly region?: string;
  readonly tags?: Record<string, string>;
}

/** A stack of `resources` (type → id → block) with AWS providers (by default one in 111111111111, eu-west-1). */
export function stackOf(resources: Record<string, Record<string, any>>, providers: ProviderFixture[] = [{}]): StackJson {
  return {
    provider: {
      aws: providers.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        allowed_account_ids: [p.account ?? "111111111111"],
        region: p.region ?? "eu-west-1",
        ...(p.tags ? { default_tags: [{ tags: p.tags }] } : {}),
      })),
    },
    resource: resources,
  };
}

/** A policy document as Terraform JSON holds it. */
export function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export const allow = (extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Action: "s3:GetObject", Resource: "*", ...extra });

/** Runs one rule over stacks given by name. */
export function run(rule: AcceptanceRule, stacks: Record<string, StackJson>): Finding[] {
  return rule.check(synthesizedApp(stacks));
}

/** Runs one rule over a single stack called `app`. */
export function runOne(rule: AcceptanceRule, resources: Record<string, Record<string, any>>, providers?: ProviderFixture[]): Finding[] {
  return run(rule, { app: stackOf(resources, providers) });
}

/** A role and its inline policy, the way the stacks synthesize them. */
export function roleWithPolicy(id: string, policyText: string, trust = policy({ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" })) {
  return {
    aws_iam_role: { [`${id}_role`]: { name: `role-${id}`, assume_role_policy: trust } },
    aws_iam_role_policy: { [`${id}_policy`]: { name: "least-privilege", role: `\${aws_iam_role.${id}_role.name}`, policy: policyText } },
  };
}
