/** The scheduled drift check: its project, its commands (run in bash against stand-ins), its role, its schedule and its notices. */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { parse } from "yaml";
import { type Json, projectNamed as project, synthPipelineJson as synth, valuesOf as values } from "./helpers/pipeline-json";

const roleId = (json: Json, roleName: string) => Object.entries<Json>(json.resource.aws_iam_role).find(([, r]) => r.name === roleName)?.[0];
const policyOf = (json: Json, roleName: string) =>
  JSON.parse(values(json, "aws_iam_role_policy").find((p) => p.role === `\${aws_iam_role.${roleId(json, roleName)}.name}`)!.policy);
const TOPIC = "arn:aws:sns:eu-west-1:111111111111:glue-pipeline-failures";

describe("glue-pipeline-drift-check", () => {
  const json = synth();
  const check = project(json, "glue-pipeline-drift-check")!;
  const spec = parse(check.source.buildspec);

  test("checks out the pipeline's branch itself, keeps no artifact, and is no stage of the pipeline", () => {
    expect(check.source).toMatchObject({ type: "CODECOMMIT", location: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/glue-repo" });
    expect(check.source_version).toBe("main");
    expect(check.artifacts).toEqual({ type: "NO_ARTIFACTS" });
    expect(JSON.stringify(values(json, "aws_codepipeline")[0].stage)).not.toContain("drift-check");
  });

  test("synthesizes, then checks every stack through the plan roles, writing its notice to drift/", () => {
    const install: string[] = spec.phases.install.commands;
    expect(install.some((c) => c.includes("terraform version"))).toBe(true);
    expect(install.some((c) => c.startsWith("npm ci"))).toBe(true);
    expect(install.some((c) => c.includes("[profile glue-plan-pipeline]") && c.includes("[profile glue-dev]") && c.includes("[profile glue-prod]"))).toBe(true);
    const build: string[] = spec.phases.build.commands;
    expect(build[1]).toBe("npx cdktf synth");
    expect(build.at(-1)).toContain("npm run --silent drift -- --skip-synth --plan-roles --out drift");
    // The cloud backend's token is read as the plan role, never by the build's own role.
    expect(build.some((c) => c.includes("aws secretsmanager get-secret-value --profile glue-plan-pipeline"))).toBe(true);
  });

  test("its role may read its source, publish to the notice topic and assume the pipeline's plan role: nothing else", () => {
    const statements = policyOf(json, "glue-pipeline-drift-check").Statement;
    expect(statements.map((s: Json) => s.Sid)).toEqual(["Logs", "Cache", "ReadArtifactBucketAclAndLocation", "ArtifactKey", "AssumePlanRole", "Pull", "PublishNotice", "EncryptNotice"]);
    expect(statements.find((s: Json) => s.Sid === "Pull")).toMatchObject({ Action: "codecommit:GitPull", Resource: "arn:aws:codecommit:eu-west-1:111111111111:glue-repo" });
    expect(statements.find((s: Json) => s.Sid === "PublishNotice")).toMatchObject({ Action: "sns:Publish", Resource: TOPIC });
    expect(statements.find((s: Json) => s.Sid === "EncryptNotice").Resource).toMatch(/^\$\{aws_kms_key\.failure-notice_key_\w+\.arn\}$/);
  });

  test("the pipeline's plan role trusts it, and the notice topic lets it publish", () => {
    const trust = JSON.parse(values(json, "aws_iam_role").find((r) => r.name === "glue-plan-pipeline")!.assume_role_policy);
    expect(trust.Statement[0].Condition.ArnEquals["aws:PrincipalArn"]).toContain("arn:aws:iam::111111111111:role/glue-pipeline-drift-check");
    const topicPolicy = JSON.parse(values(json, "aws_sns_topic_policy")[0].policy);
    expect(topicPolicy.Statement.find((s: Json) => s.Sid === "DriftCheckPublishes").Principal).toEqual({ AWS: `\${aws_iam_role.${roleId(json, "glue-pipeline-drift-check")}.arn}` });
  });

  test("an EventBridge schedule starts it, every day at 06:00 UTC by default, through a role that may start only it", () => {
    const rule = values(json, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-pipeline-drift-check")!;
    expect(rule.schedule_expression).toBe("cron(0 6 * * ? *)");
    expect(rule.event_pattern).toBeUndefined();
    const target = values(json, "aws_cloudwatch_event_target").find((t) => t.target_id === "drift-check")!;
    expect(target.arn).toMatch(/^\$\{aws_codebuild_project\.drift-check_project_\w+\.arn\}$/);
    expect(target.role_arn).toBe(`\${aws_iam_role.${roleId(json, "glue-pipeline-drift-check-start")}.arn}`);
    expect(policyOf(json, "glue-pipeline-drift-check-start").Statement).toEqual([{ Effect: "Allow", Action: "codebuild:StartBuild", Resource: target.arn }]);
  });

  test("the schedule comes from pipeline.driftCheck.schedule", () => {
    const hourly = synth((c) => (c.pipeline = { driftCheck: { schedule: "rate(12 hours)" } }));
    expect(values(hourly, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-pipeline-drift-check")!.schedule_expression).toBe("rate(12 hours)");
  });

  test("a CodeStar source checks out the branch through the connection and reports no commit status", () => {
    const codestar = synth((c) => {
      c.source = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b", repository: "acme/glue", branch: "release" };
    });
    const source = project(codestar, "glue-pipeline-drift-check")!;
    expect(source.source).toMatchObject({ type: "GITHUB", location: "https://github.com/acme/glue.git", auth: { type: "CODECONNECTIONS" } });
    expect(source.source.report_build_status).toBeUndefined();
    expect(source.source_version).toBe("release");
  });

  test("enabled: false leaves no project, schedule, publisher or trust behind", () => {
    const off = synth((c) => (c.pipeline = { driftCheck: { enabled: false } }));
    expect(JSON.stringify(off)).not.toContain("drift-check");
    expect(JSON.stringify(off)).not.toContain("DriftCheck");
  });
});

/**
 * The build and post_build commands as written, in bash, with `npm` standing in for `npm run drift` (its exit
 * status and files) and `aws` recording what it is asked to publish.
 */
describe("the drift check's commands", () => {
  const spec = parse(project(synth((c) => (c.backend = { type: "local" })), "glue-pipeline-drift-check")!.source.buildspec);
  const build: string[] = spec.phases.build.commands.filter((c: string) => c !== "npx cdktf synth");
  const postBuild: string[] = spec.phases.post_build.commands;

  function run(driftExit: number | "crash"): { buildStatus: number; published?: string } {
    const dir = mkdtempSync(join(tmpdir(), "drift-check-"));
    const bin = join(dir, "bin");
    mkdirSync(bin);
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    // A crash: the check dies before it writes anything. Otherwise it writes its notice as npm run drift --out does.
    stub(
      "npm",
      driftExit === "crash"
        ? "exit 1"
        : `echo "glue-pipeline: drift in dev-glue" > drift/subject.txt; echo "dev-glue: 1 resource(s) drifted" > drift/notice.txt; exit ${driftExit}`,
    );
    stub("aws", `printf '%s\\n' "$@" > "${dir}/published"; cat "$(echo "$@" | sed -n 's/.*file:\\/\\/\\([^ ]*\\).*/\\1/p')" >> "${dir}/published"`);
    const env = { PATH: [bin, "/usr/bin", "/bin"].join(delimiter), CODEBUILD_BUILD_URL: "https://console.example/build/1" };
    const shell = (commands: string[]) => {
      try {
        execFileSync("bash", ["-e", "-c", commands.join("\n")], { cwd: dir, env, stdio: "pipe" });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    const buildStatus = shell(build);
    shell(postBuild);
    const published = join(dir, "published");
    return { buildStatus, published: existsSync(published) ? readFileSync(published, "utf8") : undefined };
  }

  test("no drift: the build passes and nothing is published", () => {
    expect(run(0)).toEqual({ buildStatus: 0, published: undefined });
  });

  test("drift: the build passes and the notice is published to the pipeline's topic, with the build's log", () => {
    const { buildStatus, published } = run(2);
    expect(buildStatus).toBe(0);
    expect(published).toContain(`sns\npublish\n--topic-arn\n${TOPIC}\n--subject\nglue-pipeline: drift in dev-glue\n`);
    expect(published).toContain("dev-glue: 1 resource(s) drifted");
    expect(published).toContain("Log of the check: https://console.example/build/1");
  });

  test("an error that wrote no notice: the build fails and an error notice of its own is published", () => {
    const { buildStatus, published } = run("crash");
    expect(buildStatus).not.toBe(0);
    expect(published).toContain("--subject\nglue-pipeline: the drift check failed\n");
    expect(published).toContain("The drift check failed before it could plan the stacks.");
  });
});
