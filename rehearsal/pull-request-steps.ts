/**
 * The pull-request check as a pull request starts it, for either source: a branch of the rehearsal's
 * repository (source-repository.ts) that changes a job's script, checked out as CodeBuild checks it out.
 * - codecommit: its EventBridge rule's target, with the pull request's id, source and destination commits;
 * - codestar: its CodeBuild webhook, once the webhook's filter groups accept the pull request's event.
 *
 * The check must show the data plan of that change: the changed job, with the column it adds as a
 * non-breaking schema change, in the summary it writes and in its build log.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceConfig } from "../stacks/config";
import { PLAN_REVIEW_DIR } from "../stacks/pipeline/step-commands";
import { pullRequestCheck, PULL_REQUEST_NAMESPACE, webhookCheck, type PipelineAction } from "./pipeline-definition";
import { PULL_REQUEST_CHANGE, type PullRequest, type ScriptChange } from "./source-repository";

type CodeBuildAction = Extract<PipelineAction, { kind: "codebuild" }>;

/** The artifact name the pull request's checkout goes by in the rehearsal's artifacts. */
export const PULL_REQUEST_ARTIFACT = "pull-request";

export interface StartedCheck {
  readonly action: CodeBuildAction;
  /** Pipeline variables of this build: the pull request's and its commit as the resolved source version */
  readonly variables: Readonly<Record<string, string>>;
  /** How it was started, for the report */
  readonly startedBy: string;
}

/** The check as the source's trigger starts it for `pr`, on its checkout; undefined when the stack has no check. */
export function startPullRequestCheck(stack: Record<string, any>, projectName: string, source: SourceConfig, pr: PullRequest, actorAccountId: string): StartedCheck | undefined {
  const commit = { "SourceVariables.CommitId": pr.headCommit };
  if (source.type === "codecommit") {
    const action = pullRequestCheck(stack, projectName);
    if (!action) return undefined;
    return {
      action: { ...action, inputs: [PULL_REQUEST_ARTIFACT] },
      variables: { ...commit, [`${PULL_REQUEST_NAMESPACE}.id`]: pr.id, [`${PULL_REQUEST_NAMESPACE}.sourceCommit`]: pr.headCommit, [`${PULL_REQUEST_NAMESPACE}.destinationCommit`]: pr.baseCommit },
      startedBy: "its EventBridge rule's target",
    };
  }
  const event = { event: "PULL_REQUEST_CREATED", id: pr.id, baseRef: `refs/heads/${pr.targetBranch}`, headRef: `refs/heads/${pr.branch}`, headCommit: pr.headCommit, actorAccountId } as const;
  const action = webhookCheck(stack, projectName, event);
  if (!action) return undefined;
  return { action: { ...action, inputs: [PULL_REQUEST_ARTIFACT] }, variables: commit, startedBy: "its CodeBuild webhook" };
}

interface SummaryJson {
  data?: { jobs: { job: string; schemaChanges: { column: string; breaking: boolean; change: string }[] }[] };
  dataSkipped?: string;
  dataError?: string;
}

/** Why the check's output lacks the change's data plan, or undefined: summary.json, summary.md and the log all show it. */
export function judgeDataPlan(stepDir: string, change: ScriptChange = PULL_REQUEST_CHANGE): string | undefined {
  const reviewDir = join(stepDir, "src", PLAN_REVIEW_DIR);
  if (!existsSync(join(reviewDir, "summary.json"))) return `the check wrote no ${PLAN_REVIEW_DIR}/summary.json`;
  const summary = JSON.parse(readFileSync(join(reviewDir, "summary.json"), "utf8")) as SummaryJson;
  if (summary.dataSkipped !== undefined) return `the check's data plan was skipped: ${summary.dataSkipped}`;
  if (summary.dataError !== undefined) return `the check's data plan failed: ${summary.dataError}`;
  // One entry per stage the job is in; the sample-data run (and so the schema) is one stage's.
  const entries = summary.data?.jobs.filter((j) => j.job === change.job) ?? [];
  if (entries.length === 0) return `the check's data plan does not name ${change.job}, whose script the pull request changes (it names ${summary.data?.jobs.map((j) => j.job).join(", ") || "no job"})`;
  const changes = entries.flatMap((j) => j.schemaChanges);
  const added = changes.find((c) => c.column === change.addedColumn);
  if (!added || added.breaking || changes.some((c) => c.breaking)) return `the data plan of ${change.job} should show the added column ${change.addedColumn} as not breaking, and nothing breaking; it shows ${JSON.stringify(changes)}`;
  const line = `.${change.addedColumn}: ${added.change}`;
  const markdown = readFileSync(join(reviewDir, "summary.md"), "utf8");
  if (!markdown.includes(line)) return `the check's summary.md lacks the data plan's line "${line}"`;
  const log = existsSync(join(stepDir, "step.log")) ? readFileSync(join(stepDir, "step.log"), "utf8") : "";
  if (!log.includes(line)) return `the check's build log lacks the data plan's line "${line}"`;
  return undefined;
}
