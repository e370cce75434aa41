/** Sorts checkov's findings per stack into passed, suppressed (with a reason in the code) and failed. */
import { CheckovSuppression, suppressionsOf } from "../stacks/security/checkov-suppressions";

export interface CheckovCheck {
  readonly check_id: string;
  readonly check_name: string;
  /** e.g. `aws_s3_bucket.bucket_3056591E` or `resource.role_1234ABCD`: the last part is the logical ID. */
  readonly resource: string;
  /** e.g. `/cdktf.out/stacks/dev-glue/cdk.tf.json`. */
  readonly file_path: string;
}

export interface CheckovOutput {
  readonly results: { readonly passed_checks: CheckovCheck[]; readonly failed_checks: CheckovCheck[] };
}

export interface Finding {
  readonly checkId: string;
  readonly checkName: string;
  /** Construct path of the resource, e.g. `dev-glue/bucket/bucket`. */
  readonly resourcePath: string;
  readonly reason?: string;
}

export interface StackReport {
  readonly stack: string;
  readonly passed: number;
  readonly suppressed: Finding[];
  readonly failed: Finding[];
}

/** Synthesized stacks by name: their `cdk.tf.json` content. */
export type SynthesizedStacks = Record<string, { resource?: Record<string, Record<string, any>> }>;

export function stackOfFile(filePath: string): string | undefined {
  return /stacks\/([^/]+)\/cdk\.tf\.json$/.exec(filePath)?.[1];
}

export function classifyFindings(output: CheckovOutput, stacks: SynthesizedStacks): StackReport[] {
  return Object.entries(stacks).map(([stack, json]) => {
    const blocks = new Map<string, any>();
    for (const byId of Object.values(json.resource ?? {})) {
      for (const [id, block] of Object.entries(byId)) blocks.set(id, block);
    }
    const inStack = (check: CheckovCheck) => stackOfFile(check.file_path) === stack;
    const report: StackReport = {
      stack,
      passed: output.results.passed_checks.filter(inStack).length,
      suppressed: [],
      failed: [],
    };
    for (const check of output.results.failed_checks.filter(inStack)) {
      const block = blocks.get(check.resource.split(".").pop()!);
      const suppression: CheckovSuppression | undefined = block
        ? suppressionsOf(block).find((s) => s.id === check.check_id)
        : undefined;
      const finding = {
        checkId: check.check_id,
        checkName: check.check_name,
        resourcePath: block?.["//"]?.metadata?.path ?? check.resource,
        reason: suppression?.reason,
      };
      (suppression ? report.suppressed : report.failed).push(finding);
    }
    return report;
  });
}
