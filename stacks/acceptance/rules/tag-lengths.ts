/** Tag keys are 1-128 characters and values at most 256; CodeBuild allows 127 and 255. */
import { findingAt, shown } from "../finding";
import { tagsOf } from "../resource-tags";
import type { AcceptanceRule, Finding } from "../types";

const ID = "tag-lengths";

export const tagLengths: AcceptanceRule = {
  id: ID,
  description: "tag keys are 1-128 characters and values at most 256 (CodeBuild: 127 and 255)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      const tagged = tagsOf(resource);
      if (!tagged) continue;
      const { keyMax, valueMax } = tagged.limits;
      for (const [key, value] of Object.entries(tagged.tags)) {
        const keyLength = [...key].length;
        const valueLength = [...String(value)].length;
        if (keyLength < 1 || keyLength > keyMax) {
          findings.push(findingAt(ID, resource, `tag key ${shown(key)} is ${keyLength} characters; ${resource.type} allows 1 to ${keyMax}`, `shorten the tag key to at most ${keyMax} characters`));
        }
        if (valueLength > valueMax) {
          findings.push(findingAt(ID, resource, `the value of tag ${shown(key)} is ${valueLength} characters; ${resource.type} allows ${valueMax}`, `shorten the tag value to at most ${valueMax} characters`));
        }
      }
    }
    return findings;
  },
};
