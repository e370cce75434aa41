/**
 * The read-only guard: what a plan role's policy allows, judged action by action against AWS's own access
 * levels (the IAM action database the project pins) and, apart from it, by the actions' names. A plan role
 * may allow only `Read` and `List` actions, and two exceptions, each only on the one resource that makes
 * it harmless.
 */
import type { ActionCatalog } from "../../stacks/acceptance/action-catalog";

type Json = Record<string, any>;

export interface GuardException {
  /** Why it is no write. */
  readonly why: string;
  /** Whether a resource is one the exception allows. */
  readonly allows: (resource: string) => boolean;
}

export interface ReadOnlyScope {
  /** `backend.roleArn` of the config: the plan roles may assume it to read state. */
  readonly stateRoleArn?: string;
  /** `backend.kmsKeyId` of the config: the plan roles may decrypt state with it. */
  readonly stateKeyArn?: string;
}

export function exceptionsFor(scope: ReadOnlyScope): Readonly<Record<string, GuardException>> {
  return {
    "sts:assumerole": {
      why: "assumes another plan role (or the backend's state role), which reads no more than a plan role",
      allows: (resource) => /^arn:aws[\w-]*:iam::\d{12}:role\/glue-plan-(pipeline|dev|prod)$/.test(resource) || resource === scope.stateRoleArn,
    },
    "kms:decrypt": {
      why: "decrypts the state the plan reads",
      allows: (resource) => resource === scope.stateKeyArn,
    },
  };
}

const READ_LEVELS = new Set(["Read", "List"]);
/** Name-based check, independent of the database: the verbs that only read. */
const READ_VERBS = /^(get|list|describe|batchget|head|lookup|search)/;

const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as string]);

/** Every problem of one policy document: each a sentence naming the statement and action. */
export function readOnlyProblems(policy: Json, catalog: ActionCatalog, scope: ReadOnlyScope): string[] {
  const problems: string[] = [];
  const exceptions = exceptionsFor(scope);
  for (const statement of policy.Statement as Json[]) {
    if (statement.Effect !== "Allow") continue;
    const where = `statement ${statement.Sid ?? "(no Sid)"}`;
    if (statement.NotAction !== undefined || statement.NotResource !== undefined) problems.push(`${where}: NotAction/NotResource allow more than they name`);
    for (const action of list(statement.Action)) {
      const lower = action.toLowerCase();
      const exception = exceptions[lower];
      if (exception) {
        const outside = list(statement.Resource).filter((resource) => !exception.allows(resource));
        if (outside.length > 0) problems.push(`${where}: ${action} is allowed only ${exception.why}; not on ${outside.join(", ")}`);
        continue;
      }
      const [prefix, name] = lower.split(":");
      if (lower === "*" || !name || !READ_VERBS.test(name)) problems.push(`${where}: ${action} is not named as a read`);
      const matched = matchingActions(prefix, name ?? "", catalog);
      if (matched.length === 0) problems.push(`${where}: ${action} matches no action of ${catalog.source}`);
      for (const known of matched) {
        const level = catalog.accessLevels.get(`${prefix}:${known}`);
        if (!level || !READ_LEVELS.has(level)) problems.push(`${where}: ${action} allows ${prefix}:${known}, whose access level is ${level ?? "unknown"}`);
      }
    }
  }
  return problems;
}

function matchingActions(prefix: string, name: string, catalog: ActionCatalog): string[] {
  const pattern = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return (catalog.actions.get(prefix) ?? []).filter((known) => pattern.test(known));
}
