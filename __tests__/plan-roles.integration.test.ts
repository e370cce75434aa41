/**
 * The read-only plan roles: no write action in their policies (the guard, against AWS's access levels),
 * only the state objects (never a lock), who may assume them, and where they live.
 */
import { Testing } from "../stacks/cdktf";
import { loadConfig } from "../stacks/config";
import { PipelineStack } from "../stacks/pipeline-stack";
import { DATA_READ_ACTIONS, planReadStatements } from "../stacks/pipeline/permissions/plan-read";
import { acceptanceConfigFiles } from "../testkit/acceptance-configs";
import { readOnlyProblems } from "./helpers/read-only-guard";
import { synthApp } from "../testkit/synth-app";
import { baseConfig, writeTempProject } from "../testkit/temp-project";
import { projectActionCatalog } from "./acceptance/project-catalog";

type Json = Record<string, any>;

const oneAccount = (c: Json) => {
  for (const key of ["pipelineAccount", "devAccount", "prodAccount"]) c[key] = { awsAccountId: "111111111111", awsRegion: "eu-west-1" };
};
function configFile(edit: (c: Json) => void): string {
  const config = baseConfig();
  edit(config);
  return writeTempProject(config);
}

const CONFIGS: Record<string, string> = {
  ...acceptanceConfigFiles(),
  "one account": configFile(oneAccount),
  "one account, s3 state with a KMS key": configFile((c) => {
    oneAccount(c);
    c.backend = { type: "s3", bucket: "acme-state", region: "eu-west-1", keyPrefix: "glue", kmsKeyId: "arn:aws:kms:eu-west-1:111111111111:key/0a1b" };
  }),
  "three accounts, s3 state": configFile((c) => (c.backend = { type: "s3", bucket: "acme-state", region: "eu-west-1" })),
};

const values = (json: Json, type: string): Json[] => Object.values(json.resource?.[type] ?? {});
const list = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as string]);

/** Each plan role of a synthesized pipeline stack: its name, trust, policy and provider. */
function planRoles(json: Json) {
  return Object.entries<Json>(json.resource.aws_iam_role)
    .filter(([, role]) => role.name.startsWith("glue-plan-"))
    .map(([id, role]) => {
      const policies = values(json, "aws_iam_role_policy").filter((p) => p.role === `\${aws_iam_role.${id}.name}`);
      return { name: role.name as string, provider: role.provider as string | undefined, trust: JSON.parse(role.assume_role_policy), policies: policies.map((p) => JSON.parse(p.policy)) };
    });
}

describe.each(Object.entries(CONFIGS))("plan roles with %s", (_name, file) => {
  const config = loadConfig(file);
  const pipeline = synthApp(file).pipeline;
  const roles = planRoles(pipeline);
  const backend = config.backend;
  const scope = backend.type === "s3" ? { stateRoleArn: backend.roleArn, stateKeyArn: backend.roleArn ? undefined : backend.kmsKeyId } : {};

  test("the read-only guard: every allowed action is a Read or List action of AWS's reference, or a harmless exception", () => {
    expect(roles.length).toBeGreaterThanOrEqual(2);
    for (const role of roles) {
      expect(role.policies).toHaveLength(1);
      expect({ role: role.name, problems: readOnlyProblems(role.policies[0], projectActionCatalog(), scope) }).toEqual({ role: role.name, problems: [] });
    }
  });

  test("they read state objects only, never a lock, and never data they do not manage", () => {
    for (const role of roles) {
      const resources = role.policies.flatMap((p) => p.Statement.flatMap((s: Json) => list(s.Resource)));
      expect(resources.filter((r) => r.endsWith(".tflock"))).toEqual([]);
      // Objects: only the stage buckets' scripts and libraries (whose metadata refresh reads); no bucket's objects at large.
      expect(resources.filter((r) => /^arn:aws:s3:::[^/]+\/\*$/.test(r))).toEqual([]);
      const actions = role.policies.flatMap((p) => p.Statement.flatMap((s: Json) => list(s.Action)));
      expect(actions.filter((a) => DATA_READ_ACTIONS.has(a) && !(backend.type === "s3" && backend.kmsKeyId && !backend.roleArn))).toEqual([]);
    }
  });

  test("the pipeline's plan role is assumed only by the planning steps; each stage's only by it", () => {
    const trusted = (name: string) => roles.find((r) => r.name === name)!.trust.Statement[0].Condition.ArnEquals["aws:PrincipalArn"];
    const pipelineRole = (name: string) => `arn:aws:iam::${config.pipelineAccount.awsAccountId}:role/${name}`;
    expect(trusted("glue-plan-pipeline")).toEqual([
      pipelineRole("glue-pipeline-plan-prod"),
      ...(config.pullRequests.enabled ? [pipelineRole("glue-pipeline-pr-check")] : []),
      ...(config.pipeline.driftCheck.enabled ? [pipelineRole("glue-pipeline-drift-check")] : []),
    ]);
    for (const role of roles.filter((r) => r.name !== "glue-plan-pipeline")) expect(trusted(role.name)).toEqual([pipelineRole("glue-plan-pipeline")]);
  });
});

describe("where the plan roles live", () => {
  test("one per stage account, through the provider pinned to it, plus the pipeline's own", () => {
    const roles = planRoles(synthApp(configFile(() => {})).pipeline);
    expect(roles.map((r) => [r.name, r.provider])).toEqual([
      ["glue-plan-dev", "aws.dev"],
      ["glue-plan-pipeline", undefined],
      ["glue-plan-prod", "aws.prod"],
    ]);
  });

  test("in one account, all three in it; UpdatePipeline manages them there, as it does the boundary", () => {
    const json = synthApp(configFile(oneAccount)).pipeline;
    expect(planRoles(json).map((r) => [r.name, r.provider])).toEqual([
      ["glue-plan-dev", undefined],
      ["glue-plan-pipeline", undefined],
      ["glue-plan-prod", undefined],
    ]);
    const update = values(json, "aws_iam_role_policy").find((p) => p.role.includes("update-pipeline"))!;
    const roles = JSON.parse(update.policy).Statement.find((s: Json) => s.Sid === "Roles");
    expect(roles.Resource).toEqual(expect.arrayContaining(["arn:aws:iam::111111111111:role/glue-plan-pipeline", "arn:aws:iam::111111111111:role/glue-plan-dev"]));
  });

  test("in another account, the deploy role may read the plan role but not change it", () => {
    const json = synthApp(configFile(() => {})).pipeline;
    const deployDev = values(json, "aws_iam_role_policy").find((p) => p.name === "deploy-stage" && p.provider === "aws.dev")!;
    expect(JSON.parse(deployDev.policy).Statement).toContainEqual({
      Sid: "ReadPlanRole",
      Effect: "Allow",
      Action: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
      Resource: "arn:aws:iam::222222222222:role/glue-plan-dev",
    });
  });

  test("a stage whose own deploy role is in an account the pipeline does not reach gets a warning, not a role", () => {
    const input = baseConfig();
    input.stages.prod.deployRoleArn = "arn:aws:iam::333333333333:role/platform-deployer";
    const stack = new PipelineStack(Testing.app(), "pipeline", { config: loadConfig(writeTempProject(input)) });
    const json = JSON.parse(Testing.synth(stack));
    expect(planRoles(json).map((r) => r.name)).toEqual(["glue-plan-dev", "glue-plan-pipeline"]);
    const warnings = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data)));
    expect(warnings).toEqual([expect.stringMatching(/^stages\.prod\.deployRoleArn names a role of account 333333333333 .* create glue-plan-prod there either/)]);
  });
});

describe("planReadStatements", () => {
  const row = { sid: "Bucket", types: [], resources: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], read: ["s3:Get*", "kms:Decrypt"], write: ["s3:*"] };

  test("takes the rows' read actions only, without those that read data", () => {
    expect(planReadStatements([row], { b: ["scripts/"] })).toEqual([
      { Sid: "Bucket", Effect: "Allow", Action: ["s3:Get*"], Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/scripts/*"] },
    ]);
  });

  test("keeps no object of a bucket where the stack manages none, and no row left without resources", () => {
    expect(planReadStatements([row])).toEqual([{ Sid: "Bucket", Effect: "Allow", Action: ["s3:Get*"], Resource: "arn:aws:s3:::b" }]);
    expect(planReadStatements([{ ...row, resources: ["arn:aws:s3:::b/*"] }])).toEqual([]);
  });
});

describe("the guard itself", () => {
  const catalog = projectActionCatalog();
  const policy = (...statements: Json[]) => ({ Version: "2012-10-17", Statement: statements });

  test("finds a write, a wildcard reaching writes, a read-named action of another level, and exceptions out of scope", () => {
    const problems = readOnlyProblems(
      policy(
        { Sid: "A", Effect: "Allow", Action: "s3:PutObject", Resource: "*" },
        { Sid: "B", Effect: "Allow", Action: "glue:*", Resource: "*" },
        { Sid: "C", Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:eu-west-1:111111111111:key/other" },
        { Sid: "D", Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::111111111111:role/glue-deploy-dev" },
        { Sid: "E", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" },
        { Sid: "F", Effect: "Deny", Action: "s3:*", Resource: "*" },
      ),
      catalog,
      { stateKeyArn: "arn:aws:kms:eu-west-1:111111111111:key/state" },
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        "statement A: s3:PutObject is not named as a read",
        "statement A: s3:PutObject allows s3:putobject, whose access level is Write",
        "statement B: glue:* is not named as a read",
        expect.stringMatching(/^statement B: glue:\* allows glue:createjob, whose access level is Write$/),
        "statement C: kms:Decrypt is allowed only decrypts the state the plan reads; not on arn:aws:kms:eu-west-1:111111111111:key/other",
        expect.stringMatching(/^statement D: sts:AssumeRole is allowed only assumes another plan role .*; not on arn:aws:iam::111111111111:role\/glue-deploy-dev$/),
      ]),
    );
    // GetSecretValue is a Read: the HCP token is what a plan reads state with.
    expect(problems.filter((p) => p.startsWith("statement E") || p.startsWith("statement F"))).toEqual([]);
  });
});
