/**
 * No Allow statement grants `*`, a whole service (`s3:*`) or a prefix of one (`s3:Get*`), and none
 * grants through `NotAction`, unless an allowance (wildcard-allowances.ts) names the holder, the Sid and
 * the action with a reason. A wildcard grants every action AWS adds later under it, and hides what a
 * role really needs: `s3:*` on a stage bucket lets its deployer read and delete the stage's data and
 * change the bucket's policy, and `s3:Get*` reads every object. Deny statements are not refused: a
 * wildcard there only takes rights away (the TLS-only bucket policy denies `s3:*`).
 */
import { findingAt } from "../finding";
import { IDENTITY_KINDS, listOf, statementsOf } from "../policy-documents";
import type { AcceptanceRule, Finding, PolicyRef, SynthesizedApp } from "../types";
import { WILDCARD_ALLOWANCES, type WildcardAllowance } from "../wildcard-allowances";

const ID = "iam-action-wildcards";

/** What kind of wildcard `action` is, or undefined when it names one action. */
export function wildcardKind(action: string): "everything" | "service-wide" | "prefix" | undefined {
  if (action === "*") return "everything";
  const [, name = ""] = action.split(":");
  if (name === "*") return "service-wide";
  return /[*?]/.test(name) ? "prefix" : undefined;
}

const KIND_WORDS = { everything: "every action of every service", "service-wide": "a service-wide wildcard", prefix: "a prefix wildcard" } as const;

/** Who holds a policy, as allowances name it: the role's name for identity policies, else the policy's kind. */
export function holderOf(policy: PolicyRef, app: SynthesizedApp): string {
  if (!IDENTITY_KINDS.includes(policy.kind)) return `${policy.kind} policy`;
  const role = policy.roleKey ? app.byAddress.get(policy.roleKey) : undefined;
  const name = role?.block.name ?? policy.resource.block.name;
  return typeof name === "string" ? `role ${name}` : `${policy.kind} policy ${policy.resource.address}`;
}

function allowed(allowances: readonly WildcardAllowance[], holder: string, sid: unknown, action: string): boolean {
  return allowances.some((a) => a.holders.includes(holder) && a.sid === sid && a.action === action);
}

export function iamActionWildcards(allowances: readonly WildcardAllowance[] = WILDCARD_ALLOWANCES): AcceptanceRule {
  return {
    id: ID,
    description: "no Allow grants *, service:* or a prefix wildcard (nor NotAction) without an allowance that gives a reason",
    check: (app) => {
      const findings: Finding[] = [];
      for (const policy of app.policies) {
        const holder = holderOf(policy, app);
        statementsOf(policy.document).forEach((statement, i) => {
          if (statement?.Effect !== "Allow") return;
          const label = `${policy.attribute} statement ${statement.Sid ? `"${statement.Sid}"` : i} (${holder})`;
          if (statement.NotAction !== undefined) {
            findings.push(findingAt(ID, policy.resource, `${label} allows through NotAction, which grants every other action`, "list the actions the statement allows in Action"));
          }
          for (const action of listOf(statement.Action)) {
            if (typeof action !== "string") continue;
            const kind = wildcardKind(action);
            if (!kind || allowed(allowances, holder, statement.Sid, action)) continue;
            findings.push(
              findingAt(
                ID,
                policy.resource,
                `${label} allows ${JSON.stringify(action)}, ${KIND_WORDS[kind]}`,
                "name the actions it needs (the rehearsal's granted-vs-used table lists them), or add an allowance with a reason to stacks/acceptance/wildcard-allowances.ts",
              ),
            );
          }
        });
      }
      return findings;
    },
  };
}

/** The rule with the project's allowances. */
export const iamActionWildcardsRule = iamActionWildcards();
