/**
 * `outputs.<name>.quality`: the output's data-quality rules in DQDL, written in the config or kept in
 * a `.dqdl` file beside the scripts, and what a failed rule does. Each rule is parsed when the config
 * is loaded (resolve-quality.ts), so a bad rule is refused before anything is synthesized.
 */
import { z } from "zod";
import { expectedMessage } from "./messages";
import { bool, closedObject, oneOf, text } from "./schema-parts";

export const ON_FAILURE = ["fail", "warn"] as const;
export type OnFailure = (typeof ON_FAILURE)[number];
export const DEFAULT_ON_FAILURE: OnFailure = "fail";

const ruleText = text("a DQDL rule", 'IsComplete "id"', /\S/).meta({ description: 'One DQDL rule, e.g. `RowCount > 0` or `IsUnique "id"`.' });

const rule = z
  .union([
    ruleText,
    closedObject(
      {
        rule: ruleText,
        awsOnly: bool("awsOnly")
          .meta({ description: "The rule is checked on Glue only: Deequ cannot check it offline (docs/data-quality.md lists which).", default: false })
          .optional(),
      },
      "a rule (rule and awsOnly)",
      '{ rule: DetectAnomalies "RowCount", awsOnly: true }',
    ),
  ], { error: (i) => (i.code === "invalid_union" ? expectedMessage(i.input, "a DQDL rule, or a mapping with rule and awsOnly", 'IsComplete "id"') : undefined) })
  .meta({ description: "A DQDL rule, or `{ rule, awsOnly: true }` for a rule only Glue can check." });
export type QualityRuleInput = z.infer<typeof rule>;

export const onFailureSchema = oneOf(ON_FAILURE, "onFailure");

export const qualitySchema = closedObject(
  {
    rules: z
      .array(rule, { error: (i) => expectedMessage(i.input, "a list of DQDL rules", '[RowCount > 0, IsComplete "id"]') })
      .min(1, { error: "rules lists at least one rule; remove quality: for an output without rules" })
      .meta({ description: 'The output\'s DQDL rules, one per item, e.g. `[RowCount > 0, IsComplete "id"]`.' })
      .optional(),
    ruleset: text("a .dqdl file in the job scripts directory", "quality/join_legislators.dqdl", /^[A-Za-z0-9_./-]+\.dqdl$/)
      .meta({ description: "A DQDL file (`Rules = [ ... ]`) in the job scripts directory, instead of `rules`, e.g. `quality/join_legislators.dqdl`." })
      .optional(),
    onFailure: onFailureSchema
      .meta({ description: "`fail`: a failed rule fails the run and the output is not written; `warn`: the output is written and the failure reported.", default: DEFAULT_ON_FAILURE })
      .optional(),
  },
  "an output's data-quality rules (rules or ruleset, and onFailure)",
  '{ rules: [RowCount > 0, IsComplete "id"], onFailure: fail }',
).superRefine((quality, ctx) => {
  if (!quality.rules === !quality.ruleset) {
    ctx.addIssue({ code: "custom", message: "give rules: (a list) or ruleset: (a .dqdl file), one of them; for example rules: [RowCount > 0]" });
  }
});
export type QualityInput = z.infer<typeof qualitySchema>;

/** `stages.<stage>.quality`: what the stage does with every failed rule, whatever its output says. */
export const stageQualitySchema = closedObject(
  { onFailure: onFailureSchema.meta({ description: "Overrides every output's `onFailure` in this stage, e.g. `warn` in dev." }).optional() },
  "the stage's data-quality settings (onFailure)",
  "onFailure: warn",
);
