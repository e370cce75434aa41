/**
 * The Glue job runs of the IntegTest step, read from the integration test's own JUnit report (the
 * `--report` file its buildspec names): one per job, with its run id, state, Glue's ExecutionTime and
 * the verdict's reason. With real runs these are the jobs' real run times on local Spark.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS } from "../stacks/pipeline/constants";
import type { PipelineAction } from "./pipeline-definition";

export interface JobRunReport {
  readonly job: string;
  readonly runId?: string;
  /** JobRunState, or a state the integration test adds (WAIT_TIMEOUT, NOT_STARTED, ...) */
  readonly state: string;
  readonly seconds: number;
  readonly passed: boolean;
  /** Why the run failed (the script's error line for a FAILED run); absent for a passed run. */
  readonly reason?: string;
  /** The S3 connector the run's Spark used ("s3a"), where the emulator ran it (job-run-s3-calls.ts). */
  readonly s3Connector?: string;
  /** The S3 actions the run's script and Spark made as the job role, with counts. */
  readonly s3Actions?: Readonly<Record<string, number>>;
  /** How many of those calls S3 denied. */
  readonly s3Denied?: number;
}

const TESTCASE = /<testcase [^>]*name="([^"]*)" time="([^"]*)">([\s\S]*?)<\/testcase>/g;
const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&apos;": "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (entity) => ENTITIES[entity]);
}

/** The job runs of a report written by integ/junit-xml.ts; the test's own error case is left out. */
export function jobRunsOfJUnit(xml: string): JobRunReport[] {
  const runs: JobRunReport[] = [];
  for (const [, name, time, body] of xml.matchAll(TESTCASE)) {
    if (/<error /.test(body)) continue;
    const detail = /run ([^,<]+), state ([^<]+)</.exec(body);
    const failure = /<failure message="([^"]*)"/.exec(body);
    runs.push({
      job: unescapeXml(name),
      runId: detail && detail[1] !== "-" ? detail[1] : undefined,
      state: detail ? unescapeXml(detail[2]) : "UNKNOWN",
      seconds: Number(time),
      passed: !failure,
      ...(failure ? { reason: unescapeXml(failure[1]) } : {}),
    });
  }
  return runs;
}

/** The job runs in the first of these report files that exists, or none. */
export function readJobRuns(reportFiles: readonly string[]): JobRunReport[] {
  const file = reportFiles.find((f) => existsSync(f));
  return file ? jobRunsOfJUnit(readFileSync(file, "utf8")) : [];
}

/** The IntegTest step of a synthesized pipeline and where its integration-test report lands: <stepsDir>/<stage>/src/<file>. */
export function integTestReportFiles(actions: readonly PipelineAction[], stepsDir: string): { readonly stage: string; readonly files: string[] } | undefined {
  const action = actions.find((a): a is Extract<PipelineAction, { kind: "codebuild" }> => a.kind === "codebuild" && a.outputs.includes(ARTIFACTS.integReport));
  if (!action) return undefined;
  return { stage: action.stage, files: action.buildSpec.artifactFiles.filter((f) => f.endsWith(".xml")).map((f) => join(stepsDir, action.stage, "src", f)) };
}
