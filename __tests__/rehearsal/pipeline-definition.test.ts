import { DEFAULT_CONFIG_FILE } from "../../stacks/config";
import { synthApp } from "../../testkit/synth-app";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";
import { parseBuildSpec, pipelineActions, pullRequestCheck, resolvePipelineVariables, scheduledBuild, webhookCheck, webhookStarts, type PullRequestEvent } from "../../rehearsal/pipeline-definition";
import { synthPipelineJson } from "../helpers/pipeline-json";

describe("pipelineActions", () => {
  const actions = pipelineActions(synthApp(DEFAULT_CONFIG_FILE).pipeline);

  test("lists the synthesized stages in order, each with its kind", () => {
    expect(actions.map((a) => `${a.stage}:${a.kind}`)).toEqual([
      "Source:source",
      "Build:codebuild",
      "UpdatePipeline:codebuild",
      "DeployDev:codebuild",
      "IntegTest:codebuild",
      "PlanProd:codebuild",
      "Approval:approval",
      "DeployProd:codebuild",
    ]);
  });

  test("resolves each CodeBuild action's project, role, buildspec and variables", () => {
    const deployProd = actions.find((a) => a.stage === "DeployProd");
    if (deployProd?.kind !== "codebuild") throw new Error("DeployProd is not a CodeBuild action");
    expect(deployProd.projectName).toBe("glue-pipeline-deploy-prod");
    expect(deployProd.roleName).toBe("glue-pipeline-deploy-prod");
    expect(deployProd.inputs).toEqual(["build"]);
    expect(deployProd.actionVariables).toEqual({ PIPELINE_EXECUTION_ID: "#{codepipeline.PipelineExecutionId}" });
    expect(deployProd.buildSpec.build.at(-1)).toBe("terraform -chdir=cdktf.out/stacks/prod-glue apply -input=false approved.tfplan");
    expect(deployProd.buildSpec.secrets).toEqual({ TF_TOKEN_app_terraform_io: "glue-cdktf/terraform-token" });
  });

  test("the integration test runs as the role its stage's test role trusts", () => {
    const integ = actions.find((a) => a.stage === "IntegTest");
    expect(integ).toEqual(expect.objectContaining({ roleName: "glue-pipeline-integ-test", outputs: ["integ_report"] }));
  });

  test("the pull-request check: its project on the source, with what its EventBridge target passes as variables to fill in", () => {
    const check = pullRequestCheck(synthApp(DEFAULT_CONFIG_FILE).pipeline, "glue-pipeline-pr-check");
    expect(check).toMatchObject({ kind: "codebuild", projectName: "glue-pipeline-pr-check", roleName: "glue-pipeline-pr-check", inputs: ["source"] });
    expect(check?.actionVariables).toEqual({
      PULL_REQUEST_ID: "#{PullRequest.id}",
      SOURCE_COMMIT: "#{PullRequest.sourceCommit}",
      DESTINATION_COMMIT: "#{PullRequest.destinationCommit}",
    });
    expect(check?.buildSpec.postBuild).toHaveLength(1);
    expect(pullRequestCheck(synthApp(DEFAULT_CONFIG_FILE).pipeline, "glue-pipeline-nothing")).toBeUndefined();
  });

  test("the drift check: its project on the source as its schedule starts it (no variables); only a scheduled project", () => {
    const stack = synthApp(DEFAULT_CONFIG_FILE).pipeline;
    const check = scheduledBuild(stack, "glue-pipeline-drift-check", "DriftCheck");
    expect(check).toMatchObject({ stage: "DriftCheck", projectName: "glue-pipeline-drift-check", roleName: "glue-pipeline-drift-check", inputs: ["source"], actionVariables: {} });
    expect(check?.buildSpec.postBuild.join("\n")).toContain("aws sns publish");
    // The pull-request check is started by a pull request's event, not a schedule.
    expect(scheduledBuild(stack, "glue-pipeline-pr-check", "DriftCheck")).toBeUndefined();
  });

  test("PlanProd's namespace and exported variable", () => {
    const planProd = actions.find((a) => a.stage === "PlanProd");
    expect(planProd).toMatchObject({ namespace: "PlanProdVariables", buildSpec: expect.objectContaining({ exportedVariables: ["PLAN_HEADLINE"] }) });
  });

  test("a reference to a resource the stack lacks is an error, not a guess", () => {
    const stack = synthApp(writeTempProject(baseConfig())).pipeline;
    const pipeline = Object.values<any>(stack.resource.aws_codepipeline)[0];
    pipeline.stage[1].action[0].configuration.ProjectName = "${aws_codebuild_project.missing.name}";
    expect(() => pipelineActions(stack)).toThrow(/does not name a aws_codebuild_project/);
  });
});

test("parseBuildSpec reads variables, secrets, exported variables, the phases and artifacts", () => {
  const spec = parseBuildSpec(
    'version: "0.2"\nenv:\n  variables: { A: "1" }\n  secrets-manager: { T: tok }\nphases:\n  install: { commands: [i] }\n  build: { commands: [b1, b2] }\nartifacts: { files: [x.txt] }\n',
  );
  expect(spec).toEqual({ variables: { A: "1" }, secrets: { T: "tok" }, install: ["i"], build: ["b1", "b2"], postBuild: [], exportedVariables: [], artifactFiles: ["x.txt"] });
  expect(parseBuildSpec('version: "0.2"\nenv:\n  exported-variables: [H]\nphases:\n  build: { commands: [b] }\n  post_build: { commands: [p] }\n')).toMatchObject({
    postBuild: ["p"],
    exportedVariables: ["H"],
  });
});

test("resolvePipelineVariables replaces known #{...} references and keeps unknown ones", () => {
  expect(resolvePipelineVariables("plan #{codepipeline.PipelineExecutionId} of #{SourceVariables.CommitId}", { "codepipeline.PipelineExecutionId": "e-1" })).toBe(
    "plan e-1 of #{SourceVariables.CommitId}",
  );
});

describe("the pull-request check of a codestar source, as its webhook starts it", () => {
  const stack = synthPipelineJson((c) => {
    c.source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/abc-123", repository: "acme/glue", branch: "main" };
  });
  const event: PullRequestEvent = { event: "PULL_REQUEST_CREATED", id: "7", baseRef: "refs/heads/main", headRef: "refs/heads/feature", headCommit: "f".repeat(40), actorAccountId: "42" };

  test("runs its project with the variables CodeBuild sets for a webhook's build", () => {
    const check = webhookCheck(stack, "glue-pipeline-pr-check", event);
    expect(check).toMatchObject({ kind: "codebuild", stage: "PullRequestCheck", projectName: "glue-pipeline-pr-check", inputs: ["source"] });
    expect(check?.actionVariables).toEqual({
      CODEBUILD_WEBHOOK_EVENT: "PULL_REQUEST_CREATED",
      CODEBUILD_WEBHOOK_BASE_REF: "refs/heads/main",
      CODEBUILD_WEBHOOK_HEAD_REF: "refs/heads/feature",
      CODEBUILD_WEBHOOK_TRIGGER: "pr/7",
      CODEBUILD_WEBHOOK_ACTOR_ACCOUNT_ID: "42",
      CODEBUILD_SOURCE_VERSION: "pr/7",
    });
    // No EventBridge rule starts it: the codecommit way finds nothing.
    expect(pullRequestCheck(stack, "glue-pipeline-pr-check")).toBeUndefined();
  });

  test("a pull request into another branch is not started by the webhook's filters, and says so", () => {
    expect(() => webhookCheck(stack, "glue-pipeline-pr-check", { ...event, baseRef: "refs/heads/release" })).toThrow(/does not start a build for PULL_REQUEST_CREATED of refs\/heads\/feature into refs\/heads\/release/);
  });

  test("a project without a webhook gives none", () => {
    expect(webhookCheck(stack, "glue-pipeline-deploy-dev", event)).toBeUndefined();
    expect(webhookCheck(synthApp(DEFAULT_CONFIG_FILE).pipeline, "glue-pipeline-pr-check", event)).toBeUndefined();
  });
});

describe("webhookStarts", () => {
  const event: PullRequestEvent = { event: "PULL_REQUEST_UPDATED", id: "1", baseRef: "refs/heads/main", headRef: "refs/heads/x", headCommit: "a", actorAccountId: "9" };
  const filter = (type: string, pattern: string, exclude = false) => ({ type, pattern, ...(exclude ? { exclude_matched_pattern: true } : {}) });

  test("one group whose every filter passes starts a build; EVENT lists names, the others are regular expressions", () => {
    expect(webhookStarts([{ filter: [filter("EVENT", "PULL_REQUEST_CREATED, PULL_REQUEST_UPDATED"), filter("BASE_REF", "^refs/heads/main$")] }], event)).toBe(true);
    expect(webhookStarts([{ filter: [filter("EVENT", "PULL_REQUEST_CREATED"), filter("BASE_REF", "^refs/heads/main$")] }], event)).toBe(false);
    expect(webhookStarts([{ filter: [filter("EVENT", "PUSH")] }, { filter: [filter("HEAD_REF", "^refs/heads/x$")] }], event)).toBe(true);
  });

  test("excludeMatchedPattern inverts a filter; no group at all starts every event", () => {
    expect(webhookStarts([{ filter: [filter("ACTOR_ACCOUNT_ID", "^9$", true)] }], event)).toBe(false);
    expect(webhookStarts([{ filter: [filter("ACTOR_ACCOUNT_ID", "^8$", true)] }], event)).toBe(true);
    expect(webhookStarts(undefined, event)).toBe(true);
  });

  test("a filter type the rehearsal's pull request cannot answer is an error, not a guess", () => {
    expect(() => webhookStarts([{ filter: [filter("FILE_PATH", "^src/")] }], event)).toThrow(/filters on FILE_PATH/);
  });
});
