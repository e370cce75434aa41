/** Managed (6,144), trust (2,048), S3 bucket (20 KB), KMS key (32 KB) and SNS topic (30 KB) policy limits. */
import { findingAt } from "../finding";
import { measuredPolicies } from "../policy-sizes";
import type { AcceptanceRule } from "../types";

const ID = "policy-size";

export const policySize: AcceptanceRule = {
  id: ID,
  description: "managed, trust, bucket, key and topic policies fit AWS's size limits",
  check: (app) =>
    measuredPolicies(app)
      .filter((m) => m.kind !== "inline" && m.size > m.limit.limit)
      .map((m) =>
        findingAt(
          ID,
          m,
          `${m.limit.what} of ${m.size} ${m.limit.unit}; AWS allows ${m.limit.limit}`,
          "grant on wildcards or name prefixes instead of listing resources one by one, or split the policy",
        ),
      ),
};
