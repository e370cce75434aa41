import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adaptationReport, adaptStackToProvider, PROVIDER_ADAPTATIONS } from "../../rehearsal/provider-adaptations";

const webhook = { project_name: "glue-pipeline-pr-check", build_type: "BUILD", pull_request_build_policy: [{ requires_comment_approval: "DISABLED" }] };

function stackDir(resource: Record<string, unknown>): string {
  const dir = join(mkdtempSync(join(tmpdir(), "adapt-")), "pipeline");
  mkdirSync(dir);
  writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify({ resource }));
  return dir;
}

describe("adaptStackToProvider", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test("removes the webhook's pull_request_build_policy for the 5.100 provider, keeping the rest of the resource", () => {
    const dir = stackDir({ aws_codebuild_webhook: { pr: webhook }, aws_s3_bucket: { b: { bucket: "x" } } });
    dirs.push(dir);
    expect(adaptStackToProvider(dir, "pipeline", "5.100.0")).toEqual([
      { id: "codebuild-webhook-pull-request-build-policy", stack: "pipeline", providerVersion: "5.100.0", resources: ["aws_codebuild_webhook.pr"] },
    ]);
    const json = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8"));
    expect(json.resource.aws_codebuild_webhook.pr).toEqual({ project_name: "glue-pipeline-pr-check", build_type: "BUILD" });
    expect(json.resource.aws_s3_bucket.b).toEqual({ bucket: "x" });
  });

  test("changes nothing for a provider that has the argument", () => {
    const dir = stackDir({ aws_codebuild_webhook: { pr: webhook } });
    dirs.push(dir);
    expect(adaptStackToProvider(dir, "pipeline", "6.25.0")).toEqual([]);
    expect(JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")).resource.aws_codebuild_webhook.pr).toEqual(webhook);
  });

  test("the report lists every adaptation, each with what it changed in the run", () => {
    const report = adaptationReport([
      { id: "codebuild-webhook-pull-request-build-policy", stack: "pipeline", providerVersion: "5.100.0", resources: ["aws_codebuild_webhook.pr"] },
      { id: "codebuild-webhook-pull-request-build-policy", stack: "pipeline", providerVersion: "5.100.0", resources: ["aws_codebuild_webhook.pr"] },
    ]);
    expect(report).toHaveLength(PROVIDER_ADAPTATIONS.length);
    expect(report[0]).toMatchObject({ id: "codebuild-webhook-pull-request-build-policy", applied: [{ stack: "pipeline", resources: ["aws_codebuild_webhook.pr"] }] });
    for (const adaptation of PROVIDER_ADAPTATIONS) expect(adaptation.why).toMatch(/https:\/\//);
  });
});
