/** The config of the pull-request check and the read-only plans: pullRequests, source.provider, pipeline.terraformPlanTokenSecret. */
import { ConfigError, loadConfig } from "../stacks/config";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

function load(change: (c: Record<string, any>) => void = () => {}) {
  const config = baseConfig();
  change(config);
  return loadConfig(writeTempProject(config));
}

function problemAt(change: (c: Record<string, any>) => void, keyPath: string): string {
  try {
    load(change);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems.find((p) => p.path === keyPath);
    if (!problem) throw new Error(`no problem at ${keyPath} in:\n${(error as Error).message}`);
    return problem.message;
  }
  throw new Error(`the config loaded; expected a problem at ${keyPath}`);
}

const codestar = { type: "codestar", connectionArn: "arn:aws:codeconnections:eu-west-1:111111111111:connection/0a1b", repository: "acme/glue", branch: "release" };

describe("pullRequests", () => {
  test("is on by default, for pull requests into the source branch", () => {
    expect(load().pullRequests).toEqual({ enabled: true, targetBranch: "main" });
    expect(load((c) => (c.source = codestar)).pullRequests).toEqual({ enabled: true, targetBranch: "release" });
  });

  test("can be turned off, or pointed at another branch", () => {
    expect(load((c) => (c.pullRequests = { enabled: false })).pullRequests.enabled).toBe(false);
    expect(load((c) => (c.pullRequests = { targetBranch: "develop" })).pullRequests).toEqual({ enabled: true, targetBranch: "develop" });
  });

  test("refuses what is not a boolean, a branch name or a known key, saying what was found and what is expected", () => {
    expect(problemAt((c) => (c.pullRequests = { enabled: "yes" }), "pullRequests.enabled")).toBe(
      'found "yes" (YAML 1.2 reads yes, no, on and off as text); expected true or false for enabled, for example true',
    );
    expect(problemAt((c) => (c.pullRequests = { targetBranch: "feature..x" }), "pullRequests.targetBranch")).toMatch(/^found "feature\.\.x" \(.+\); expected a git branch name, for example main$/);
    expect(problemAt((c) => (c.pullRequests = { targetBranc: "main" }), "pullRequests")).toBe(
      'unknown key "targetBranc" (did you mean "targetBranch"?); allowed keys: enabled, targetBranch',
    );
    expect(problemAt((c) => (c.pullRequests = true), "pullRequests")).toBe(
      "found the boolean true; expected pull-request check settings (enabled, targetBranch), for example enabled: true",
    );
  });
});

describe("source.provider", () => {
  test("a codestar source is on GitHub unless it says otherwise", () => {
    expect(load((c) => (c.source = codestar)).source).toMatchObject({ type: "codestar", provider: "github" });
    expect(load((c) => (c.source = { ...codestar, provider: "gitlab" })).source).toMatchObject({ provider: "gitlab" });
  });

  test("is one of github, gitlab, bitbucket, and only for a codestar source", () => {
    expect(problemAt((c) => (c.source = { ...codestar, provider: "githb" }), "source.provider")).toBe(
      '"githb" is not a known source provider (did you mean "github"?); expected one of: github, gitlab, bitbucket',
    );
    expect(problemAt((c) => (c.source.provider = "github"), "source")).toMatch(/^unknown key "provider"; allowed keys: type, repositoryName, branch$/);
  });
});

describe("pipeline.terraformPlanTokenSecret", () => {
  test("defaults to the token the deploys use, and may name a read-only one", () => {
    expect(load().pipeline.terraformPlanTokenSecret).toBe("glue-cdktf/terraform-token");
    expect(load((c) => (c.pipeline = { terraformTokenSecret: "team/deploy" })).pipeline.terraformPlanTokenSecret).toBe("team/deploy");
    expect(load((c) => (c.pipeline = { terraformPlanTokenSecret: "team/read" })).pipeline).toMatchObject({
      terraformTokenSecret: "glue-cdktf/terraform-token",
      terraformPlanTokenSecret: "team/read",
    });
  });

  test("is a secret name", () => {
    expect(problemAt((c) => (c.pipeline = { terraformPlanTokenSecret: "no spaces" }), "pipeline.terraformPlanTokenSecret")).toBe(
      'found "no spaces"; expected a Secrets Manager secret name (letters, digits and / _ + = . @ -), for example glue-cdktf/terraform-plan-token',
    );
  });
});
