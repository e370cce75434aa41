/**
 * Description limits from the services' API references. Glue counts bytes and refuses control characters
 * other than tab and line breaks; IAM role descriptions take only Latin-1 printable characters.
 */
import { findingAt, shown } from "../finding";
import type { AcceptanceRule, Finding } from "../types";

const ID = "resource-descriptions";

interface DescriptionRule {
  readonly type: string;
  readonly max: number;
  readonly unit: "characters" | "bytes";
  /** Characters the API accepts. @default any */
  readonly pattern?: RegExp;
  readonly allowed?: string;
}

/** Glue's URI address multi-line string. */
const GLUE_TEXT = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\r\n\t]*$/u;

export const DESCRIPTION_RULES: readonly DescriptionRule[] = [
  { type: "aws_glue_job", max: 2048, unit: "bytes", pattern: GLUE_TEXT, allowed: "printable characters, tabs and line breaks" },
  { type: "aws_iam_role", max: 1000, unit: "characters", pattern: /^[\t\n\r\u0020-\u007E\u00A1-\u00FF]*$/, allowed: "Latin-1 printable characters" },
  { type: "aws_iam_policy", max: 1000, unit: "characters" },
  { type: "aws_kms_key", max: 8192, unit: "characters" },
  { type: "aws_codebuild_project", max: 255, unit: "characters" },
  { type: "aws_cloudwatch_event_rule", max: 512, unit: "characters" },
];

export const resourceDescriptions: AcceptanceRule = {
  id: ID,
  description: "descriptions fit their API's length (Glue: 2,048 bytes) and characters (no control characters)",
  check: (app) => {
    const findings: Finding[] = [];
    for (const resource of app.resources) {
      for (const rule of DESCRIPTION_RULES) {
        const text = resource.block.description;
        if (resource.type !== rule.type || typeof text !== "string") continue;
        const length = rule.unit === "bytes" ? Buffer.byteLength(text, "utf8") : [...text].length;
        if (length > rule.max) {
          findings.push(findingAt(ID, resource, `description ${shown(text)} is ${length} ${rule.unit}; ${rule.type} allows ${rule.max}`, `shorten the description to at most ${rule.max} ${rule.unit}`));
        }
        const refused = rule.pattern && [...text].find((c) => !rule.pattern!.test(c));
        if (refused) {
          const code = `U+${refused.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
          findings.push(findingAt(ID, resource, `description ${shown(text)} holds ${code}, which ${rule.type} refuses`, `use only ${rule.allowed}`));
        }
      }
    }
    return findings;
  },
};
