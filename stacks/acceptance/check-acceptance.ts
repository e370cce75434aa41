/**
 * Runs every acceptance rule over the synthesized stacks: what AWS would refuse at deploy time even
 * though Terraform finds the JSON valid. Synchronous and fast, so synth can run it before writing.
 */
import type { ActionCatalog } from "./action-catalog";
import { ACCEPTANCE_RULES, iamActionResourceScope, iamActionsKnown } from "./rules";
import { synthesizedApp } from "./synthesized-app";
import type { AcceptanceRule, Finding, StackJson } from "./types";

export interface CheckAcceptanceOptions {
  /** IAM's actions; without it, actions are not checked. */
  readonly actionCatalog?: ActionCatalog;
}

/** The rules that run with these options. */
export function acceptanceRules(options: CheckAcceptanceOptions = {}): AcceptanceRule[] {
  const catalog = options.actionCatalog;
  return [...ACCEPTANCE_RULES, ...(catalog ? [iamActionsKnown(catalog), iamActionResourceScope(catalog)] : [])];
}

/** Every finding of every rule, over all stacks at once (names must be unique across stacks). */
export function checkAcceptance(stacks: Readonly<Record<string, StackJson>>, options: CheckAcceptanceOptions = {}): Finding[] {
  const app = synthesizedApp(stacks);
  return acceptanceRules(options).flatMap((rule) => rule.check(app));
}
