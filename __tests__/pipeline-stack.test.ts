import { CloudwatchEventRule, CodebuildReportGroup, Codepipeline, IamRole, KmsKey, S3BucketPublicAccessBlock, S3BucketVersioningA, SnsTopic, TerraformStack, Testing } from "../stacks/cdktf";
import { parse } from "yaml";
import { loadConfig } from "../stacks/config";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL } from "../stacks/iam/actions-without-resource-level";
import { INTEG_TEST_RUNNER_ROLE_NAME } from "../stacks/names";
import { ArtifactStore } from "../stacks/pipeline/artifact-store";
import { buildSpec } from "../stacks/pipeline/buildspec";
import { CodeBuildStep } from "../stacks/pipeline/codebuild-step";
import { glueStageRows } from "../stacks/pipeline/permissions/glue-stage";
import { coveredTypes, statementsOf as statementsOfRows } from "../stacks/pipeline/permissions/permission-table";
import { pipelineStackRows } from "../stacks/pipeline/permissions/pipeline-stack";
import { PipelineStack } from "../stacks/pipeline-stack";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../testkit/temp-project";
import "./helpers/cdktf-matchers";

type Json = Record<string, any>;

/** Synthesizes the pipeline stack from baseConfig() (three accounts), changed by `edit`. */
function synthPipeline(edit: (config: Json) => void = () => {}) {
  const input = baseConfig();
  edit(input);
  const config = loadConfig(writeTempProject(input));
  const synthesized = Testing.synth(new PipelineStack(Testing.app(), "pipeline", { config }));
  return { config, synthesized, json: JSON.parse(synthesized) as Json };
}

const oneAccount = (config: Json) => {
  for (const key of ["pipelineAccount", "devAccount", "prodAccount"]) {
    config[key] = { awsAccountId: "111111111111", awsRegion: "eu-west-1" };
  }
};

const values = (json: Json, type: string): Json[] => Object.values(resourcesOf(json, type));
const stagesOf = (json: Json): Json[] => values(json, "aws_codepipeline")[0].stage;
const projectNamed = (json: Json, name: string) => values(json, "aws_codebuild_project").find((p) => p.name === name)!;
const buildSpecOf = (json: Json, name: string) => parse(projectNamed(json, name).source.buildspec);
const commandsOf = (json: Json, name: string): string[] => {
  const { phases } = buildSpecOf(json, name);
  return [...(phases.install.commands ?? []), ...phases.build.commands];
};
const rolePolicyOf = (json: Json, roleName: string) => {
  const [roleId] = Object.entries(resourcesOf(json, "aws_iam_role")).find(([, r]: [string, any]) => r.name === roleName)!;
  return JSON.parse(values(json, "aws_iam_role_policy").find((p) => p.role === `\${aws_iam_role.${roleId}.name}`)!.policy);
};
const statementsOf = (policy: Json): Json[] => policy.Statement;
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Every policy document of a synthesized stack: identity, trust, key, bucket and topic policies. */
function policiesOf(json: Json): { where: string; policy: Json }[] {
  const fields: Record<string, string> = {
    aws_iam_role_policy: "policy",
    aws_iam_role: "assume_role_policy",
    aws_kms_key: "policy",
    aws_s3_bucket_policy: "policy",
    aws_sns_topic_policy: "policy",
  };
  return Object.entries(fields).flatMap(([type, field]) =>
    Object.entries(resourcesOf(json, type)).map(([id, r]: [string, any]) => ({ where: `${type}.${id}`, policy: JSON.parse(r[field]) })),
  );
}

const STAGE_ORDER = ["Source", "Build", "UpdatePipeline", "DeployDev", "IntegTest", "PlanProd", "Approval", "DeployProd"];
const PROJECT_OF_STAGE: Record<string, string> = {
  Build: "glue-pipeline-build",
  UpdatePipeline: "glue-pipeline-update-pipeline",
  DeployDev: "glue-pipeline-deploy-dev",
  IntegTest: "glue-pipeline-integ-test",
  PlanProd: "glue-pipeline-plan-prod",
  DeployProd: "glue-pipeline-deploy-prod",
};

describe("PipelineStack", () => {
  const three = synthPipeline();
  const single = synthPipeline(oneAccount);

  test("matches the snapshot, with three accounts and with one", () => {
    expect(three.synthesized).toMatchSnapshot("three-accounts");
    expect(single.synthesized).toMatchSnapshot("one-account");
  });

  test("is a V2 pipeline whose stages come in order, one action each", () => {
    expect(three.synthesized).toHaveResourceWithProperties(Codepipeline, { name: "glue-pipeline", pipeline_type: "V2" });
    const stages = stagesOf(three.json);
    expect(stages.map((s) => s.name)).toEqual(STAGE_ORDER);
    for (const stage of stages) expect(stage.action).toHaveLength(1);
    const names = stages.map((s) => s.name);
    expect(names.indexOf("Approval")).toBe(names.indexOf("DeployProd") - 1);
    expect(stages[names.indexOf("Approval")].action[0]).toMatchObject({ category: "Approval", provider: "Manual" });
  });

  test("wires each CodeBuild action to its own project", () => {
    const idToName = Object.fromEntries(
      Object.entries(resourcesOf(three.json, "aws_codebuild_project")).map(([id, p]: [string, any]) => [id, p.name]),
    );
    for (const stage of stagesOf(three.json).filter((s) => PROJECT_OF_STAGE[s.name])) {
      const [action] = stage.action;
      expect(action.provider).toBe("CodeBuild");
      const id = /^\$\{aws_codebuild_project\.([^.]+)\.name\}$/.exec(action.configuration.ProjectName)![1];
      expect(idToName[id]).toBe(PROJECT_OF_STAGE[stage.name]);
    }
    // And the pull-request check and the drift check, which no stage runs: pull requests and a schedule start them.
    expect(Object.values(idToName).sort()).toEqual([...Object.values(PROJECT_OF_STAGE), "glue-pipeline-pr-check", "glue-pipeline-drift-check"].sort());
  });

  test("passes artifacts from Source to Build and Build's output to every later step", () => {
    const actions = Object.fromEntries(stagesOf(three.json).map((s) => [s.name, s.action[0]]));
    expect(actions.Source.output_artifacts).toEqual(["source"]);
    expect(actions.Build).toMatchObject({ input_artifacts: ["source"], output_artifacts: ["build"] });
    for (const stage of ["UpdatePipeline", "DeployDev", "IntegTest", "PlanProd", "DeployProd"]) {
      expect(actions[stage].input_artifacts).toEqual(["build"]);
    }
    expect(actions.PlanProd.output_artifacts).toEqual(["prod_plan"]);
    expect(actions.IntegTest.output_artifacts).toEqual(["integ_report"]);
  });

  test("each buildspec runs its step's commands", () => {
    const has = (name: string, ...expected: string[]) =>
      expected.forEach((command) => expect(commandsOf(three.json, name).join("\n")).toContain(command));
    has("glue-pipeline-build", "npm ci", "npx cdktf synth", "npm test");
    expect(buildSpecOf(three.json, "glue-pipeline-build").env.variables.GLUE_CDKTF_TERRAFORM_VALIDATE).toBe("1");
    expect(buildSpecOf(three.json, "glue-pipeline-build").phases.install["runtime-versions"]).toEqual({
      nodejs: "20",
      python: "3.11",
      java: "corretto17",
    });
    has("glue-pipeline-update-pipeline", "plan -input=false -detailed-exitcode", "apply -input=false update.tfplan");
    has("glue-pipeline-deploy-dev", "npx cdktf deploy dev-glue --auto-approve");
    has(
      "glue-pipeline-integ-test",
      "npm run integ -- --account 222222222222 --region eu-west-1 --stage-name dev " +
        "--role-arn arn:aws:iam::222222222222:role/glue-test-dev --report integ-report.xml",
    );
    has(
      "glue-pipeline-plan-prod",
      "npm run --silent diff -- prod-glue --skip-synth --plan-roles --out plan-review --plan-file approved.tfplan",
      'aws s3 cp prod-glue-plan.txt "s3://glue-pipeline-artifacts-111111111111-eu-west-1/plans/prod-glue/$PIPELINE_EXECUTION_ID.txt"',
      'aws s3 cp cdktf.out/stacks/prod-glue/approved.tfplan "s3://glue-pipeline-artifacts-111111111111-eu-west-1/plans/prod-glue/$PIPELINE_EXECUTION_ID.tfplan"',
    );
    expect(buildSpecOf(three.json, "glue-pipeline-plan-prod").artifacts.files).toEqual(["prod-glue-plan.txt", "prod-glue-summary.md"]);
  });

  test("DeployProd applies exactly the plan that PlanProd saved for the approver, in the same execution", () => {
    const commands = commandsOf(three.json, "glue-pipeline-deploy-prod");
    const download = commands.findIndex((c) => c.includes('plans/prod-glue/$PIPELINE_EXECUTION_ID.tfplan" cdktf.out/stacks/prod-glue/approved.tfplan'));
    const apply = commands.findIndex((c) => c.endsWith("terraform -chdir=cdktf.out/stacks/prod-glue apply -input=false approved.tfplan"));
    expect(download).toBeGreaterThanOrEqual(0);
    expect(apply).toBeGreaterThan(download);
    expect(commands.join("\n")).not.toContain("cdktf deploy");
    const deployAction = stagesOf(three.json).find((s) => s.name === "DeployProd")!.action[0];
    expect(JSON.parse(deployAction.configuration.EnvironmentVariables)).toContainEqual(
      expect.objectContaining({ name: "PIPELINE_EXECUTION_ID" }),
    );
    expect(statementsOf(rolePolicyOf(three.json, "glue-pipeline-deploy-prod"))).toContainEqual({
      Sid: "ReadPlans",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: ["arn:aws:s3:::glue-pipeline-artifacts-111111111111-eu-west-1/plans/prod-glue/*"],
    });
  });

  test("every project has its own role, log group and npm/pip cache", () => {
    const projects = values(three.json, "aws_codebuild_project");
    expect(new Set(projects.map((p) => p.service_role)).size).toBe(projects.length);
    for (const project of projects) {
      expect(project.environment.image).toBe("aws/codebuild/standard:7.0");
      expect(project.cache).toMatchObject({ type: "S3", location: expect.stringContaining(`/cache/${project.name}`) });
      expect(project.logs_config.cloudwatch_logs.status).toBe("ENABLED");
      expect(parse(project.source.buildspec).cache.paths).toEqual(expect.arrayContaining(["/root/.npm/**/*", "/root/.cache/pip/**/*"]));
    }
  });

  test("the integration test runs as the role the Glue stacks trust, and keeps a JUnit report", () => {
    expect(three.synthesized).toHaveResourceWithProperties(IamRole, { name: INTEG_TEST_RUNNER_ROLE_NAME });
    expect(three.synthesized).toHaveResourceWithProperties(CodebuildReportGroup, { name: "glue-pipeline-integ-test", type: "TEST" });
    const spec = buildSpecOf(three.json, "glue-pipeline-integ-test");
    expect(Object.values(spec.reports)).toEqual([{ files: ["integ-report.xml"], "file-format": "JUNITXML" }]);
    // The dev stack's test role trusts exactly this role's ARN.
    const dev = synthGlueStack(writeTempProject(baseConfig()), "dev");
    const trust = JSON.parse(values(dev.json, "aws_iam_role").find((r) => r.name === "glue-test-dev")!.assume_role_policy);
    expect(trust.Statement[0].Condition.ArnEquals["aws:PrincipalArn"]).toBe(`arn:aws:iam::111111111111:role/${INTEG_TEST_RUNNER_ROLE_NAME}`);
    expect(statementsOf(rolePolicyOf(three.json, INTEG_TEST_RUNNER_ROLE_NAME))).toContainEqual(
      expect.objectContaining({ Action: "sts:AssumeRole", Resource: ["arn:aws:iam::222222222222:role/glue-test-dev"] }),
    );
  });

  test("the approval links to the plan that PlanProd copies for this execution", () => {
    const approval = stagesOf(three.json).find((s) => s.name === "Approval")!.action[0];
    const planKey = "plans/prod-glue/#{codepipeline.PipelineExecutionId}.txt";
    expect(approval.configuration.ExternalEntityLink).toContain(planKey);
    expect(approval.configuration.CustomData).toContain(planKey);
    const planAction = stagesOf(three.json).find((s) => s.name === "PlanProd")!.action[0];
    expect(JSON.parse(planAction.configuration.EnvironmentVariables)).toEqual([
      { name: "PIPELINE_EXECUTION_ID", value: "#{codepipeline.PipelineExecutionId}", type: "PLAINTEXT" },
    ]);
    expect(commandsOf(three.json, "glue-pipeline-plan-prod").join("\n")).toContain('/plans/prod-glue/$PIPELINE_EXECUTION_ID.txt"');
  });

  test("the artifact store is versioned, private, TLS-only and encrypted with rotated customer keys", () => {
    for (const key of values(three.json, "aws_kms_key")) expect(key.enable_key_rotation).toBe(true);
    expect(three.synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(three.synthesized).toHaveResourceWithProperties(S3BucketVersioningA, { versioning_configuration: { status: "Enabled" } });
    expect(three.synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_policy: true, restrict_public_buckets: true });
    const pipeline = values(three.json, "aws_codepipeline")[0];
    expect(pipeline.artifact_store[0]).toMatchObject({ type: "S3", encryption_key: { type: "KMS" } });
    const bucketPolicy = JSON.parse(values(three.json, "aws_s3_bucket_policy")[0].policy);
    expect(bucketPolicy.Statement).toContainEqual(expect.objectContaining({ Sid: "DenyInsecureTransport", Effect: "Deny" }));
  });

  test("the deploy roles of other accounts may read artifacts: bucket and key policies name exactly them", () => {
    const readers = ["arn:aws:iam::222222222222:role/glue-deploy-dev", "arn:aws:iam::333333333333:role/glue-deploy-prod"];
    const bucketPolicy = JSON.parse(values(three.json, "aws_s3_bucket_policy")[0].policy);
    const read = bucketPolicy.Statement.find((s: Json) => s.Sid === "DeployRolesReadArtifacts");
    expect(read.Condition.ArnEquals["aws:PrincipalArn"]).toEqual(readers);
    const keyPolicies = values(three.json, "aws_kms_key").map((k) => JSON.parse(k.policy).Statement);
    expect(keyPolicies.flat()).toContainEqual(
      expect.objectContaining({ Sid: "DeployRolesDecryptArtifacts", Condition: { ArnEquals: { "aws:PrincipalArn": readers } } }),
    );
    expect(JSON.stringify(single.json.resource.aws_s3_bucket_policy)).not.toContain("DeployRolesReadArtifacts");
  });

  test("a failed execution notifies a KMS-encrypted topic that only its rule, and the drift check's role, may publish to", () => {
    expect(three.synthesized).toHaveResourceWithProperties(SnsTopic, { name: "glue-pipeline-failures", kms_master_key_id: expect.stringContaining("aws_kms_key") });
    const rule = values(three.json, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-pipeline-failed")!;
    expect(JSON.parse(rule.event_pattern)).toMatchObject({ source: ["aws.codepipeline"], detail: { state: ["FAILED"] } });
    const topicPolicy = JSON.parse(values(three.json, "aws_sns_topic_policy")[0].policy);
    expect(topicPolicy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:111111111111:rule/glue-pipeline-failed" } },
      }),
      { Sid: "DriftCheckPublishes", Effect: "Allow", Principal: { AWS: expect.stringMatching(/^\$\{aws_iam_role\.drift-check_role_\w+\.arn\}$/) }, Action: "sns:Publish", Resource: expect.any(String) },
    ]);
    expect(resourcesOf(three.json, "aws_sns_topic_subscription")).toEqual({});
    const withEmail = synthPipeline((c) => (c.pipeline = { notificationEmail: "data@example.com" }));
    expect(values(withEmail.json, "aws_sns_topic_subscription")).toEqual([
      expect.objectContaining({ protocol: "email", endpoint: "data@example.com" }),
    ]);
  });

  test("no policy allows Action \"*\", and Resource \"*\" only for actions without resource-level permissions", () => {
    const withoutResourceLevel = new Set(ACTIONS_WITHOUT_RESOURCE_LEVEL);
    const withEmail = synthPipeline((c) => (c.pipeline = { notificationEmail: "data@example.com" }));
    for (const { json } of [three, single, withEmail]) {
      for (const { where, policy } of policiesOf(json)) {
        for (const statement of statementsOf(policy)) {
          expect({ where, actions: list(statement.Action).filter((a) => a === "*") }).toEqual({ where, actions: [] });
          // In key policies "*" means the key itself.
          if (where.startsWith("aws_iam_role_policy") && list(statement.Resource).includes("*")) {
            for (const action of list(statement.Action)) expect({ where, action, ok: withoutResourceLevel.has(action) }).toEqual({ where, action, ok: true });
          }
        }
      }
    }
  });

  test("warns that a local backend keeps no state between the pipeline's builds", () => {
    const input = baseConfig();
    input.backend = { type: "local" };
    const stack = new PipelineStack(Testing.app(), "pipeline", { config: loadConfig(writeTempProject(input)) });
    const warnings = stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining("backend.type is local")]);
  });

  test("every provider is pinned with allowed_account_ids", () => {
    for (const { json } of [three, single]) {
      for (const provider of json.provider.aws) expect(provider.allowed_account_ids).toHaveLength(1);
    }
  });

  describe("source", () => {
    test("codecommit: a CodeCommit action, started by an EventBridge rule on pushes to the branch", () => {
      const action = stagesOf(three.json)[0].action[0];
      expect(action).toMatchObject({
        provider: "CodeCommit",
        configuration: { RepositoryName: "glue-repo", BranchName: "main", PollForSourceChanges: "false" },
      });
      expect(three.synthesized).toHaveResourceWithProperties(CloudwatchEventRule, { name: "glue-pipeline-on-push" });
      expect(statementsOf(rolePolicyOf(three.json, "glue-pipeline-codepipeline"))).toContainEqual(
        expect.objectContaining({ Resource: "arn:aws:codecommit:eu-west-1:111111111111:glue-repo" }),
      );
    });

    test("codestar: a connection action with the pipeline's own push trigger, and no CodeCommit rule", () => {
      const connectionArn = "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b2c3d";
      const { json, synthesized } = synthPipeline((c) => {
        c.source = { type: "codestar", connectionArn, repository: "acme/glue-pipelines", branch: "release" };
      });
      expect(stagesOf(json)[0].action[0]).toMatchObject({
        provider: "CodeStarSourceConnection",
        configuration: { ConnectionArn: connectionArn, FullRepositoryId: "acme/glue-pipelines", BranchName: "release" },
      });
      expect(values(json, "aws_codepipeline")[0].trigger).toEqual([
        expect.objectContaining({ provider_type: "CodeStarSourceConnection", git_configuration: expect.objectContaining({ source_action_name: "Source" }) }),
      ]);
      expect(synthesized).not.toHaveResourceWithProperties(CloudwatchEventRule, { name: "glue-pipeline-on-push" });
      expect(statementsOf(rolePolicyOf(json, "glue-pipeline-codepipeline"))).toContainEqual(
        expect.objectContaining({ Action: ["codestar-connections:UseConnection", "codeconnections:UseConnection"], Resource: connectionArn }),
      );
    });
  });

  describe("accounts", () => {
    test("one account: no aliased providers, no deploy roles, no deploy profiles; CodeBuild roles deploy directly", () => {
      expect(single.json.provider.aws).toHaveLength(1);
      expect(values(single.json, "aws_iam_role").map((r) => r.name)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^glue-deploy-/)]));
      const assumed = policiesOf(single.json)
        .filter(({ where }) => where.startsWith("aws_iam_role_policy"))
        .flatMap(({ policy }) => statementsOf(policy).filter((st) => st.Action === "sts:AssumeRole").flatMap((st) => list(st.Resource)));
      // Besides the integration test's role, only the read-only plan roles are assumed: by the planning steps, and by the pipeline's from them.
      const planRole = (name: string) => `arn:aws:iam::111111111111:role/glue-plan-${name}`;
      expect([...new Set(assumed)].sort()).toEqual([planRole("dev"), planRole("pipeline"), planRole("prod"), "arn:aws:iam::111111111111:role/glue-test-dev"]);
      for (const step of ["update-pipeline", "deploy-dev", "deploy-prod"]) {
        expect(commandsOf(single.json, `glue-pipeline-${step}`).join("\n")).not.toMatch(/AWS_PROFILE|\[profile /);
      }
      const deployDev = statementsOf(rolePolicyOf(single.json, "glue-pipeline-deploy-dev"));
      expect(deployDev).toContainEqual(expect.objectContaining({ Sid: "StageJobs", Action: expect.arrayContaining(["glue:CreateJob"]) }));
      // PlanProd holds no right on prod: it plans through the plan roles.
      const planProd = statementsOf(rolePolicyOf(single.json, "glue-pipeline-plan-prod"));
      expect(planProd.map((s) => s.Sid)).not.toContain("StageJobs");
      expect(planProd).toContainEqual({ Sid: "AssumePlanRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: planRole("pipeline") });
    });

    test("three accounts: a deploy role in each stage account, through a pinned provider, trusting only its steps", () => {
      const aliased = three.json.provider.aws.filter((p: Json) => p.alias);
      expect(aliased).toEqual([
        expect.objectContaining({ alias: "dev", allowed_account_ids: ["222222222222"], profile: "glue-dev", region: "eu-west-1" }),
        expect.objectContaining({ alias: "prod", allowed_account_ids: ["333333333333"], profile: "glue-prod", region: "eu-central-1" }),
      ]);
      const role = (name: string) => values(three.json, "aws_iam_role").find((r) => r.name === name)!;
      expect(role("glue-deploy-dev").provider).toBe("aws.dev");
      expect(role("glue-deploy-prod").provider).toBe("aws.prod");
      const trusted = (name: string) => JSON.parse(role(name).assume_role_policy).Statement[0].Condition.ArnEquals["aws:PrincipalArn"];
      const pipelineRole = (name: string) => `arn:aws:iam::111111111111:role/glue-pipeline-${name}`;
      expect(trusted("glue-deploy-dev")).toEqual([pipelineRole("update-pipeline"), pipelineRole("deploy-dev")]);
      expect(trusted("glue-deploy-prod")).toEqual([pipelineRole("update-pipeline"), pipelineRole("deploy-prod")]);
      // cdktf runs as the deploy role through the profile that assumes it.
      expect(commandsOf(three.json, "glue-pipeline-deploy-dev")).toContain("AWS_PROFILE=glue-dev npx cdktf deploy dev-glue --auto-approve --skip-synth");
      expect(commandsOf(three.json, "glue-pipeline-update-pipeline").join("\n")).toContain("role_arn = arn:aws:iam::333333333333:role/glue-deploy-prod");
      expect(statementsOf(rolePolicyOf(three.json, "glue-pipeline-deploy-dev"))).toContainEqual(
        expect.objectContaining({ Action: "sts:AssumeRole", Resource: ["arn:aws:iam::222222222222:role/glue-deploy-dev"] }),
      );
    });

    test("a deployRoleArn in the config is assumed by the stage's provider; the pipeline only may assume it", () => {
      const { json } = synthPipeline((c) => (c.stages.prod.deployRoleArn = "arn:aws:iam::333333333333:role/platform-deployer"));
      // PlanProd's plan set the ephemeral role variable to the plan role; applying it names the deploy role again.
      expect(commandsOf(json, "glue-pipeline-deploy-prod")).toContain(
        "TF_VAR_deploy_role_arn=arn:aws:iam::333333333333:role/platform-deployer terraform -chdir=cdktf.out/stacks/prod-glue apply -input=false approved.tfplan",
      );
      expect(values(json, "aws_iam_role").map((r) => r.name)).not.toContain("glue-deploy-prod");
      expect(json.provider.aws.map((p: Json) => p.alias)).not.toContain("prod");
      const assumers = values(json, "aws_iam_role_policy").filter((p) => p.policy.includes("role/platform-deployer")).map((p) => p.role);
      expect(assumers).toEqual([expect.stringContaining("deploy-prod")]);
    });

    test("a deployRoleArn of another account than the stage's is refused, naming the key and the fix", () => {
      expect(() => synthPipeline((c) => (c.stages.dev.deployRoleArn = "arn:aws:iam::999999999999:role/glue-deploy-dev"))).toThrow(
        /stages\.dev\.deployRoleArn: found a role in account 999999999999, but dev deploys to 222222222222; .*arn:aws:iam::222222222222:role\/glue-deploy-dev/,
      );
    });
  });

  describe("Terraform credentials", () => {
    test("cloud: the HCP token comes from Secrets Manager and never appears in the synthesized JSON", () => {
      const token = "hcp-token.atlasv1.do-not-leak-0123456789";
      process.env.TF_TOKEN_app_terraform_io = token;
      try {
        const { synthesized, json } = synthPipeline((c) => (c.pipeline = { terraformTokenSecret: "team/hcp-token" }));
        expect(synthesized).not.toContain(token);
        for (const name of ["update-pipeline", "deploy-dev", "deploy-prod"]) {
          expect(buildSpecOf(json, `glue-pipeline-${name}`).env["secrets-manager"]).toEqual({ TF_TOKEN_app_terraform_io: "team/hcp-token" });
          expect(statementsOf(rolePolicyOf(json, `glue-pipeline-${name}`))).toContainEqual(
            expect.objectContaining({
              Action: "secretsmanager:GetSecretValue",
              Resource: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:team/hcp-token-??????",
            }),
          );
        }
        // The planning steps (they run a pull request's code) never hold it: they read the plan token as the pipeline's plan role.
        for (const name of ["build", "integ-test", "plan-prod", "pr-check"]) expect(buildSpecOf(json, `glue-pipeline-${name}`).env["secrets-manager"]).toBeUndefined();
        for (const name of ["plan-prod", "pr-check"]) {
          expect(JSON.stringify(rolePolicyOf(json, `glue-pipeline-${name}`))).not.toContain("secretsmanager");
          expect(commandsOf(json, `glue-pipeline-${name}`)).toContain(
            'TF_TOKEN_app_terraform_io="$(aws secretsmanager get-secret-value --profile glue-plan-pipeline --secret-id team/hcp-token --query SecretString --output text)" && export TF_TOKEN_app_terraform_io',
          );
        }
        expect(statementsOf(rolePolicyOf(json, "glue-plan-pipeline"))).toContainEqual(
          expect.objectContaining({ Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:team/hcp-token-??????" }),
        );
      } finally {
        delete process.env.TF_TOKEN_app_terraform_io;
      }
    });

    test("s3: each step reaches only its own stack's state object and lock", () => {
      const { json, synthesized } = synthPipeline((c) => {
        oneAccount(c);
        c.backend = { type: "s3", bucket: "acme-state", region: "eu-west-1", keyPrefix: "glue" };
      });
      expect(synthesized).not.toContain("secrets-manager");
      const resources = (role: string) => statementsOf(rolePolicyOf(json, role)).flatMap((s) => list(s.Resource)).filter((r) => r.includes("acme-state/"));
      expect(resources("glue-pipeline-deploy-dev").sort()).toEqual([
        "arn:aws:s3:::acme-state/glue/dev-glue/terraform.tfstate",
        "arn:aws:s3:::acme-state/glue/dev-glue/terraform.tfstate.tflock",
      ]);
      expect(resources("glue-pipeline-update-pipeline")).toContain("arn:aws:s3:::acme-state/glue/pipeline/terraform.tfstate");
      expect(resources("glue-pipeline-build")).toEqual([]);
      // Listing: its own path, and the workspaces `terraform init` looks for under env:/ (exactly that prefix).
      const listing = statementsOf(rolePolicyOf(json, "glue-pipeline-deploy-dev")).find((s) => s.Sid === "ListState");
      expect(listing).toMatchObject({ Action: "s3:ListBucket", Resource: "arn:aws:s3:::acme-state", Condition: { StringLike: { "s3:prefix": ["glue/dev-glue/*", "env:/"] } } });
    });
  });

  describe("deploy rights cover what the stacks create", () => {
    test("every resource type of dev-glue and prod-glue, with IAM names inside the deploy scope", () => {
      const file = writeTempProject(baseConfig());
      for (const stage of ["dev", "prod"] as const) {
        const { json, config } = synthGlueStack(file, stage);
        const rows = glueStageRows(stage, config.stages[stage].account);
        expect(Object.keys(json.resource).filter((type) => !coveredTypes(rows).has(type))).toEqual([]);
        const roleScopes = rows.find((r) => r.sid === "StageRoles")!.resources.map((arn) => new RegExp(`^${arn.split("/").pop()!.replace("*", ".*")}$`));
        for (const role of values(json, "aws_iam_role")) expect(roleScopes.some((scope) => scope.test(role.name))).toBe(true);
        expect(rows.find((r) => r.sid === "StageJobs")!.resources[0]).toMatch(new RegExp(`:job/${stage}-\\*$`));
        for (const job of values(json, "aws_glue_job")) expect(job.name.startsWith(`${stage}-`)).toBe(true);
      }
    });

    test.each([
      ["three accounts", three],
      ["one account", single],
    ])("every resource type the pipeline stack creates in its own account (%s)", (_name, synthesized) => {
      const rows = pipelineStackRows({
        account: synthesized.config.pipelineAccount,
        artifactBucket: "glue-pipeline-artifacts-111111111111-eu-west-1",
        source: synthesized.config.source,
        localDeployRoles: [],
      });
      const own = Object.entries(synthesized.json.resource).filter(([, byId]: [string, any]) =>
        Object.values(byId).some((r: any) => r.provider === undefined),
      );
      expect(own.map(([type]) => type).filter((type) => !coveredTypes(rows).has(type))).toEqual([]);
    });
  });

  describe("role boundaries", () => {
    const boundaryArn = (account: string, stage: string) => `arn:aws:iam::${account}:policy/glue-${stage}-role-boundary`;
    const boundaries = (json: Json) => values(json, "aws_iam_policy").filter((p) => /^glue-(dev|prod)-role-boundary$/.test(p.name));
    const actionsOf = (statements: Json[]) => statements.flatMap((s) => list(s.Action));

    test("each stage's boundary lives in the stage's account, through its provider when that is another account", () => {
      expect(boundaries(three.json).map((p) => [p.name, p.provider])).toEqual([
        ["glue-dev-role-boundary", "aws.dev"],
        ["glue-prod-role-boundary", "aws.prod"],
      ]);
      expect(boundaries(single.json).map((p) => [p.name, p.provider])).toEqual([
        ["glue-dev-role-boundary", undefined],
        ["glue-prod-role-boundary", undefined],
      ]);
      const document = JSON.parse(boundaries(three.json)[0].policy);
      expect(actionsOf(document.Statement)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^iam:|^sts:/)]));
    });

    test("a deploy role creates and changes stage roles only while they carry the boundary, and never removes it", () => {
      const deployDev = statementsOf(rolePolicyOf(three.json, "glue-deploy-dev"));
      expect(deployDev).toContainEqual(
        expect.objectContaining({
          Sid: "StageRolesWithinBoundary",
          Action: ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary"],
          Condition: { StringEquals: { "iam:PermissionsBoundary": boundaryArn("222222222222", "dev") } },
        }),
      );
      const unconditioned = deployDev.filter((s) => s.Effect === "Allow" && !s.Condition);
      expect(actionsOf(unconditioned)).not.toEqual(expect.arrayContaining(["iam:CreateRole"]));
      expect(actionsOf(deployDev)).not.toEqual(
        expect.arrayContaining(["iam:DeleteRolePermissionsBoundary", "iam:CreatePolicyVersion", "iam:AttachRolePolicy"]),
      );
      expect(deployDev).toContainEqual(
        expect.objectContaining({ Sid: "ReadRoleBoundary", Resource: boundaryArn("222222222222", "dev"), Action: expect.not.arrayContaining(["iam:CreatePolicyVersion"]) }),
      );
    });

    test("in one account, the deploy steps are bounded the same way and only UpdatePipeline may change a boundary", () => {
      for (const step of ["glue-pipeline-deploy-dev", "glue-pipeline-deploy-prod"]) {
        const statements = statementsOf(rolePolicyOf(single.json, step));
        expect(statements).toContainEqual(expect.objectContaining({ Sid: "StageRolesWithinBoundary" }));
        expect(actionsOf(statements)).not.toEqual(expect.arrayContaining(["iam:CreatePolicyVersion"]));
      }
      expect(statementsOf(rolePolicyOf(single.json, "glue-pipeline-update-pipeline"))).toContainEqual(
        expect.objectContaining({ Sid: "RoleBoundaries", Resource: "arn:aws:iam::111111111111:policy/glue-*-role-boundary" }),
      );
    });

    test("roleBoundary: false leaves a stage unbounded, as a config choice", () => {
      const { json } = synthPipeline((c) => (c.stages.dev.roleBoundary = false));
      expect(boundaries(json).map((p) => p.name)).toEqual(["glue-prod-role-boundary"]);
      expect(statementsOf(rolePolicyOf(json, "glue-deploy-dev")).map((s) => s.Sid)).not.toContain("StageRolesWithinBoundary");
    });
  });

  test("no policy repeats a Sid: a step's own statements and its rights may not share one (IAM refuses it)", () => {
    for (const json of [three.json, single.json]) {
      for (const { where, policy } of policiesOf(json)) {
        const sids = statementsOf(policy).map((s) => s.Sid).filter(Boolean);
        expect({ where, sids }).toEqual({ where, sids: [...new Set(sids)] });
      }
    }
    const stack = new TerraformStack(Testing.app(), "steps");
    const scope = { partition: "aws", region: "eu-west-1", accountId: "111111111111" };
    const artifacts = new ArtifactStore(stack, "artifacts", { bucketName: "artifacts-111111111111-eu-west-1", ...scope });
    const spec = {
      id: "check",
      stage: "Check",
      description: "checks",
      computeType: "BUILD_GENERAL1_SMALL" as const,
      timeoutMinutes: 5,
      input: "source",
      buildSpec: { runtimes: {}, build: ["true"] },
      statements: [{ Sid: "ArtifactKey", Effect: "Allow" as const, Action: "kms:Decrypt", Resource: "*" }],
    };
    expect(() => new CodeBuildStep(stack, "check", { spec, artifacts, ...scope })).toThrow(
      'CodeBuildStep check: two statements of its role\'s policy have Sid "ArtifactKey", which IAM refuses; rename one',
    );
    const row = { sid: "Same", types: [], resources: ["arn:aws:s3:::b"], read: ["s3:GetObject"], write: [] };
    expect(() => statementsOfRows([row, row], "read")).toThrow('permission rows: Sid "Same" is used by two rows');
  });

  test("the buildspec builder refuses Terraform template syntax and empty builds, and says why", () => {
    expect(() => buildSpec({ runtimes: {}, build: ["echo ${HOME}"] })).toThrow(/write shell variables as \$NAME/);
    expect(() => buildSpec({ runtimes: {}, build: [] })).toThrow(/`build` needs at least one command/);
    expect(parse(buildSpec({ runtimes: { nodejs: "20" }, build: ["echo $HOME"] }))).toEqual({
      version: "0.2",
      env: { shell: "bash" },
      phases: { install: { "runtime-versions": { nodejs: "20" } }, build: { commands: ["echo $HOME"] } },
    });
  });
});
