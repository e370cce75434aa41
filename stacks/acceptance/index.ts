/** The AWS acceptance rule pack: import from here. Needs neither cdktf nor the AWS provider package. */
export { type ActionCatalog, actionCatalogFromJson, findActionDatabase, loadActionCatalog } from "./action-catalog";
export { acceptanceRules, type CheckAcceptanceOptions, checkAcceptance } from "./check-acceptance";
export { formatFindings } from "./format-findings";
export { measuredPolicies, type MeasuredPolicy, POLICY_LIMITS } from "./policy-sizes";
export { ACCEPTANCE_RULES, iamActionsKnown } from "./rules";
export { synthesizedApp } from "./synthesized-app";
export type { AcceptanceRule, Finding, PolicyKind, StackJson, SynthesizedApp } from "./types";
