/** The pull-request check and its triggers, and PlanProd's headline in the approval. */
import { parse } from "yaml";
import { approvalCustomData, CUSTOM_DATA_LIMIT } from "../stacks/pipeline/plan-prod-step";
import { HEADLINE_LENGTH } from "../stacks/pipeline/constants";
import { type Json, projectNamed as project, synthPipelineJson as synth, valuesOf as values } from "./helpers/pipeline-json";

const policyOf = (json: Json, roleName: string) => {
  const [id] = Object.entries<Json>(json.resource.aws_iam_role).find(([, r]) => r.name === roleName)!;
  return JSON.parse(values(json, "aws_iam_role_policy").find((p) => p.role === `\${aws_iam_role.${id}.name}`)!.policy);
};
const codestar = (provider?: string) => (c: Json) => {
  c.source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b", repository: "acme/glue", branch: "main", ...(provider ? { provider } : {}) };
};

describe("glue-pipeline-pr-check, CodeCommit", () => {
  const json = synth((c) => (c.pullRequests = { targetBranch: "develop" }));
  const check = project(json, "glue-pipeline-pr-check")!;
  const spec = parse(check.source.buildspec);

  test("checks out the pull request's commit itself, and is no stage of the pipeline", () => {
    expect(check.source).toMatchObject({ type: "CODECOMMIT", location: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/glue-repo" });
    expect(check.artifacts).toEqual({ type: "NO_ARTIFACTS" });
    const actions = values(json, "aws_codepipeline")[0].stage.flatMap((s: Json) => s.action);
    expect(JSON.stringify(actions)).not.toContain("pr-check");
  });

  test("runs npm ci, cdktf synth, npm test, then every stack's summary through the plan roles, and keeps it under pr-checks/<commit>/", () => {
    const commands = [...spec.phases.install.commands, ...spec.phases.build.commands];
    const at = (text: string) => commands.findIndex((c: string) => c.includes(text));
    expect(at("npm ci")).toBeGreaterThan(at("terraform version"));
    expect(at("[profile glue-plan-pipeline]")).toBeGreaterThan(0);
    expect(spec.phases.build.commands.slice(0, 2)).toEqual(["npx cdktf synth", "npm test"]);
    expect(at("npm run --silent diff -- --skip-synth --plan-roles --out plan-review")).toBeGreaterThan(at("npm test"));
    expect(commands.at(-1)).toBe('aws s3 cp --recursive --only-show-errors plan-review "s3://glue-pipeline-artifacts-111111111111-eu-west-1/pr-checks/$CODEBUILD_RESOLVED_SOURCE_VERSION/"');
    expect(spec.env["secrets-manager"]).toBeUndefined();
  });

  test("the data plan compares with the pull request's destination commit when the trigger passes one", () => {
    const review = spec.phases.build.commands.find((c: string) => c.includes("npm run --silent diff"));
    expect(review).toMatch(/^base=""; if \[ -n "\$DESTINATION_COMMIT" \]; then base="--base \$DESTINATION_COMMIT"; fi; status=0; npm run --silent diff -- .* \$base \|\| status=\$\?;/);
  });

  test("posts the summary, or that it failed, on the pull request whether the build passed or not", () => {
    const [post] = spec.phases.post_build.commands;
    expect(post).toContain('aws codecommit post-comment-for-pull-request --pull-request-id "$PULL_REQUEST_ID" --repository-name glue-repo');
    expect(post).toContain('--before-commit-id "$DESTINATION_COMMIT" --after-commit-id "$SOURCE_COMMIT" --content "file://$body"');
    expect(post).toContain('if [ "$CODEBUILD_BUILD_SUCCEEDING" = 1 ] && [ -f plan-review/summary.md ]; then body=plan-review/summary.md;');
  });

  test("its role may read its source, comment, keep its summary and assume the pipeline's plan role: nothing else", () => {
    const statements = policyOf(json, "glue-pipeline-pr-check").Statement;
    expect(statements.map((s: Json) => s.Sid)).toEqual(["Logs", "Cache", "ReadArtifactBucketAclAndLocation", "ArtifactKey", "WriteArtifacts", "AssumePlanRole", "PullAndComment"]);
    expect(statements.find((s: Json) => s.Sid === "WriteArtifacts").Resource).toEqual(["arn:aws:s3:::glue-pipeline-artifacts-111111111111-eu-west-1/pr-checks/*"]);
    expect(statements.find((s: Json) => s.Sid === "PullAndComment")).toEqual({
      Sid: "PullAndComment",
      Effect: "Allow",
      Action: ["codecommit:GitPull", "codecommit:PostCommentForPullRequest"],
      Resource: "arn:aws:codecommit:eu-west-1:111111111111:glue-repo",
    });
  });

  test("an EventBridge rule on created and updated pull requests into the target branch starts it on the source commit", () => {
    const rule = values(json, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-pipeline-pr-check")!;
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.codecommit"],
      "detail-type": ["CodeCommit Pull Request State Change"],
      resources: ["arn:aws:codecommit:eu-west-1:111111111111:glue-repo"],
      detail: { event: ["pullRequestCreated", "pullRequestSourceBranchUpdated"], pullRequestStatus: ["Open"], destinationReference: ["refs/heads/develop"] },
    });
    const target = values(json, "aws_cloudwatch_event_target").find((t) => t.target_id === "pr-check")!;
    expect(target.arn).toMatch(/^\$\{aws_codebuild_project\.pr-check_project_[0-9A-F]+\.arn\}$/);
    // EventBridge puts each path's JSON value where its <placeholder> stands: the result is StartBuild's request.
    const event = { detail: { pullRequestId: "42", sourceCommit: "a".repeat(40), destinationCommit: "b".repeat(40) } };
    const paths: Record<string, string> = target.input_transformer.input_paths;
    const filled = target.input_transformer.input_template.replace(/<(\w+)>/g, (_: string, name: string) =>
      JSON.stringify(paths[name].replace("$.detail.", "").split(".").reduce((v: any, k: string) => v[k], event.detail)),
    );
    expect(JSON.parse(filled)).toEqual({
      sourceVersion: "a".repeat(40),
      environmentVariablesOverride: [
        { name: "PULL_REQUEST_ID", value: "42", type: "PLAINTEXT" },
        { name: "SOURCE_COMMIT", value: "a".repeat(40), type: "PLAINTEXT" },
        { name: "DESTINATION_COMMIT", value: "b".repeat(40), type: "PLAINTEXT" },
      ],
    });
    const start = policyOf(json, "glue-pipeline-pr-check-start").Statement;
    expect(start).toEqual([{ Effect: "Allow", Action: "codebuild:StartBuild", Resource: target.arn }]);
  });
});

describe("glue-pipeline-pr-check, CodeStar connection", () => {
  test("GitHub by default: checks out through the connection, reports its status on the commit, started by a webhook on pull requests", () => {
    const json = synth(codestar());
    const check = project(json, "glue-pipeline-pr-check")!;
    expect(check.source).toMatchObject({
      type: "GITHUB",
      location: "https://github.com/acme/glue.git",
      auth: { type: "CODECONNECTIONS", resource: "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b" },
      report_build_status: true,
      build_status_config: { context: "glue-pipeline/pr-check" },
    });
    expect(parse(check.source.buildspec).phases.post_build).toBeUndefined();
    const [webhook] = values(json, "aws_codebuild_webhook");
    expect(webhook).toMatchObject({
      build_type: "BUILD",
      filter_group: [
        {
          filter: [
            { type: "EVENT", pattern: "PULL_REQUEST_CREATED, PULL_REQUEST_UPDATED, PULL_REQUEST_REOPENED" },
            { type: "BASE_REF", pattern: "^refs/heads/main$" },
          ],
        },
      ],
      pull_request_build_policy: { requires_comment_approval: "FORK_PULL_REQUESTS", approver_roles: ["GITHUB_WRITE", "GITHUB_MAINTAIN", "GITHUB_ADMIN"] },
    });
    expect(values(json, "aws_cloudwatch_event_rule").map((r) => r.name)).not.toContain("glue-pipeline-pr-check");
    const statements = policyOf(json, "glue-pipeline-pr-check").Statement;
    expect(statements.find((s: Json) => s.Sid === "UseConnection").Action).toEqual(expect.arrayContaining(["codeconnections:GetConnectionToken", "codeconnections:GetConnection"]));
    expect(JSON.stringify(statements)).not.toContain("codecommit");
  });

  test.each([
    ["gitlab", "GITLAB", "https://gitlab.com/acme/glue.git", "GITLAB_DEVELOPER"],
    ["bitbucket", "BITBUCKET", "https://bitbucket.org/acme/glue.git", "BITBUCKET_WRITE"],
  ])("%s: its own source type, clone URL and approver roles", (provider, type, location, approver) => {
    const json = synth(codestar(provider));
    expect(project(json, "glue-pipeline-pr-check")!.source).toMatchObject({ type, location });
    expect(values(json, "aws_codebuild_webhook")[0].pull_request_build_policy.approver_roles).toContain(approver);
  });

  test("UpdatePipeline may manage the webhook", () => {
    const statements = policyOf(synth(codestar()), "glue-pipeline-update-pipeline").Statement;
    expect(statements.find((s: Json) => s.Sid === "Projects").Action).toEqual(expect.arrayContaining(["codebuild:CreateWebhook", "codebuild:DeleteWebhook"]));
  });
});

test("pullRequests.enabled: false: no check, no trigger, and only PlanProd plans through the plan roles (the drift check off too)", () => {
  const json = synth((c) => {
    c.pullRequests = { enabled: false };
    c.pipeline = { driftCheck: { enabled: false } };
  });
  expect(project(json, "glue-pipeline-pr-check")).toBeUndefined();
  expect(values(json, "aws_cloudwatch_event_rule").map((r) => r.name)).not.toContain("glue-pipeline-pr-check");
  const planRole = values(json, "aws_iam_role").find((r) => r.name === "glue-plan-pipeline")!;
  expect(JSON.parse(planRole.assume_role_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"]).toEqual(["arn:aws:iam::111111111111:role/glue-pipeline-plan-prod"]);
});

describe("the approval shows PlanProd's headline", () => {
  const json = synth();
  const stages = values(json, "aws_codepipeline")[0].stage;
  const action = (name: string) => stages.find((s: Json) => s.name === name).action[0];

  test("PlanProd exports it through its namespace; the approval's text starts with it", () => {
    expect(action("PlanProd").namespace).toBe("PlanProdVariables");
    const spec = parse(project(json, "glue-pipeline-plan-prod")!.source.buildspec);
    expect(spec.env["exported-variables"]).toEqual(["PLAN_HEADLINE"]);
    expect(spec.phases.build.commands.at(-1)).toBe('PLAN_HEADLINE="$(cat plan-review/headline.txt)" && export PLAN_HEADLINE');
    expect(action("Approval").configuration.CustomData).toMatch(/^#\{PlanProdVariables\.PLAN_HEADLINE\}\. Commit #\{SourceVariables\.CommitId\}\. Full plan and summary: s3:\/\/glue-pipeline-artifacts-/);
    expect(action("Approval").configuration.ExternalEntityLink).toContain("plans/prod-glue/#{codepipeline.PipelineExecutionId}.txt");
  });

  test("the text fits CodePipeline's 500 characters with every variable at its longest, or synth says why", () => {
    const longest = approvalCustomData("b".repeat(63))
      .replace("#{PlanProdVariables.PLAN_HEADLINE}", "h".repeat(HEADLINE_LENGTH))
      .replace("#{SourceVariables.CommitId}", "c".repeat(40))
      .replace("#{codepipeline.PipelineExecutionId}", "e".repeat(36));
    expect(longest.length).toBeLessThanOrEqual(CUSTOM_DATA_LIMIT);
    expect(() => approvalCustomData("b".repeat(200))).toThrow(/the approval's text would be \d+ characters with its variables at their longest; CodePipeline allows 500/);
  });
});
