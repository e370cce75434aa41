/** Every `${...}` in a policy must have a known stand-in, or its size cannot be measured. */
import { findingAt } from "../finding";
import { interpolationsIn } from "../references";
import { standInFor } from "../reference-stand-ins";
import type { AcceptanceRule, Finding } from "../types";

const ID = "policy-references";

export const policyReferences: AcceptanceRule = {
  id: ID,
  description: "every reference inside a policy names a resource of the stack whose value's length is known",
  check: (app) => {
    const findings: Finding[] = [];
    for (const policy of app.policies) {
      for (const { text, expression } of interpolationsIn(policy.text)) {
        if (standInFor(expression, policy.resource, app) === undefined) {
          findings.push(findingAt(ID, policy.resource, `${policy.attribute} references ${text}, whose length is not known`, "reference a resource of the same stack, or add a stand-in for its attribute in stacks/acceptance/reference-stand-ins.ts"));
        }
      }
    }
    return findings;
  },
};
