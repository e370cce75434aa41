/** Guards that hold for every stack of the app, whatever the config: the careful platform team's checklist. */
import { STAGE_NAMES } from "../stacks/constants/glue";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL } from "../stacks/iam/actions-without-resource-level";
import { roleBoundaryName } from "../stacks/names";
import { allResources, synthApp } from "../testkit/synth-app";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

const POLICY_ATTRIBUTES = ["policy", "assume_role_policy"];
/** Permissions boundaries grant nothing: they cap what a role's own policies may grant, so '*' is their point. */
const BOUNDARY_NAMES = STAGE_NAMES.map(roleBoundaryName);

/** Every IAM policy document in a stack: [where, kind, parsed document]; kind is the resource type or "boundary". */
function policyDocuments(json: Record<string, any>): [string, string, any][] {
  const documents: [string, string, any][] = [];
  for (const [type, id, block] of allResources(json)) {
    const kind = type === "aws_iam_policy" && BOUNDARY_NAMES.includes(block.name) ? "boundary" : type;
    for (const attribute of POLICY_ATTRIBUTES) {
      if (typeof block[attribute] === "string") documents.push([`${type}.${id}.${attribute}`, kind, JSON.parse(block[attribute])]);
    }
  }
  return documents;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as string]);

const configs = {
  "three accounts, cloud backend": baseConfig(),
  "one account, s3 backend": (() => {
    const c = baseConfig();
    c.devAccount = c.prodAccount = c.pipelineAccount;
    c.backend = { type: "s3", bucket: "tf-state", region: "eu-west-1" };
    return c;
  })(),
};

describe.each(Object.entries(configs))("with %s", (_name, config) => {
  const stacks = synthApp(writeTempProject(config));
  const each = Object.entries(stacks);

  test("every stack is synthesized", () => {
    expect(Object.keys(stacks)).toEqual(expect.arrayContaining(["dev-glue", "prod-glue"]));
  });

  test.each(each)("%s: every AWS provider is pinned to its account", (_stack, json) => {
    const providers = json.provider?.aws ?? [];
    expect(providers.length).toBeGreaterThan(0);
    for (const provider of providers) expect(provider.allowed_account_ids).toEqual([expect.stringMatching(/^\d{12}$/)]);
  });

  test.each(each)("%s: no policy grants every action, and '*' resources are only for actions that cannot be scoped", (_stack, json) => {
    const documents = policyDocuments(json);
    expect(documents.length).toBeGreaterThan(0);
    for (const [where, type, document] of documents) {
      for (const statement of asList(document.Statement) as any[]) {
        const actions = asList(statement.Action);
        expect({ where, actions }).toEqual({ where, actions: expect.not.arrayContaining(["*"]) });
        expect(statement.NotAction).toBeUndefined();
        const wildcardResource = asList(statement.Resource).includes("*");
        // In a key policy, "*" means the key itself.
        if (statement.Effect === "Allow" && wildcardResource && type !== "aws_kms_key" && type !== "boundary") {
          const unscoped = actions.filter((action) => !ACTIONS_WITHOUT_RESOURCE_LEVEL.includes(action));
          expect({ where, unscoped }).toEqual({ where, unscoped: [] });
        }
      }
    }
  });

  test.each(each)("%s: every bucket is versioned, encrypted, private and TLS-only", (_stack, json) => {
    const buckets = allResources(json).filter(([type]) => type === "aws_s3_bucket");
    const configsOf = (type: string, id: string) =>
      allResources(json).filter(([t, , block]) => t === type && block.bucket === `\${aws_s3_bucket.${id}.id}`).map(([, , b]) => b);
    for (const [, id] of buckets) {
      expect(configsOf("aws_s3_bucket_versioning", id)).toEqual([expect.objectContaining({ versioning_configuration: { status: "Enabled" } })]);
      const [encryption] = configsOf("aws_s3_bucket_server_side_encryption_configuration", id);
      expect(encryption.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("aws:kms");
      expect(configsOf("aws_s3_bucket_public_access_block", id)).toEqual([
        expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
      ]);
      const [policy] = configsOf("aws_s3_bucket_policy", id);
      expect(JSON.parse(policy.policy).Statement).toContainEqual(
        expect.objectContaining({ Effect: "Deny", Principal: "*", Condition: { Bool: { "aws:SecureTransport": false } } }),
      );
    }
  });

  test.each(each)("%s: state is encrypted, and S3 state is locked", (_stack, json) => {
    const { backend, cloud } = json.terraform;
    if (cloud) {
      expect(cloud.organization).toBe("acme"); // HCP Terraform encrypts state at rest and locks runs itself
    } else {
      expect(backend.s3).toEqual(expect.objectContaining({ encrypt: true, use_lockfile: true }));
    }
  });

  test("every role of a Glue stage carries the stage's boundary, which the pipeline stack creates", () => {
    for (const stage of STAGE_NAMES) {
      const roles = allResources(stacks[`${stage}-glue`]).filter(([type]) => type === "aws_iam_role");
      expect(roles.length).toBeGreaterThan(0);
      for (const [, , role] of roles) expect(role.permissions_boundary).toMatch(new RegExp(`:policy/${roleBoundaryName(stage)}$`));
      const boundaries = allResources(stacks.pipeline).filter(([type, , b]) => type === "aws_iam_policy" && b.name === roleBoundaryName(stage));
      expect(boundaries).toHaveLength(1);
    }
  });

  test("prod jobs run on STANDARD capacity", () => {
    const jobs = allResources(stacks["prod-glue"]).filter(([type]) => type === "aws_glue_job");
    expect(jobs.length).toBeGreaterThan(0);
    for (const [, , job] of jobs) expect(job.execution_class).toBe("STANDARD");
  });
});
