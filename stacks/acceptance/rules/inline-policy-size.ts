/** IAM limits the inline policies of one role to 10,240 characters together, whitespace not counted. */
import { findingAt } from "../finding";
import { measuredPolicies } from "../policy-sizes";
import type { AcceptanceRule } from "../types";

const ID = "inline-policy-size";

export const inlinePolicySize: AcceptanceRule = {
  id: ID,
  description: "the inline policies of each role add up to at most 10,240 characters (whitespace excluded)",
  check: (app) =>
    measuredPolicies(app)
      .filter((m) => m.kind === "inline" && m.size > m.limit.limit)
      .map((m) =>
        findingAt(
          ID,
          m,
          `the inline policies of this role (${m.parts.join(", ")}) are ${m.size} characters together; IAM allows ${m.limit.limit}`,
          "grant on a name prefix (e.g. job/<stage>-*) instead of listing each resource, or move statements to a managed policy",
        ),
      ),
};
