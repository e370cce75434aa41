import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { judgeDataPlan, PULL_REQUEST_ARTIFACT, startPullRequestCheck } from "../../rehearsal/pull-request-steps";
import { PULL_REQUEST_CHANGE } from "../../rehearsal/source-repository";
import { DEFAULT_CONFIG_FILE, loadConfig } from "../../stacks/config";
import { synthApp } from "../../testkit/synth-app";
import { synthPipelineJson } from "../helpers/pipeline-json";

const pr = { id: "1", branch: "change", headCommit: "h".repeat(40), baseCommit: "b".repeat(40), targetBranch: "main", checkoutDir: "/tmp/pr", changedFile: PULL_REQUEST_CHANGE.file };

function stepDir(summary: object | undefined, markdown = "", log = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "pr-check-step-"));
  mkdirSync(join(dir, "src", "plan-review"), { recursive: true });
  if (summary) writeFileSync(join(dir, "src", "plan-review", "summary.json"), JSON.stringify(summary));
  writeFileSync(join(dir, "src", "plan-review", "summary.md"), markdown);
  writeFileSync(join(dir, "step.log"), log);
  return dir;
}

const line = "    + output_path.reviewed: added (boolean)";
const planned = { data: { jobs: [{ job: "ProcessLegislators", schemaChanges: [{ column: "reviewed", change: "added (boolean)", breaking: false }] }] } };

describe("judgeDataPlan", () => {
  test("passes when the summary, its markdown and the build log all show the change's added column", () => {
    expect(judgeDataPlan(stepDir(planned, line, `Data\n${line}\n`))).toBeUndefined();
  });

  test("a skipped, failed or missing data plan fails the check, saying why", () => {
    expect(judgeDataPlan(stepDir(undefined))).toMatch(/wrote no plan-review\/summary.json/);
    expect(judgeDataPlan(stepDir({ dataSkipped: "not in a git work tree" }))).toMatch(/skipped: not in a git work tree/);
    expect(judgeDataPlan(stepDir({ dataError: "spark died" }))).toMatch(/failed: spark died/);
    expect(judgeDataPlan(stepDir({ data: { jobs: [] } }))).toMatch(/does not name ProcessLegislators/);
  });

  test("the column must show as added and not breaking, in the markdown and in the log", () => {
    const breaking = { data: { jobs: [{ job: "ProcessLegislators", schemaChanges: [{ column: "reviewed", change: "added", breaking: true }] }] } };
    expect(judgeDataPlan(stepDir(breaking, line, line))).toMatch(/added column reviewed as not breaking/);
    expect(judgeDataPlan(stepDir(planned, "", line))).toMatch(/summary.md lacks/);
    expect(judgeDataPlan(stepDir(planned, line, ""))).toMatch(/build log lacks/);
  });
});

describe("startPullRequestCheck", () => {
  test("codecommit: its EventBridge target's variables, with the pull request's commits, on the pull request's checkout", () => {
    const config = loadConfig(DEFAULT_CONFIG_FILE);
    const started = startPullRequestCheck(synthApp(DEFAULT_CONFIG_FILE).pipeline, "glue-pipeline-pr-check", config.source, pr, "111111111111");
    expect(started?.action.inputs).toEqual([PULL_REQUEST_ARTIFACT]);
    expect(started?.variables).toEqual({ "SourceVariables.CommitId": pr.headCommit, "PullRequest.id": "1", "PullRequest.sourceCommit": pr.headCommit, "PullRequest.destinationCommit": pr.baseCommit });
  });

  test("codestar: its webhook, on the pull request's head", () => {
    const source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/abc-123", repository: "acme/glue", branch: "main", provider: "github" } as const;
    const stack = synthPipelineJson((c) => (c.source = source));
    const started = startPullRequestCheck(stack, "glue-pipeline-pr-check", source, pr, "111111111111");
    expect(started).toMatchObject({ startedBy: "its CodeBuild webhook", variables: { "SourceVariables.CommitId": pr.headCommit } });
    expect(started?.action.actionVariables.CODEBUILD_WEBHOOK_HEAD_REF).toBe("refs/heads/change");
  });
});
