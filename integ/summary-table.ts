import type { JobOutcome } from "./types";

const HEADERS = ["JOB", "RUN ID", "STATE", "SECONDS", "RESULT"] as const;

/**
 * A fixed-width table with one row per job, then one line per failure with
 * its reason, so the build log shows at a glance what to look at.
 */
export function formatSummaryTable(outcomes: readonly JobOutcome[]): string {
  const rows = outcomes.map((outcome) => [
    outcome.jobName,
    outcome.runId ?? "-",
    outcome.state,
    outcome.seconds === undefined ? "-" : String(outcome.seconds),
    outcome.passed ? "PASS" : "FAIL",
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 3 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ").trimEnd();
  const failures = outcomes.filter((outcome) => !outcome.passed).map((outcome) => `  ${outcome.jobName}: ${outcome.reason}`);
  const passedCount = outcomes.length - failures.length;
  return [
    line(HEADERS),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
    `${passedCount} of ${outcomes.length} job(s) passed`,
    ...(failures.length ? ["Failures:", ...failures] : []),
  ].join("\n");
}
