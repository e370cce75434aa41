/**
 * The permission check of one rehearsed step: every AWS call it made, as recorded by the emulator, was
 * judged against the policies of the role that made it (the launcher's IAM enforcement, which follows
 * AWS's evaluation logic). Here those decisions are gathered per role: a denied call, or a call made
 * with credentials that are not the step's role or a role it may assume, is a finding.
 */
import type { RecordedCall } from "./emulator/emulator";

export interface PermissionFinding {
  readonly step: string;
  readonly role: string;
  readonly action: string;
  readonly resource?: string;
  readonly problem: string;
}

export interface RoleUse {
  readonly step: string;
  readonly role: string;
  readonly calls: number;
  readonly denied: number;
  /** Distinct IAM actions the role used, sorted. */
  readonly actions: readonly string[];
}

export interface StepPermissions {
  readonly findings: PermissionFinding[];
  readonly roles: RoleUse[];
}

/** Actions AWS answers for any caller, whatever its policies. */
const UNAUTHORIZED_ACTIONS = new Set(["sts:GetCallerIdentity"]);

/** `roleArn` is the step's own role; calls may also be made as roles reached from it (deploy and test roles). */
export function checkStepPermissions(step: string, roleArn: string, calls: readonly RecordedCall[]): StepPermissions {
  const findings: PermissionFinding[] = [];
  const byRole = new Map<string, RecordedCall[]>();
  for (const call of calls) {
    const role = call.roleArn ?? call.principalArn ?? `unsigned (${call.accessKeyId ?? "no key"})`;
    byRole.set(role, [...(byRole.get(role) ?? []), call]);
    const action = call.action ?? `${call.service ?? "?"}:${call.method} ${call.path}`;
    if (!call.roleArn) {
      findings.push({ step, role, action, problem: "made without the step's role credentials (an administrator or unknown key)" });
    } else if (call.iamDecision?.startsWith("denied")) {
      findings.push({ step, role: call.roleArn, action, resource: resourceOf(call), problem: call.iamDecision });
    } else if (call.iamDecision === undefined && !UNAUTHORIZED_ACTIONS.has(action)) {
      findings.push({ step, role: call.roleArn, action, problem: "not judged: the emulator did not enforce IAM for this role" });
    }
  }
  const roles = [...byRole.entries()].map(([role, made]) => ({
    step,
    role: role === roleArn ? `${nameOf(role)} (the step's role)` : nameOf(role),
    calls: made.length,
    denied: made.filter((c) => c.iamDecision?.startsWith("denied")).length,
    actions: [...new Set(made.map((c) => c.action).filter((a): a is string => !!a))].sort(),
  }));
  return { findings, roles };
}

function resourceOf(call: RecordedCall): string | undefined {
  const resource = call.iamResource;
  return resource === null || resource === undefined ? undefined : Array.isArray(resource) ? resource.join(", ") : resource;
}

function nameOf(arn: string): string {
  return arn.startsWith("arn:") ? arn.split(":").slice(4).join(":") : arn;
}
