/** main.ts end to end: what `cdktf synth` runs. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathWithoutTerraform, runSynth } from "./helpers/run-synth";
import { baseConfig, writeTempProject } from "./helpers/temp-project";

const tempOutdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-out-")), "cdktf.out");

describe("main.ts", () => {
  test("synthesizes every stack on a machine without terraform, from the file named by --context config", () => {
    const outdir = tempOutdir();
    const config = writeTempProject(baseConfig());
    const { status, stderr } = runSynth({
      outdir,
      env: { PATH: pathWithoutTerraform(), CDKTF_CONTEXT_JSON: JSON.stringify({ config }) },
    });
    expect(stderr).toContain("terraform is not on PATH");
    expect(status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(["dev-glue", "prod-glue"]));
    const dev = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-glue", "cdk.tf.json"), "utf8"));
    expect(dev.provider.aws[0].allowed_account_ids).toEqual(["222222222222"]);
  });

  test("a bad config exits 1 with the file, key path and fix, and writes no cdktf.out", () => {
    const outdir = tempOutdir();
    const input = baseConfig();
    input.devAccount.awsAccountId = "12345";
    const config = writeTempProject(input);
    const { status, stderr } = runSynth({ outdir, env: { GLUE_CONFIG: config } });
    expect(status).toBe(1);
    expect(stderr).toContain(`Invalid config ${config}`);
    expect(stderr).toMatch(/devAccount\.awsAccountId: "12345" is not a 12-digit AWS account ID; write all 12 digits in quotes/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
