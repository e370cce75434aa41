import { compareApps, jsonDifferences, providerAddress, withoutMetadata } from "../../check-cdktn/compare-synth";
import { reportText, unexpectedOf, type CheckResult } from "../../check-cdktn/report";
import type { SynthesizedApp } from "../../check-cdktn/synth-stacks";

function app(version: string, source: string, pin: string, extra: Record<string, any> = {}): SynthesizedApp {
  return {
    frameworkVersion: version,
    stacks: {
      "dev-glue": {
        manifest: { name: "dev-glue", constructPath: "dev-glue", dependencies: [], stackMetadataPath: `stacks/dev-glue/metadata-${version}.json` },
        json: {
          "//": { metadata: { version, stackName: "dev-glue" } },
          terraform: { required_providers: { aws: { source, version: pin } } },
          resource: { aws_glue_job: { job: { "//": { metadata: { path: `dev-glue/job-${version}` } }, name: "job", ...extra } } },
        },
        assets: { "job/ABC/job.py": "0f0f" },
      },
    },
  };
}

describe("compareApps", () => {
  it("ignores metadata and takes the provider pins apart", () => {
    const { differences, pins } = compareApps("default", app("0.21.0", "aws", "6.25.0"), app("0.24.0", "aws", "6.66.0"));
    expect(differences).toEqual([]);
    expect(pins).toEqual([{ config: "default", stack: "dev-glue", provider: "aws", cdktf: "6.25.0", cdktn: "6.66.0" }]);
  });

  it('expects "aws" against "hashicorp/aws", and nothing that is another provider', () => {
    const same = compareApps("default", app("0.21.0", "aws", "6.25.0"), app("0.24.0", "hashicorp/aws", "6.66.0")).differences;
    expect(same).toEqual([expect.objectContaining({ path: "terraform.required_providers.aws.source", expected: expect.stringContaining("one address") })]);
    const other = compareApps("default", app("0.21.0", "aws", "6.25.0"), app("0.24.0", "acme/aws", "6.66.0")).differences;
    expect(other).toEqual([{ config: "default", stack: "dev-glue", path: "terraform.required_providers.aws.source", cdktf: "aws", cdktn: "acme/aws" }]);
  });

  it("names each difference of a resource, an asset and a missing stack", () => {
    const cdktf = app("0.21.0", "aws", "6.25.0", { glue_version: "5.0", tags: { a: "1" } });
    const cdktn = app("0.24.0", "aws", "6.66.0", { glue_version: "5.1", tags: {} });
    cdktn.stacks["dev-glue"].assets["job/ABC/job.py"] = "1e1e";
    cdktn.stacks["prod-glue"] = cdktn.stacks["dev-glue"];
    const paths = compareApps("default", cdktf, cdktn).differences.map((d) => `${d.stack} ${d.path} ${JSON.stringify(d.cdktf)} ${JSON.stringify(d.cdktn)}`);
    expect(paths).toEqual([
      'dev-glue resource.aws_glue_job.job.glue_version "5.0" "5.1"',
      'dev-glue resource.aws_glue_job.job.tags.a "1" undefined',
      'dev-glue assets/job/ABC/job.py "0f0f" "1e1e"',
      'prod-glue (stack) undefined "synthesized"',
    ]);
  });
});

describe("the comparison's parts", () => {
  it("drops // keys at any depth, in arrays too", () => {
    expect(withoutMetadata({ "//": 1, a: [{ "//": 2, b: 3 }], c: { "//x": 4, d: null } })).toEqual({ a: [{ b: 3 }], c: { d: null } });
  });

  it("finds leaf differences by path, array items by index", () => {
    expect(jsonDifferences({ a: [1, 2], b: { c: "x" } }, { a: [1, 3, 4], b: { c: "x" } })).toEqual([
      ["a[1]", 2, 3],
      ["a[2]", undefined, 4],
    ]);
  });

  it("reads provider addresses as Terraform does", () => {
    expect(providerAddress("aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(providerAddress("hashicorp/aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(providerAddress("registry.terraform.io/HashiCorp/aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(providerAddress("registry.opentofu.org/hashicorp/aws")).not.toBe(providerAddress("aws"));
  });
});

describe("reportText", () => {
  const base = { cdktf: "cdktf 0.21.0", cdktn: "cdktn 0.24.0", configs: { default: ["dev-glue"] }, notes: [], seconds: 42 };

  it("says the switch holds when only expected differences remain, and shows the pins", () => {
    const { differences, pins } = compareApps("default", app("0.21.0", "aws", "6.25.0"), app("0.24.0", "hashicorp/aws", "6.66.0"));
    const result: CheckResult = { ...base, differences, pins };
    expect(unexpectedOf(result)).toEqual([]);
    const text = reportText(result);
    expect(text).toContain("aws 6.25.0 -> 6.66.0 in 1 stack(s)");
    expect(text).toContain("default: dev-glue 1 expected difference(s)");
    expect(text).toContain("unexpected differences: none");
    expect(text).toMatch(/1 x provider source/);
  });

  it("lists each unexpected difference under its config and stack", () => {
    const { differences, pins } = compareApps("default", app("0.21.0", "aws", "6.25.0", { glue_version: "5.0" }), app("0.24.0", "aws", "6.66.0", { glue_version: "5.1" }));
    const text = reportText({ ...base, differences, pins });
    expect(text).toContain("default: dev-glue 1 unexpected difference(s)");
    expect(text).toContain('  default dev-glue:\n    resource.aws_glue_job.job.glue_version: cdktf "5.0", cdktn "5.1"');
    expect(text).toContain("result: the fork synthesizes different Terraform");
  });
});
