import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { AssumeRoleError } from "../../integ/clients";
import { EXIT_AWS_ERROR, EXIT_BAD_ARGUMENTS, EXIT_PASSED, EXIT_TEST_FAILED, main, type CliDeps } from "../../integ/cli";
import { FAKE_ACCOUNT, FAKE_REGION, FakeGlueAccount, type FakeJob } from "./fake-glue";
import type { FakeWorkflow } from "./fake-workflow";
import { useTempDir } from "./temp-dir";
import { virtualClock } from "./virtual-clock";

const stageArgs = ["--account", FAKE_ACCOUNT, "--region", FAKE_REGION, "--stage-name", "dev"];
const devJob = (name: string, run?: FakeJob["run"]): FakeJob => ({ name, run, tags: { stack_name: "dev-glue" } });

/** Runs the CLI in-process against a fake account, collecting what it prints. */
async function runCli(argv: string[], jobs: FakeJob[] = [], createGlue?: CliDeps["createGlue"], workflows: FakeWorkflow[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  const account = new FakeGlueAccount(jobs, undefined, workflows);
  const code = await main(argv, {}, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    createGlue: createGlue ?? (async () => account.client),
    overrides: { wait: virtualClock() },
  });
  return { code, out: out.join("\n"), err: err.join("\n"), account };
}

describe("integ CLI", () => {
  const tempDir = useTempDir("integ-cli-");

  it("exits 0, prints the summary table and writes the report when every job passes", async () => {
    const report = join(tempDir(), "report.json");
    const { code, out, err } = await runCli([...stageArgs, "--report", report], [devJob("a-dev"), devJob("b-dev")]);
    expect(code).toBe(EXIT_PASSED);
    expect(err).toBe("");
    expect(out).toMatch(/^JOB +RUN ID +STATE +SECONDS +RESULT$/m);
    expect(out).toMatch(/^a-dev +jr_a-dev +SUCCEEDED +100 +PASS$/m);
    expect(out).toContain("2 of 2 job(s) passed");
    expect(out).toMatch(/integ: PASS \(exit 0\)$/);
    expect(JSON.parse(await readFile(report, "utf8"))).toMatchObject({ passed: true, outcomes: [{ jobName: "a-dev" }, { jobName: "b-dev" }] });
  });

  it("in workflow mode, names the workflow run above the table and writes it in the report", async () => {
    const report = join(tempDir(), "workflow.json");
    const workflow = { name: "dev-glue-workflow", jobs: [{ name: "a-dev" }, { name: "b-dev", after: ["a-dev"] }] };
    const { code, out } = await runCli([...stageArgs, "--report", report], [devJob("a-dev"), devJob("b-dev")], undefined, [workflow]);
    expect(code).toBe(EXIT_PASSED);
    expect(out).toContain("workflow dev-glue-workflow, run wr_dev-glue-workflow: COMPLETED");
    expect(out).toMatch(/^b-dev +jr_b-dev +SUCCEEDED +100 +PASS$/m);
    expect(JSON.parse(await readFile(report, "utf8"))).toMatchObject({ passed: true, workflow: { name: "dev-glue-workflow", status: "COMPLETED" } });
  });

  it("exits 1 when a job fails, and says which", async () => {
    const { code, out } = await runCli(stageArgs, [devJob("a-dev"), devJob("b-dev", [{ JobRunState: "TIMEOUT" }])]);
    expect(code).toBe(EXIT_TEST_FAILED);
    expect(out).toContain("  b-dev: ended TIMEOUT");
    expect(out).toMatch(/integ: FAIL \(exit 1\)$/);
  });

  it("exits 1 with an erroring JUnit report when no job matched the stage", async () => {
    const report = join(tempDir(), "junit.xml");
    const { code, err, account } = await runCli([...stageArgs, "--report", report], [{ name: "a-prod", tags: { stack_name: "prod-glue" } }]);
    expect(code).toBe(EXIT_TEST_FAILED);
    expect(account.started).toEqual([]);
    expect(err).toContain("no Glue job in account");
    expect(await readFile(report, "utf8")).toContain('errors="1"');
  });

  it("exits 3 with the reason when the role cannot be assumed, and still writes the report", async () => {
    const report = join(tempDir(), "report.json");
    const { code, err } = await runCli([...stageArgs, "--report", report], [], async () => {
      throw new AssumeRoleError("cannot assume arn:aws:iam::123456789012:role/glue-test-dev (AccessDenied: nope)");
    });
    expect(code).toBe(EXIT_AWS_ERROR);
    expect(err).toContain("integ: AssumeRoleError: cannot assume arn:aws:iam::123456789012:role/glue-test-dev");
    expect(JSON.parse(await readFile(report, "utf8"))).toMatchObject({ passed: false, error: expect.stringContaining("AccessDenied") });
  });

  it.each([
    [[], "--account is required"],
    [["--account", "12345", "--region", "eu-west-1", "--stage-name", "dev"], "--account must be a 12-digit AWS account ID"],
    [["--account", FAKE_ACCOUNT, "--region", FAKE_ACCOUNT, "--stage-name", "dev"], "--region must be an AWS region"],
  ])("exits 2 on bad arguments %j, without touching AWS", async (argv, message) => {
    const createGlue = jest.fn();
    const { code, err } = await runCli(argv, [], createGlue);
    expect(code).toBe(EXIT_BAD_ARGUMENTS);
    expect(err).toContain(message);
    expect(createGlue).not.toHaveBeenCalled();
  });

  it("prints the usage for --help and exits 0", async () => {
    const { code, out } = await runCli(["--help"]);
    expect(code).toBe(EXIT_PASSED);
    expect(out).toContain("Usage: npm run integ --");
  });

  it("exits non-zero when the report cannot be written", async () => {
    const notADirectory = join(tempDir(), "plain-file");
    await writeFile(notADirectory, "");
    const { code, err } = await runCli([...stageArgs, "--report", join(notADirectory, "report.json")], [devJob("a-dev")]);
    expect(code).toBe(EXIT_TEST_FAILED);
    expect(err).toContain(`could not write --report ${join(notADirectory, "report.json")}`);
  });
});
