/** Tag keys and values may hold only letters, digits, spaces and _ . : / = + - @ (IAM's and CodeBuild's pattern). */
import { findingAt, shown } from "../finding";
import { tagsOf } from "../resource-tags";
import type { AcceptanceRule, Finding } from "../types";

const ID = "tag-characters";
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export const tagCharacters: AcceptanceRule = {
  id: ID,
  description: "tag keys and values use only letters, digits, spaces and _ . : / = + - @",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      for (const [key, value] of Object.entries(tagsOf(resource)?.tags ?? {})) {
        for (const [what, text] of [["key", key], ["value", String(value)]] as const) {
          if (!TAG_TEXT.test(text)) {
            findings.push(findingAt(ID, resource, `tag ${what} ${shown(text)}${what === "value" ? ` (of ${shown(key)})` : ""} has characters AWS refuses in tags`, "use only letters, digits, spaces and _ . : / = + - @"));
          }
        }
      }
    }
    return findings;
  },
};
