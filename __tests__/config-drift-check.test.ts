/** pipeline.driftCheck: on by default, daily at 06:00 UTC, and a schedule EventBridge takes. */
import { ConfigError, loadConfig } from "../stacks/config";
import { driftScheduleProblem } from "../stacks/config/drift-schedule";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

function load(driftCheck?: unknown) {
  const config = baseConfig();
  if (driftCheck !== undefined) config.pipeline = { driftCheck };
  return loadConfig(writeTempProject(config));
}

function problemOf(driftCheck: unknown): string {
  try {
    load(driftCheck);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("the config loaded; expected a problem");
}

test("defaults: on, every day at 06:00 UTC", () => {
  expect(load().pipeline.driftCheck).toEqual({ enabled: true, schedule: "cron(0 6 * * ? *)" });
  expect(load({ enabled: false }).pipeline.driftCheck).toEqual({ enabled: false, schedule: "cron(0 6 * * ? *)" });
  expect(load({ schedule: "rate(12 hours)" }).pipeline.driftCheck.schedule).toBe("rate(12 hours)");
});

describe("driftScheduleProblem", () => {
  test.each(["rate(1 day)", "rate(2 days)", "rate(1 hour)", "rate(30 minutes)", "cron(0 6 * * ? *)", "cron(30 5 ? * MON-FRI *)", "cron(* * * * ? *)"])("accepts %s", (expression) => {
    expect(driftScheduleProblem(expression)).toBeUndefined();
  });

  test.each([
    ["rate(1 days)", /singular for 1 and plural otherwise: rate\(1 day\), rate\(2 days\)/],
    ["rate(2 hour)", /singular for 1 and plural otherwise/],
    ["rate(0 days)", /a rate is at least 1/],
    ["rate(1 week)", /rate\(N minutes\|hours\|days\)/],
    ["every day", /neither rate\(\.\.\.\) nor a six-field cron/],
    ["cron(0 25 * * ? *)", /Hours "25" holds "25", which is not 0-23/],
    ["cron(0 6 * * * *)", /exactly one of Day-of-month and Day-of-week must be \?/],
  ])("refuses %s", (expression, message) => {
    expect(driftScheduleProblem(expression)).toMatch(message);
  });
});

test("a bad schedule, a non-boolean enabled or an unknown key is a config error naming the key", () => {
  expect(problemOf({ schedule: "rate(1 days)" })).toMatch(/pipeline\.driftCheck\.schedule: .*rate\(1 day\)/);
  expect(problemOf({ enabled: "yes" })).toMatch(/pipeline\.driftCheck\.enabled/);
  expect(problemOf({ scheduel: "rate(1 day)" })).toMatch(/pipeline\.driftCheck: unknown key "scheduel" \(did you mean "schedule"\?\)/);
});
