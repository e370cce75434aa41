/** At most 50 tags per resource (10 on an S3 object), counting the provider's default_tags. */
import { findingAt } from "../finding";
import { tagsOf } from "../resource-tags";
import type { AcceptanceRule, Finding } from "../types";

const ID = "tag-count";

export const tagCount: AcceptanceRule = {
  id: ID,
  description: "at most 50 tags per resource (10 per S3 object), provider default_tags included",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      const tagged = tagsOf(resource);
      if (!tagged) continue;
      const count = Object.keys(tagged.tags).length;
      if (count > tagged.limits.maxTags) {
        findings.push(findingAt(ID, resource, `${count} tags (default_tags of ${resource.provider.key} included); ${resource.type} allows ${tagged.limits.maxTags}`, "drop tags from the config's tags or stages.<stage>.tags"));
      }
    }
    return findings;
  },
};
