/** main.ts end to end: what `cdktf synth` runs. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathWithoutTerraform, runSynth, type SynthRun } from "./helpers/run-synth";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

const tempOutdir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "glue-cdktf-out-")), "cdktf.out");

describe("main.ts", () => {
  const good = { outdir: tempOutdir(), config: writeTempProject(baseConfig()) };
  const badInput = baseConfig();
  badInput.devAccount.awsAccountId = "12345";
  const bad = { outdir: tempOutdir(), config: writeTempProject(badInput) };
  let goodRun: SynthRun;
  let badRun: SynthRun;

  // Both synths run at once: each is a separate process, and most of their time is start-up.
  beforeAll(async () => {
    [goodRun, badRun] = await Promise.all([
      runSynth({
        outdir: good.outdir,
        env: { PATH: pathWithoutTerraform(), CDKTF_CONTEXT_JSON: JSON.stringify({ config: good.config }) },
      }),
      runSynth({ outdir: bad.outdir, env: { GLUE_CONFIG: bad.config } }),
    ]);
  });

  test("synthesizes every stack on a machine without terraform, from the file named in cdktf context (CDKTF_CONTEXT_JSON)", () => {
    expect(goodRun.stderr).toContain("terraform is not on PATH");
    expect(goodRun.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(good.outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks).sort()).toEqual(["dev-glue", "pipeline", "prod-glue"]);
    const dev = JSON.parse(fs.readFileSync(path.join(good.outdir, "stacks", "dev-glue", "cdk.tf.json"), "utf8"));
    expect(dev.provider.aws[0].allowed_account_ids).toEqual(["222222222222"]);
  });

  test("a bad config exits 1 with the file, key path and fix, and writes no cdktf.out", () => {
    expect(badRun.status).toBe(1);
    expect(badRun.stderr).toContain(`Invalid config ${bad.config}`);
    expect(badRun.stderr).toMatch(/devAccount\.awsAccountId: found "12345"; expected a 12-digit AWS account ID; write all 12 digits in quotes/);
    expect(badRun.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(fs.existsSync(bad.outdir)).toBe(false);
  });
});

describe("main.ts refuses bad input from the environment with a message, exit 1 and no cdktf.out", () => {
  const otherAccountRole = baseConfig();
  otherAccountRole.stages.prod.deployRoleArn = "arn:aws:iam::999999999999:role/deploy";
  const cases: [name: string, env: Record<string, string>, message: RegExp][] = [
    ["CDKTF_CONTEXT_JSON that is not JSON", { CDKTF_CONTEXT_JSON: "{config: x}" }, /CDKTF_CONTEXT_JSON is not valid JSON .*; expected an object, for example/],
    ["CDKTF_CONTEXT_JSON that is null", { CDKTF_CONTEXT_JSON: "null" }, /CDKTF_CONTEXT_JSON holds null; expected a JSON object/],
    ["a config key that is not a path", { CDKTF_CONTEXT_JSON: '{"config": 3}' }, /"config" holds the number 3; expected the path of a config file/],
    ["a deploy role in another account", { GLUE_CONFIG: writeTempProject(otherAccountRole) }, /stages\.prod\.deployRoleArn: found a role in account 999999999999/],
  ];
  const runs: Record<string, { outdir: string; run?: SynthRun }> = Object.fromEntries(cases.map(([name]) => [name, { outdir: tempOutdir() }]));

  beforeAll(async () => {
    await Promise.all(cases.map(async ([name, env]) => (runs[name].run = await runSynth({ outdir: runs[name].outdir, env }))));
  });

  test.each(cases)("%s", (name, _env, message) => {
    const { run, outdir } = runs[name];
    expect(run!.status).toBe(1);
    expect(run!.stderr).toMatch(message);
    expect(run!.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
