/**
 * The summary over recorded plans (fixtures/*.json, real `terraform show -json` output made by
 * fixtures/record-fixtures.ts): one change each against a small applied configuration of a data bucket
 * with its versioning, a role and a topic.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asPlanJson, type TerraformPlanJson } from "../../review/plan-json";
import { riskOf } from "../../review/risky-types";
import { actionOf, formatPath, summarizePlan } from "../../review/summarize-plan";

const fixture = (name: string): TerraformPlanJson => asPlanJson(JSON.parse(readFileSync(join(__dirname, "fixtures", `${name}.json`), "utf8")));
const zero = { add: 0, change: 0, replace: 0, destroy: 0, forget: 0, import: 0 };

describe("summarizePlan over recorded plans", () => {
  test("create: every resource to add, nothing risky (a create destroys nothing)", () => {
    const summary = summarizePlan("demo", fixture("create"));
    expect(summary.counts).toEqual({ ...zero, add: 4 });
    expect(summary.risky).toEqual([]);
    expect(summary.changes.map((c) => [c.action, c.address])).toEqual([
      ["create", "aws_iam_role.reader"],
      ["create", "aws_s3_bucket.data"],
      ["create", "aws_s3_bucket_versioning.data"],
      ["create", "aws_sns_topic.notices"],
    ]);
    expect(summary.changes[1]).toMatchObject({ type: "aws_s3_bucket", name: "fixture-data-a", forcedBy: [] });
    expect(summary.changed).toBe(true);
  });

  test("update in place: one change, named by the resource's own name", () => {
    const summary = summarizePlan("demo", fixture("update-in-place"));
    expect(summary.counts).toEqual({ ...zero, change: 1 });
    expect(summary.changes).toEqual([{ address: "aws_iam_role.reader", type: "aws_iam_role", action: "update", name: "fixture-reader", forcedBy: [] }]);
    expect(summary.risky).toEqual([]);
  });

  test("replace: the attribute that forces it, with its value before and after", () => {
    const summary = summarizePlan("demo", fixture("replace-topic-name"));
    expect(summary.counts).toEqual({ ...zero, replace: 1 });
    expect(summary.risky).toEqual([]);
    expect(summary.changes).toEqual([
      {
        address: "aws_sns_topic.notices",
        type: "aws_sns_topic",
        action: "replace",
        name: "fixture-topic-a",
        newName: "fixture-topic-b",
        forcedBy: [{ path: "name", before: '"fixture-topic-a"', after: '"fixture-topic-b"' }],
      },
    ]);
  });

  test("a data-bearing replace goes in the risky block: the bucket and its configuration, forced by bucket", () => {
    const summary = summarizePlan("demo", fixture("replace-data-bucket"));
    expect(summary.counts).toEqual({ ...zero, replace: 2 });
    expect(summary.changes).toEqual([]);
    expect(summary.risky.map((r) => [r.address, r.risk?.kind, r.forcedBy])).toEqual([
      ["aws_s3_bucket.data", "data", [{ path: "bucket", before: '"fixture-data-a"', after: '"fixture-data-b"' }]],
      // The versioning names its bucket by reference: the new name is known only once the bucket exists.
      ["aws_s3_bucket_versioning.data", "data", [{ path: "bucket", before: '"fixture-data-a"', after: "(known after apply)" }]],
    ]);
    expect(summary.risky[0].risk?.holds).toBe("the bucket and every object in it");
  });

  test("delete: counted, and listed with the name it had", () => {
    const summary = summarizePlan("demo", fixture("delete"));
    expect(summary.counts).toEqual({ ...zero, destroy: 1 });
    expect(summary.changes).toEqual([{ address: "aws_sns_topic.notices", type: "aws_sns_topic", action: "delete", name: "fixture-topic-a", forcedBy: [] }]);
  });

  test("no-op: nothing changes, though refresh saw the emulator's objects differ (drift is counted apart)", () => {
    const summary = summarizePlan("demo", fixture("no-op"));
    expect(summary).toMatchObject({ counts: zero, risky: [], changes: [], changed: false, outputsChanged: 0 });
    expect(summary.drifted).toBeGreaterThan(0);
  });

  test("an empty plan (no resources at all) has no changes", () => {
    expect(summarizePlan("demo", fixture("empty-plan"))).toEqual({
      stack: "demo",
      counts: zero,
      risky: [],
      changes: [],
      outputsChanged: 0,
      drifted: 0,
      changed: false,
    });
  });
});

describe("summarizePlan on variations of a recorded plan", () => {
  const replaced = () => structuredClone(fixture("replace-data-bucket")) as any;

  test("a deleted IAM role is access-bearing; a created one is not", () => {
    const plan = structuredClone(fixture("create")) as any;
    const role = plan.resource_changes.find((r: any) => r.type === "aws_iam_role");
    expect(summarizePlan("demo", plan).risky).toEqual([]);
    role.change.actions = ["delete"];
    role.change.before = role.change.after;
    expect(summarizePlan("demo", plan).risky).toEqual([expect.objectContaining({ address: "aws_iam_role.reader", action: "delete", risk: { kind: "access", holds: "an identity or what it may do" } })]);
  });

  test("create-before-destroy is a replace too", () => {
    const plan = replaced();
    plan.resource_changes[1].change.actions = ["create", "delete"];
    expect(summarizePlan("demo", plan).counts.replace).toBe(2);
  });

  test("a replace forced by request or by taint says so where no attribute forces it", () => {
    const plan = replaced();
    const bucket = plan.resource_changes.find((r: any) => r.address === "aws_s3_bucket.data");
    delete bucket.change.replace_paths;
    bucket.action_reason = "replace_because_tainted";
    expect(summarizePlan("demo", plan).risky[0]).toMatchObject({ forcedBy: [], reason: "replace_because_tainted" });
  });

  test("sensitive and unknown values are never shown", () => {
    const plan = replaced();
    const bucket = plan.resource_changes.find((r: any) => r.address === "aws_s3_bucket.data");
    bucket.change.before_sensitive = { bucket: true };
    bucket.change.after_unknown = { bucket: true };
    expect(summarizePlan("demo", plan).risky[0].forcedBy).toEqual([{ path: "bucket", before: "(sensitive)", after: "(known after apply)" }]);
  });

  test("output changes count as changes; data-source reads and no-ops do not", () => {
    const plan = structuredClone(fixture("no-op")) as any;
    plan.resource_changes.push({ address: "data.aws_region.here", mode: "data", type: "aws_region", name: "here", change: { actions: ["read"] } });
    expect(summarizePlan("demo", plan).changed).toBe(false);
    plan.output_changes = { bucket_name: { actions: ["update"] }, same: { actions: ["no-op"] } };
    expect(summarizePlan("demo", plan)).toMatchObject({ changed: true, outputsChanged: 1, counts: zero });
  });

  test("an import without other change is counted as an import", () => {
    const plan = structuredClone(fixture("no-op")) as any;
    plan.resource_changes[0].change.importing = { id: "fixture-reader" };
    expect(summarizePlan("demo", plan).counts).toEqual({ ...zero, import: 1 });
  });

  test("an object is named by its key, an inline policy by its role and name, whatever the replace leaves unknown", () => {
    const plan = structuredClone(fixture("no-op")) as any;
    plan.resource_changes.push(
      {
        address: "aws_s3_object.script",
        mode: "managed",
        type: "aws_s3_object",
        name: "script",
        change: { actions: ["delete", "create"], before: { bucket: "old-bucket", key: "scripts/a.py" }, after: { key: "scripts/a.py" }, after_unknown: { bucket: true }, replace_paths: [["bucket"]] },
      },
      {
        address: "aws_iam_role_policy.p",
        mode: "managed",
        type: "aws_iam_role_policy",
        name: "p",
        change: { actions: ["update"], before: { name: "least-privilege", role: "glue-job-dev-A" }, after: { name: "least-privilege", role: "glue-job-dev-A" } },
      },
    );
    const { changes } = summarizePlan("demo", plan);
    expect(changes.map((c) => [c.type, c.name, c.newName, c.forcedBy])).toEqual([
      ["aws_s3_object", "scripts/a.py", undefined, [{ path: "bucket", before: '"old-bucket"', after: "(known after apply)" }]],
      ["aws_iam_role_policy", "glue-job-dev-A/least-privilege", undefined, []],
    ]);
  });

  test("an errored plan is refused", () => {
    expect(() => summarizePlan("demo", { ...fixture("create"), errored: true })).toThrow("the plan of demo errored");
  });
});

describe("parts", () => {
  test("asPlanJson refuses what is not a JSON plan of format 1.x", () => {
    expect(() => asPlanJson([])).toThrow("not a JSON object");
    expect(() => asPlanJson({ format_version: "0.2" })).toThrow('format_version is "0.2"; expected 1.x');
  });

  test("actionOf names one action per change and refuses what Terraform never plans", () => {
    expect(actionOf(["delete", "create"])).toBe("replace");
    expect(actionOf(["no-op"])).toBeUndefined();
    expect(actionOf(["read"])).toBeUndefined();
    expect(() => actionOf(["update", "delete"])).toThrow("unexpected plan actions");
  });

  test("formatPath writes attribute paths as HCL does", () => {
    expect(formatPath(["bucket"])).toBe("bucket");
    expect(formatPath(["rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"])).toBe("rule[0].apply_server_side_encryption_by_default[0].sse_algorithm");
    expect(formatPath(["tags", "cost center"])).toBe('tags["cost center"]');
  });

  test("riskOf: an exact type beats a prefix, the longest prefix wins, and scripts are not data", () => {
    expect(riskOf("aws_s3_bucket")?.holds).toBe("the bucket and every object in it");
    expect(riskOf("aws_s3_bucket_policy")?.kind).toBe("access");
    expect(riskOf("aws_s3_bucket_lifecycle_configuration")?.kind).toBe("data");
    expect(riskOf("aws_secretsmanager_secret_policy")?.kind).toBe("access");
    expect(riskOf("aws_secretsmanager_secret_version")?.kind).toBe("secret");
    expect(riskOf("aws_glue_catalog_table")?.kind).toBe("catalog");
    expect(riskOf("aws_s3_object")).toBeUndefined();
    expect(riskOf("aws_codebuild_project")).toBeUndefined();
  });
});
