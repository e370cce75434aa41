import type { TerraformPlanJson } from "../../review/plan-json";
import { differences, formatDrift, summarizeDrift } from "../../review/summarize-drift";

const job = (workers: number, tags: Record<string, string> = {}) => ({
  name: "dev-JoinLegislators",
  number_of_workers: workers,
  worker_type: "G.1X",
  default_arguments: { "--TempDir": "s3://b/temp/", "--enable-metrics": "true" },
  tags,
  tags_all: { project: "p", ...tags },
});
const plan = (extra: Partial<TerraformPlanJson>): TerraformPlanJson => ({ format_version: "1.2", ...extra });
const JOB_ADDRESS = "aws_glue_job.job-JoinLegislators_job_C61F2146";
const driftOf = (before: unknown, after: unknown, actions: ("update" | "delete")[] = ["update"]) => ({
  address: JOB_ADDRESS,
  mode: "managed" as const,
  type: "aws_glue_job",
  name: "job-JoinLegislators_job_C61F2146",
  change: { actions, before, after },
});
const updateOfTheJob = {
  address: JOB_ADDRESS,
  mode: "managed" as const,
  type: "aws_glue_job",
  name: "job",
  change: { actions: ["update" as const], before: job(5), after: job(2) },
};

describe("summarizeDrift", () => {
  test("names the drifted resource, each changed attribute, what it was and what it is now", () => {
    const drift = summarizeDrift("dev-glue", plan({ resource_drift: [driftOf(job(2), job(5, { owner: "someone" }))] }), plan({ resource_changes: [updateOfTheJob] }));
    expect(drift.drifted).toEqual([
      {
        address: JOB_ADDRESS,
        type: "aws_glue_job",
        name: "dev-JoinLegislators",
        drift: "changed",
        attributes: [
          { path: "number_of_workers", was: "2", now: "5" },
          { path: "tags.owner", was: "(none)", now: '"someone"' },
        ],
      },
    ]);
    expect(drift.pending).toEqual(expect.objectContaining({ add: 0, change: 1, replace: 0, destroy: 0 }));
    expect(formatDrift([drift])).toBe(
      [
        "dev-glue: 1 resource changed outside Terraform",
        `  ~ aws_glue_job "dev-JoinLegislators" [${JOB_ADDRESS}]`,
        "      number_of_workers: was 2, is now 5",
        '      tags.owner: was (none), is now "someone"',
        "  The next deploy would change 1 resource (0 to add, 1 to change, 0 to replace, 0 to destroy); npm run diff -- dev-glue shows how.",
      ].join("\n"),
    );
  });

  test("a resource deleted outside Terraform is named as deleted", () => {
    const recreate = { ...updateOfTheJob, change: { actions: ["create" as const], before: null, after: job(2) } };
    const drift = summarizeDrift("dev-glue", plan({ resource_drift: [driftOf(job(2), null, ["delete"])] }), plan({ resource_changes: [recreate] }));
    expect(drift.drifted).toEqual([expect.objectContaining({ drift: "deleted", attributes: [] })]);
    expect(formatDrift([drift])).toContain(`- aws_glue_job "dev-JoinLegislators" [${JOB_ADDRESS}]: deleted`);
  });

  test("no drift, or a drift entry that changes nothing but derived tags, says nothing", () => {
    const same = summarizeDrift("prod-glue", plan({ resource_drift: [driftOf(job(2), { ...job(2), tags_all: { project: "q" } })] }), plan({}));
    expect(same.drifted).toEqual([]);
    expect(formatDrift([same, summarizeDrift("dev-glue", plan({}), plan({}))])).toBe("");
  });

  test("what no deploy would change is not drift: the state catching up with attributes the configuration does not set", () => {
    // A role's inline_policy, filled in by its aws_iam_role_policy; tags read back as {} for none.
    const role = { address: "aws_iam_role.job_role", mode: "managed" as const, type: "aws_iam_role", name: "job_role" };
    const caughtUp = { ...role, change: { actions: ["update" as const], before: { name: "r", inline_policy: [], tags: null }, after: { name: "r", inline_policy: [{ name: "p" }], tags: {} } } };
    const drift = summarizeDrift("dev-glue", plan({ resource_drift: [caughtUp, driftOf(job(2), job(5))] }), plan({ resource_changes: [updateOfTheJob] }));
    expect(drift.drifted.map((d) => d.address)).toEqual([JOB_ADDRESS]);
    expect(drift.stale).toEqual(["aws_iam_role.job_role"]);
    // Unless the next deploy's changes read that attribute; another attribute of the resource read (its arn) is not enough.
    const relevant = (attribute: string[]) => summarizeDrift("dev-glue", plan({ resource_drift: [caughtUp] }), plan({ relevant_attributes: [{ resource: "aws_iam_role.job_role", attribute }] }));
    expect(relevant(["inline_policy"]).drifted.map((d) => d.attributes)).toEqual([[{ path: "inline_policy", was: "(a list of 0)", now: "(a list of 1)" }]]);
    expect(relevant(["arn"]).drifted).toEqual([]);
    expect(relevant(["arn"]).stale).toEqual(["aws_iam_role.job_role"]);
  });

  test("sensitive values are never shown", () => {
    const secret = { actions: ["update" as const], before: { secret: "a" }, after: { secret: "b" }, before_sensitive: { secret: true }, after_sensitive: { secret: true } };
    const drift = summarizeDrift(
      "pipeline",
      plan({ resource_drift: [{ ...driftOf({ secret: "a" }, { secret: "b" }), change: secret }] }),
      plan({ resource_changes: [{ ...updateOfTheJob, change: { ...secret, before: { secret: "b" }, after: { secret: "a" } } }] }),
    );
    expect(drift.drifted[0].attributes).toEqual([{ path: "secret", was: "(sensitive)", now: "(sensitive)" }]);
  });
});

test("differences lists the paths of the leaves that differ, and a list whose length changed as a whole", () => {
  expect(differences({ a: 1, b: { c: [1, 2], d: "x" } }, { a: 1, b: { c: [1, 3], d: "y" } }, [])).toEqual([["b", "c", 1], ["b", "d"]]);
  expect(differences({ l: [1] }, { l: [1, 2] }, [])).toEqual([["l"]]);
  expect(differences(1, 1, [])).toEqual([]);
  expect(differences({ tags: null, modes: null, policy: "" }, { tags: {}, modes: [], policy: null }, [])).toEqual([]);
});
