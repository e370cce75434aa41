/** Glue passes job parameters as `--name value`: a default argument whose key lacks `--` never reaches the script. */
import { findingAt, shown } from "../finding";
import type { AcceptanceRule, Finding } from "../types";

const ID = "glue-argument-keys";
const ARGUMENT_MAPS = ["default_arguments", "non_overridable_arguments"];

export const glueArgumentKeys: AcceptanceRule = {
  id: ID,
  description: "every default_arguments key of a Glue job starts with --",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources.filter((r) => r.type === "aws_glue_job")) {
      for (const attribute of ARGUMENT_MAPS) {
        for (const key of Object.keys(resource.block[attribute] ?? {})) {
          if (!key.startsWith("--")) {
            findings.push(findingAt(ID, resource, `${attribute} key ${shown(key)} does not start with --`, `write it as --${key.replace(/^-*/, "")}`));
          }
        }
      }
    }
    return findings;
  },
};
