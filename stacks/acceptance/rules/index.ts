/**
 * The AWS acceptance rules, one per file. To add one: write `rules/<rule>.ts` exporting an
 * AcceptanceRule, list it here, and give it a test in `__tests__/acceptance/`.
 */
import type { AcceptanceRule } from "../types";
import { glueArgumentKeys } from "./glue-argument-keys";
import { glueExecutionClass } from "./glue-execution-class";
import { glueWorkerType } from "./glue-worker-type";
import { iamActionWildcardsRule } from "./iam-action-wildcards";
import { inlinePolicySize } from "./inline-policy-size";
import { policyCharacters } from "./policy-characters";
import { policyJson } from "./policy-json";
import { policyPrincipal } from "./policy-principal";
import { policyReferences } from "./policy-references";
import { policySidCharacters } from "./policy-sid-characters";
import { policySidUnique } from "./policy-sid-unique";
import { policySize } from "./policy-size";
import { policyStatementElements } from "./policy-statement-elements";
import { resourceDescriptions } from "./resource-descriptions";
import { resourceNames } from "./resource-names";
import { s3BucketNames } from "./s3-bucket-names";
import { serviceKeyConditions } from "./service-key-conditions";
import { tagCharacters } from "./tag-characters";
import { tagCount } from "./tag-count";
import { tagKeysReserved } from "./tag-keys-reserved";
import { tagLengths } from "./tag-lengths";
import { uniqueNames } from "./unique-names";

export { iamActionResourceScope } from "./iam-action-resource-scope";
export { iamActionsKnown } from "./iam-actions-known";

/** Every rule that needs nothing but the synthesized JSON. `iamActionsKnown` and `iamActionResourceScope` also need an ActionCatalog. */
export const ACCEPTANCE_RULES: readonly AcceptanceRule[] = [
  policyJson,
  policyStatementElements,
  policySidUnique,
  policySidCharacters,
  policyPrincipal,
  iamActionWildcardsRule,
  policyCharacters,
  policyReferences,
  inlinePolicySize,
  policySize,
  resourceNames,
  s3BucketNames,
  uniqueNames,
  resourceDescriptions,
  tagCount,
  tagKeysReserved,
  tagCharacters,
  tagLengths,
  glueWorkerType,
  glueExecutionClass,
  glueArgumentKeys,
  serviceKeyConditions,
];
