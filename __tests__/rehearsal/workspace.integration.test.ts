import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_DIR } from "../../stacks/config";
import { prepareWorkspace, projectFiles, withLocalBackend, type Workspace } from "../../rehearsal/workspace";

describe("withLocalBackend", () => {
  test("sets backend to local and keeps every other key and comment", () => {
    const text = "# accounts\npipelineAccount:\n  awsAccountId: \"123456789012\"   # quoted\n  awsRegion: eu-west-1\nbackend:\n  type: cloud\n  organization: my-org\njobs:\n  A:\n    script: a.py\n";
    const out = withLocalBackend(text);
    expect(parse(out)).toEqual({ pipelineAccount: { awsAccountId: "123456789012", awsRegion: "eu-west-1" }, backend: { type: "local" }, jobs: { A: { script: "a.py" } } });
    expect(out).toContain("# accounts");
    expect(out).toContain("# quoted");
  });

  test("adds backend when the config has none", () => {
    expect(parse(withLocalBackend("jobs: {}\n"))).toEqual({ jobs: {}, backend: { type: "local" } });
  });
});

describe("projectFiles", () => {
  test("lists tracked files and leaves out ignored and linked directories", () => {
    const files = projectFiles(PROJECT_DIR);
    expect(files).toContain("main.ts");
    expect(files).toContain("default-config.yaml");
    expect(files.some((f) => f.startsWith("node_modules/") || f.startsWith(".venv/") || f.startsWith("cdktf.out/"))).toBe(false);
  });
});

describe("prepareWorkspace", () => {
  let ws: Workspace;
  const productOut = join(PROJECT_DIR, "cdktf.out");
  const productOutBefore = existsSync(productOut) ? statSync(productOut).mtimeMs : undefined;

  beforeAll(async () => {
    ws = await prepareWorkspace({ configFile: "default-config.yaml" });
  });
  afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

  test("synthesizes the three stacks into its own cdktf.out, with a local backend in the copy", () => {
    expect(ws.outDir).toBe(join(ws.dir, "cdktf.out"));
    for (const stack of ["pipeline", "dev-glue", "prod-glue"]) {
      const json = JSON.parse(readFileSync(join(ws.stackDir(stack), "cdk.tf.json"), "utf8"));
      expect(json.terraform.backend.local.path).toBe(join(ws.dir, "terraform-state", `${stack}.tfstate`));
      expect(json.terraform.cloud).toBeUndefined();
    }
    expect(ws.configFile).toBe(join(ws.dir, "default-config.yaml"));
    expect(parse(readFileSync(ws.configFile, "utf8")).backend).toEqual({ type: "local" });
  });

  test("leaves the project's own config and cdktf.out alone", () => {
    expect(parse(readFileSync(join(PROJECT_DIR, "default-config.yaml"), "utf8")).backend.type).toBe("cloud");
    expect(existsSync(productOut) ? statSync(productOut).mtimeMs : undefined).toBe(productOutBefore);
  });

  test("links node_modules instead of copying it", () => {
    expect(lstatSync(join(ws.dir, "node_modules")).isSymbolicLink()).toBe(true);
  });

  // The data plan of a pull-request check runs the jobs' quality rules, which local Spark evaluates with the Deequ jars of .jars/
  test("links the jars setup fetched, so local Spark in the copy finds Deequ", () => {
    expect(lstatSync(join(ws.dir, ".jars")).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(ws.dir, ".jars")).some((jar) => jar.startsWith("deequ-"))).toBe(true);
  });

  test("copies the project's own files", () => {
    expect(readFileSync(join(ws.dir, "main.ts"), "utf8")).toBe(readFileSync(join(PROJECT_DIR, "main.ts"), "utf8"));
  });
});
