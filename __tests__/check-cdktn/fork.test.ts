import * as fs from "fs";
import * as path from "path";
import { FORK_PACKAGES, forkPackageJson, forkSeam } from "../../check-cdktn/fork";
import { frameworkReferencesIn, SEAM_FILE } from "../../check-cdktn/framework-imports";
import { PROJECT_DIR } from "../../stacks/config";

describe("forkSeam", () => {
  it("moves every framework module of the real seam to the fork's, and keeps constructs", () => {
    const forked = forkSeam(fs.readFileSync(path.join(PROJECT_DIR, SEAM_FILE), "utf8"));
    const names = frameworkReferencesIn(SEAM_FILE, forked).map((r) => r.name);
    expect(names).toEqual(["constructs"]);
    expect(forked).toContain('from "cdktn";');
    expect(forked).toContain('export { GlueJob } from "@cdktn/provider-aws/lib/glue-job";');
    expect(forked).toContain('AWS_PROVIDER_PACKAGE = "@cdktn/provider-aws";');
  });

  it("refuses a framework module it has no counterpart for", () => {
    expect(() => forkSeam('export { Foo } from "@cdktf/provider-random/lib/foo";\n')).toThrow(/no counterpart for "@cdktf\/provider-random\/lib\/foo".*RENAMES/);
  });
});

describe("forkPackageJson", () => {
  it("replaces the framework's dependencies with the fork's exact pins, and keeps the rest", () => {
    const forked = forkPackageJson({
      name: "x",
      dependencies: { cdktf: "0.21.0", "@cdktf/provider-aws": "21.22.1", constructs: "10.4.2", yaml: "2.9.1" },
      devDependencies: { jest: "30.5.2" },
    });
    expect(forked).toEqual({ name: "x", dependencies: { yaml: "2.9.1", ...FORK_PACKAGES }, devDependencies: {} });
    for (const version of Object.values(FORK_PACKAGES)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
