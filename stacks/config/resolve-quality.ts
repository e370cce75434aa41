/**
 * An output's `quality:` made typed: every rule parsed (dqdl-rules.ts), the columns it names checked
 * against the output's declared schema where there is one, the datasets it reads checked against the
 * job's inputs, and a rule Deequ cannot check refused unless it is marked `awsOnly: true`.
 */
import * as fs from "fs";
import * as path from "path";
import type { ConfigProblem } from "./config-error";
import { closestMatch } from "./did-you-mean";
import { parseRule, RULE_TYPES } from "./dqdl-rules";
import { DEFAULT_ON_FAILURE, type OnFailure, type QualityInput } from "./schema-quality";
import type { OutputQuality, QualityRule } from "./types";

export interface QualityContext {
  readonly jobScriptsDir: string;
  /** `<glueJobName>-<output>`: the ruleset's name and the evaluation context. */
  readonly name: string;
  /** The stage's `quality.onFailure`, which wins over the output's. */
  readonly stageOnFailure?: OnFailure;
  /** The output's declared columns, when its schema lists them. */
  readonly columns?: readonly string[];
  /** The job's input names: the datasets a rule may read (`"input_path_orgs.id"`). */
  readonly inputs: readonly string[];
}

interface WrittenRule {
  readonly rule: string;
  readonly awsOnly: boolean;
  /** The key path of the rule in the config, or the file and line of a ruleset file. */
  readonly path: string;
  readonly fileLine?: string;
}

export function resolveQuality(input: QualityInput, where: string, ctx: QualityContext, problems: ConfigProblem[]): OutputQuality | undefined {
  const before = problems.length;
  let written: WrittenRule[];
  let rulesetFile: string | undefined;
  if (input.ruleset !== undefined) {
    rulesetFile = path.join(ctx.jobScriptsDir, input.ruleset);
    const read = readRuleset(rulesetFile, `${where}.ruleset`, problems);
    if (!read) return undefined;
    written = read;
  } else {
    written = (input.rules ?? []).map((r, i) => ({
      rule: typeof r === "string" ? r.trim() : r.rule.trim(),
      awsOnly: typeof r === "string" ? false : r.awsOnly === true,
      path: `${where}.rules.${i}`,
    }));
  }
  const rules: QualityRule[] = [];
  for (const w of written) {
    const at = w.fileLine ? `${w.fileLine}: ` : "";
    const problem = (message: string) => problems.push({ path: w.path, message: `${at}rule ${w.rule}: ${message}` });
    const parsed = parseRule(w.rule);
    if (typeof parsed === "string") {
      const type = w.rule.split(/[\s"]/)[0];
      const guess = !Object.hasOwn(RULE_TYPES, type) ? closestMatch(type, Object.keys(RULE_TYPES)) : undefined;
      problem(guess ? `"${type}" is not a DQDL rule type (did you mean ${guess}?); write ${w.rule.replace(type, guess)}` : parsed);
      continue;
    }
    if (parsed.notLocal && !w.awsOnly) {
      problem(`it cannot be checked offline (${parsed.notLocal}); mark it { rule: ..., awsOnly: true } to check it on Glue only, or use a rule docs/data-quality.md lists as checked locally`);
      continue;
    }
    const missing = ctx.columns ? parsed.columns.filter((c) => !ctx.columns!.includes(c)) : [];
    if (missing.length > 0) {
      problem(`the output's schema has no column ${missing.join(", ")} (it has ${ctx.columns!.join(", ")}); fix the column name or the schema`);
      continue;
    }
    const unknown = parsed.references.filter((r) => !ctx.inputs.includes(r));
    if (unknown.length > 0) {
      problem(`it reads the dataset ${unknown.join(", ")}, which is not an input of the job (its inputs: ${ctx.inputs.join(", ") || "none"}); name an input, e.g. "${ctx.inputs[0] ?? "input_path"}.id"`);
      continue;
    }
    rules.push({ rule: w.rule, awsOnly: w.awsOnly, type: parsed.type, references: parsed.references });
  }
  if (problems.length > before) return undefined;
  return {
    name: ctx.name,
    rules,
    onFailure: ctx.stageOnFailure ?? input.onFailure ?? DEFAULT_ON_FAILURE,
    ...(rulesetFile ? { rulesetFile } : {}),
  };
}

/** The DQDL ruleset `Rules = [ ... ]` of a file: its rules with their line numbers. `# comments` are skipped. */
export function readRuleset(file: string, where: string, problems: ConfigProblem[]): WrittenRule[] | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    problems.push({ path: where, message: `ruleset file ${file} cannot be read; create it (Rules = [ RowCount > 0 ]) or fix the name` });
    return undefined;
  }
  const split = splitRuleset(text);
  if (typeof split === "string") {
    problems.push({ path: where, message: `${file}: ${split}` });
    return undefined;
  }
  return split.map(({ rule, line }) => ({ rule, awsOnly: false, path: where, fileLine: `${file} line ${line}` }));
}

/** `Rules = [ a, b ]` -> [{a, line}, {b, line}]: commas outside quotes, brackets and parentheses split rules. */
export function splitRuleset(text: string): { rule: string; line: number }[] | string {
  const uncommented = text.replace(/#[^\n"]*$/gm, "");
  const open = /^\s*Rules\s*=\s*\[/.exec(uncommented);
  if (!open) return 'expected the file to start with Rules = [ and end with ], for example Rules = [ RowCount > 0 ]';
  const rules: { rule: string; line: number }[] = [];
  let depth = 0;
  let quoted = false;
  let start = open[0].length;
  for (let i = start; i < uncommented.length; i++) {
    const c = uncommented[i];
    if (c === "\\" && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "[" || c === "(") depth++;
    else if ((c === "]" || c === ")") && depth > 0) depth--;
    else if (depth === 0 && (c === "," || c === "]")) {
      const rule = uncommented.slice(start, i).trim();
      const offset = start + (uncommented.slice(start, i).length - uncommented.slice(start, i).trimStart().length);
      if (rule) rules.push({ rule: rule.replace(/\s+/g, " "), line: uncommented.slice(0, offset).split("\n").length });
      start = i + 1;
      if (c === "]") {
        if (uncommented.slice(i + 1).trim() !== "") return `found text after the closing ] on line ${uncommented.slice(0, i).split("\n").length}; one Rules = [ ... ] per file`;
        return rules.length > 0 ? rules : "the ruleset has no rules; add one, for example Rules = [ RowCount > 0 ]";
      }
    }
  }
  return "the ruleset's [ is never closed; end it with ]";
}
