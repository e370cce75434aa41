/** Only stacks/cdktf.ts imports the framework, so that a successor is a change of one file (check-cdktn/). */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { frameworkReferencesIn, frameworkReferencesOutsideSeam, SEAM_FILE } from "../check-cdktn/framework-imports";
import { PROJECT_DIR } from "../stacks/config";

describe("the framework seam", () => {
  it("is the only file that imports cdktf, constructs or an @cdktf/ package", () => {
    const outside = frameworkReferencesOutsideSeam(PROJECT_DIR).map((r) => `${r.file}:${r.line} names "${r.name}"; import it from ${SEAM_FILE}`);
    expect(outside).toEqual([]);
  });

  it("names a file that imports the framework past it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "glue-seam-"));
    fs.mkdirSync(path.join(dir, "stacks", "constructs"), { recursive: true });
    fs.writeFileSync(path.join(dir, SEAM_FILE), 'export { App } from "cdktf";\n');
    fs.writeFileSync(path.join(dir, "stacks", "constructs", "bucket.ts"), 'import { Construct } from "../cdktf";\nimport { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";\n');
    fs.writeFileSync(path.join(dir, "main.ts"), 'import { App } from "./stacks/cdktf";\n');
    expect(frameworkReferencesOutsideSeam(dir)).toEqual([{ file: "stacks/constructs/bucket.ts", line: 2, name: "@cdktf/provider-aws/lib/s3-bucket", kind: "import" }]);
  });

  it("imports the framework itself", () => {
    const references = frameworkReferencesIn(SEAM_FILE, fs.readFileSync(path.join(PROJECT_DIR, SEAM_FILE), "utf8"));
    const names = references.filter((r) => r.kind === "import").map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["cdktf", "constructs", "@cdktf/provider-aws/lib/glue-job"]));
    // Deep imports only: the provider's root loads every resource it has.
    expect(names).not.toContain("@cdktf/provider-aws");
  });
});

describe("frameworkReferencesIn", () => {
  it("finds each way a file can reach the framework", () => {
    const text = [
      'import { App } from "cdktf";',
      'import type { Construct } from "constructs";',
      'export { IamRole } from "@cdktf/provider-aws/lib/iam-role";',
      'const aws = require("@cdktf/provider-aws");',
      'jest.mock("cdktf");',
      'type P = import("@cdktf/provider-aws/lib/provider").AwsProvider;',
      'const lazy = () => import("cdktf");',
      'const args = ["--require", "@cdktf/provider-aws", "main.ts"];',
    ].join("\n");
    expect(frameworkReferencesIn("stacks/x.ts", text).map((r) => `${r.line} ${r.kind} ${r.name}`)).toEqual([
      "1 import cdktf",
      "2 import constructs",
      "3 import @cdktf/provider-aws/lib/iam-role",
      "4 import @cdktf/provider-aws",
      "5 import cdktf",
      "6 import @cdktf/provider-aws/lib/provider",
      "7 import cdktf",
      "8 string @cdktf/provider-aws",
    ]);
  });

  it("leaves the seam's imports, the CLI's name and look-alike packages alone", () => {
    const text = [
      'import { App, Construct, IamRole } from "../stacks/cdktf";',
      'const tags = { "managed-by": "cdktf" };',
      'const warnings = metadata.filter((m) => m.type === "@cdktf/warn");',
      'const deploy = ["npx", "cdktf", "deploy", "dev-glue"];',
      'import { x } from "cdktf-local-exec";',
      'import { y } from "./constructs/glue-job";',
    ].join("\n");
    expect(frameworkReferencesIn("stacks/y.ts", text)).toEqual([]);
  });
});
