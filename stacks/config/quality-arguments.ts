/**
 * The job parameter that carries an output's data-quality rules to the job runtime
 * (job_scripts/glue_runtime/quality.py): `--<output>_quality` with JSON. One place, so that Glue, the
 * emulator's runs, `npm run job` and the job-script tests hand the job the same rule text.
 */
import type { JobConfig, OutputQuality } from "./types";

/** `--<name>_quality` holds the rules of the output `--<name>`. */
export const QUALITY_ARGUMENT_SUFFIX = "_quality";

/** The JSON the runtime reads: context, onFailure, rules (with awsOnly) and the inputs the rules read. */
export function qualityArgument(quality: OutputQuality): string {
  return JSON.stringify({
    context: quality.name,
    onFailure: quality.onFailure,
    rules: quality.rules.map((r) => (r.awsOnly ? { rule: r.rule, awsOnly: true } : { rule: r.rule })),
    references: [...new Set(quality.rules.flatMap((r) => r.references))],
  });
}

/** The quality parameters of a job, by name without `--`: one per output that has rules. */
export function qualityArguments(job: Partial<Pick<JobConfig, "outputQuality">>): Record<string, string> {
  return Object.fromEntries(Object.entries(job.outputQuality ?? {}).map(([output, quality]) => [`${output}${QUALITY_ARGUMENT_SUFFIX}`, qualityArgument(quality)]));
}

/** The DQDL ruleset of an output as Glue keeps it: every rule, awsOnly ones included. */
export function dqdlRuleset(quality: OutputQuality): string {
  return `Rules = [\n    ${quality.rules.map((r) => r.rule).join(",\n    ")}\n]`;
}
