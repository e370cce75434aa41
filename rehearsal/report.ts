/** The rehearsal's outcome: a table for people and a JSON report for machines. */
import type { EmulatorGap } from "./emulator/emulator-gaps";
import { formatGrantsUsed, type RoleGrantsUsed } from "./grants-used";
import type { JobRunReport } from "./integ-job-runs";
import { formatS3Actions } from "./job-run-s3-calls";
import type { PermissionFinding, RoleUse } from "./permission-check";
import type { AdaptationReport } from "./provider-adaptations";

export type StepOutcome = "passed" | "failed" | "not run";

export interface StepReport {
  readonly name: string;
  readonly result: StepOutcome;
  readonly seconds: number;
  /** What ran, in a few words. */
  readonly ran: string;
  /** What the step would do on AWS that the rehearsal replaced or left out, and why. */
  readonly notRehearsed: readonly string[];
  readonly error?: string;
  readonly logFile?: string;
  /** For an alert step: the text the rehearsal's subscriber received. */
  readonly message?: string;
}

export interface RehearsalReport {
  readonly passed: boolean;
  readonly config: string;
  readonly steps: readonly StepReport[];
  readonly emulatorGaps: readonly EmulatorGap[];
  /** Provider-version gaps handled in the rehearsal's copy (provider-adaptations.ts), with what each changed in this run */
  readonly adaptations: readonly AdaptationReport[];
  readonly permissionFindings: readonly PermissionFinding[];
  /** How each role was used, step by step, and how many of its calls were denied. */
  readonly roles: readonly RoleUse[];
  /** Per role: what its policies grant (wildcards expanded), what it used in each step, and `grantedUnused`. */
  readonly grantsUsed?: readonly RoleGrantsUsed[];
  /** What the rehearsal changed in its copy of the synthesized stacks, e.g. the provider pin. */
  readonly rehearsalChanges: readonly string[];
  /** The Glue job runs of IntegTest (from its integration-test report): real runs on local Spark, or moto's. */
  readonly jobRuns?: readonly JobRunReport[];
  readonly seconds: number;
}

const WIDTHS = { step: 34, ran: 62, seconds: 8 };

export function formatTable(steps: readonly StepReport[]): string {
  const row = (step: string, ran: string, seconds: string, result: string) =>
    `${step.padEnd(WIDTHS.step)} ${ran.padEnd(WIDTHS.ran)} ${seconds.padStart(WIDTHS.seconds)}  ${result}`;
  const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
  return [
    row("STEP", "WHAT RAN", "SECONDS", "RESULT"),
    ...steps.map((s) => row(clip(s.name, WIDTHS.step), clip(s.ran, WIDTHS.ran), s.seconds.toFixed(1), s.result.toUpperCase())),
  ].join("\n");
}

/** IntegTest's job runs, one row each: job, state, seconds, and why a run failed. */
export function formatJobRuns(runs: readonly JobRunReport[]): string {
  const width = Math.max(3, ...runs.map((r) => r.job.length));
  return [
    `${"JOB RUN".padEnd(width + 2)} ${"STATE".padEnd(12)} ${"SECONDS".padStart(WIDTHS.seconds)}  RESULT`,
    ...runs.flatMap((r) => [
      `  ${r.job.padEnd(width)} ${r.state.padEnd(12)} ${String(r.seconds).padStart(WIDTHS.seconds)}  ${r.passed ? "PASSED" : `FAILED: ${r.reason ?? ""}`}`,
      ...(r.s3Actions ? [`    S3 through ${r.s3Connector}: ${formatS3Actions(r.s3Actions) || "no call"}${r.s3Denied ? ` (${r.s3Denied} denied)` : ""}`] : []),
    ]),
  ].join("\n");
}

/** The table, what was not rehearsed, the findings and the verdict. */
export function formatReport(report: RehearsalReport): string {
  const lines = [formatTable(report.steps)];
  if (report.jobRuns?.length) lines.push("", "IntegTest's Glue job runs:", formatJobRuns(report.jobRuns));
  const notRehearsed = report.steps.flatMap((s) => s.notRehearsed.map((n) => `  ${s.name}: ${n}`));
  if (notRehearsed.length > 0) lines.push("", "not rehearsed:", ...notRehearsed);
  const alerts = report.steps.filter((s) => s.message !== undefined);
  if (alerts.length > 0) lines.push("", "alerts the subscriber received:", ...alerts.map((s) => `  ${s.name}: ${s.message}`));
  if (report.rehearsalChanges.length > 0) lines.push("", "changed in the rehearsal's copy only:", ...report.rehearsalChanges.map((c) => `  ${c}`));
  const failed = report.steps.filter((s) => s.result === "failed");
  for (const step of failed) lines.push("", `${step.name} failed:`, ...(step.error ?? "").split("\n").map((l) => `  ${l}`), ...(step.logFile ? [`  log: ${step.logFile}`] : []));
  if (report.permissionFindings.length > 0) {
    lines.push("", "permission findings:");
    for (const f of report.permissionFindings) lines.push(`  ${f.step}: ${f.role} ${f.action}${f.resource ? ` on ${f.resource}` : ""}: ${f.problem}`);
  }
  const adapted = report.adaptations.filter((a) => a.applied.length > 0);
  if (adapted.length > 0) {
    lines.push("", "provider-version adaptations (the rehearsal's copy only):");
    for (const a of adapted) lines.push(`  ${a.id}: ${a.resourceType}.${a.argument} removed (provider < ${a.since}) from ${a.applied.flatMap((x) => x.resources.map((r) => `${x.stack} ${r}`)).join(", ")}`);
  }
  if (report.grantsUsed?.length) lines.push("", "granted against used, per role (report field grantsUsed):", formatGrantsUsed(report.grantsUsed));
  lines.push("", `${report.emulatorGaps.length} emulator gap(s) handled (rehearsal/emulator/emulator-gaps.ts)`);
  lines.push(`rehearsal ${report.passed ? "passed" : "FAILED"} in ${report.seconds.toFixed(0)} s (${report.config})`);
  return lines.join("\n");
}
