/** Tag keys beginning with `aws:`, in any case, are AWS's own; a request that sets one is refused. */
import { findingAt, shown } from "../finding";
import { tagsOf } from "../resource-tags";
import type { AcceptanceRule, Finding } from "../types";

const ID = "tag-keys-reserved";

export const tagKeysReserved: AcceptanceRule = {
  id: ID,
  description: "no tag key begins with the reserved aws: prefix (in any case)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      for (const key of Object.keys(tagsOf(resource)?.tags ?? {})) {
        if (key.toLowerCase().startsWith("aws:")) {
          findings.push(findingAt(ID, resource, `tag key ${shown(key)} begins with the reserved aws: prefix`, "rename the tag key, e.g. to team:owner"));
        }
      }
    }
    return findings;
  },
};
