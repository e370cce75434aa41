import type { IntegReport, JobOutcome } from "./types";

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[char]!);
}

/**
 * JUnit XML as CodeBuild test reports read it: one testsuite for the stage,
 * one testcase per job. A test that could not run its jobs at all (no job
 * matched, access denied) becomes a single testcase with an <error>.
 */
export function formatJUnitXml(report: IntegReport): string {
  const suiteName = `glue-integ-${report.stageName}`;
  const cases = report.outcomes.map((outcome) => testCase(suiteName, outcome));
  if (report.error !== undefined) {
    cases.push(
      `    <testcase classname="${escapeXml(suiteName)}" name="run stage jobs" time="0">\n` +
        `      <error message="${escapeXml(report.error)}"/>\n    </testcase>`,
    );
  }
  const failures = report.outcomes.filter((outcome) => !outcome.passed).length;
  const errors = report.error === undefined ? 0 : 1;
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const suiteAttributes =
    `name="${escapeXml(suiteName)}" tests="${cases.length}" failures="${failures}" errors="${errors}" ` +
    `time="${seconds.toFixed(3)}" timestamp="${escapeXml(report.startedAt)}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites ${suiteAttributes}>`,
    `  <testsuite ${suiteAttributes}>`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    ``,
  ].join("\n");
}

function testCase(suiteName: string, outcome: JobOutcome): string {
  const open = `    <testcase classname="${escapeXml(suiteName)}" name="${escapeXml(outcome.jobName)}" time="${outcome.seconds ?? 0}">`;
  const detail = `run ${outcome.runId ?? "-"}, state ${outcome.state}`;
  if (outcome.passed) return `${open}\n      <system-out>${escapeXml(detail)}</system-out>\n    </testcase>`;
  return (
    `${open}\n      <failure message="${escapeXml(outcome.reason)}" type="${escapeXml(outcome.state)}">` +
    `${escapeXml(detail)}</failure>\n    </testcase>`
  );
}
