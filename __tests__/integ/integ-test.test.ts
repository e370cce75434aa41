import type { IntegOptions } from "./args";
import { FAKE_ACCOUNT, FAKE_REGION, FakeGlueAccount, type FakeJob } from "./fake-glue";
import { runIntegrationTest } from "./integ-test";
import { virtualClock } from "./virtual-clock";

const options: IntegOptions = {
  account: FAKE_ACCOUNT,
  region: FAKE_REGION,
  stageName: "dev",
  maxWaitMinutes: 30,
  maxDurationSeconds: 600,
  concurrency: 10,
};
const tagged = (name: string, stage: string, run?: FakeJob["run"]): FakeJob => ({ name, run, tags: { stack_name: `${stage}-glue` } });
const fixedClock = () => new Date("2025-01-01T00:00:00Z");

async function runTest(jobs: FakeJob[]) {
  const account = new FakeGlueAccount(jobs);
  const lines: string[] = [];
  const report = await runIntegrationTest(account.client, options, (line) => lines.push(line), {
    wait: virtualClock(),
    discover: { pageSize: 2 },
    clock: fixedClock,
  });
  return { account, report, lines };
}

describe("runIntegrationTest", () => {
  it("runs only the stage's jobs, from every page, and passes when all succeed", async () => {
    const { account, report } = await runTest([
      tagged("b-dev", "dev"),
      tagged("a-prod", "prod"),
      tagged("c-dev2", "dev2"),
      tagged("a-dev", "dev"),
      tagged("d-dev", "dev"),
    ]);
    expect(account.jobsCalledWith("StartJobRunCommand").sort()).toEqual(["a-dev", "b-dev", "d-dev"]);
    expect(report).toMatchObject({ stageName: "dev", account: FAKE_ACCOUNT, region: FAKE_REGION, passed: true, startedAt: "2025-01-01T00:00:00.000Z" });
    expect(report.outcomes.map((outcome) => outcome.jobName)).toEqual(["a-dev", "b-dev", "d-dev"]);
    expect(report.error).toBeUndefined();
  });

  it("fails the whole test when one job fails", async () => {
    const { report } = await runTest([tagged("a-dev", "dev"), tagged("b-dev", "dev", [{ JobRunState: "FAILED" }])]);
    expect(report.passed).toBe(false);
    expect(report.outcomes.map((outcome) => outcome.passed)).toEqual([true, false]);
  });

  it("reports an error, not a pass, when no job belongs to the stage", async () => {
    const { account, report } = await runTest([tagged("a-prod", "prod"), tagged("b-dev2", "dev2")]);
    expect(account.started).toEqual([]);
    expect(report.passed).toBe(false);
    expect(report.outcomes).toEqual([]);
    expect(report.error).toBe(
      `no Glue job in account ${FAKE_ACCOUNT}, region ${FAKE_REGION} is tagged stack_name=dev-glue. ` +
        "Check that the dev-glue stack is deployed and that --account, --region and --stage-name name it.",
    );
  });

  it("waits no longer than --max-wait-minutes for a stuck run", async () => {
    const clock = virtualClock();
    const account = new FakeGlueAccount([tagged("stuck-dev", "dev", [{ JobRunState: "RUNNING" }])]);
    const report = await runIntegrationTest(account.client, { ...options, maxWaitMinutes: 2 }, () => {}, { wait: clock });
    expect(report.outcomes[0]).toMatchObject({ state: "WAIT_TIMEOUT", passed: false });
    expect(clock.now()).toBe(2 * 60_000);
  });
});
