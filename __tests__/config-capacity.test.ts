/** jobs.<name>.capacity: what it resolves to per run, and each refusal with its key and fix. */
import { ConfigError, loadConfig } from "../stacks/config";
import { parseDuration, parseSize } from "../stacks/config/capacity-units";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;

function withCapacity(capacity: unknown, change: (config: Json) => void = () => {}): Json {
  const config = baseConfig();
  config.jobs.JoinLegislators.capacity = capacity;
  change(config);
  return config;
}

function problemsOf(config: Json): string[] {
  try {
    loadConfig(writeTempProject(config));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error("the config loaded, but it should have failed");
}

describe("sizes and durations", () => {
  test.each([
    ["40 GB", 40e9],
    ["1.5TiB", 1.5 * 2 ** 40],
    ["500 MiB", 500 * 2 ** 20],
    ["10 b", 10],
  ])("%s is %d bytes", (text, bytes) => expect(parseSize(text)).toBe(bytes));

  test.each(["40", "40 GiGs", "", "0 GB", "-1 GB"])("%j is refused with the units to use", (text) => {
    expect(parseSize(text)).toEqual({ problem: expect.stringMatching(/a volume is more than nothing|write a number and a unit/) });
  });

  test.each([
    ["15m", 900],
    ["1h30m", 5400],
    ["90s", 90],
    ["1d", 86400],
  ])("%s is %d seconds", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  test.each(["15 minutes", "m", "30m1h", "0m", ""])("%j is refused", (text) => {
    expect(typeof parseDuration(text)).toBe("object");
  });
});

describe("capacity resolves per run", () => {
  test("a volume per run and its deadline, with the default safety factor", () => {
    const job = loadConfig(writeTempProject(withCapacity({ volumePerRun: "40 GB", deadline: "15m" }))).stages.prod.jobs.JoinLegislators;
    expect(job.capacity).toEqual({ volumePerRunBytes: 40e9, deadlineSeconds: 900, safetyFactor: 1.5, declared: "40 GB a run, within 15m" });
  });

  test("a volume per day is shared by its runs, which must end before the next one starts", () => {
    const job = loadConfig(writeTempProject(withCapacity({ volumePerDay: "1 TB", every: "1h", safetyFactor: 2 }))).stages.dev.jobs.JoinLegislators;
    expect(job.capacity).toEqual({ volumePerRunBytes: 1e12 / 24, deadlineSeconds: 3600, safetyFactor: 2, runsPerDay: 24, declared: "1 TB a day, every 1h, before the next run" });
  });

  test("a job without capacity has none; a stage override replaces the shared one", () => {
    const config = loadConfig(
      writeTempProject(withCapacity({ volumePerRun: "40 GB", deadline: "15m" }, (c) => (c.stages.prod.jobs = { JoinLegislators: { capacity: { volumePerRun: "1 TB", deadline: "1h" } } }))),
    );
    expect(config.stages.dev.jobs.ProcessLegislators.capacity).toBeUndefined();
    expect(config.stages.dev.jobs.JoinLegislators.capacity?.volumePerRunBytes).toBe(40e9);
    expect(config.stages.prod.jobs.JoinLegislators.capacity?.volumePerRunBytes).toBe(1e12);
  });
});

describe("capacity refusals name the key and the fix", () => {
  test.each<[string, unknown, RegExp]>([
    ["no volume", { deadline: "15m" }, /^jobs\.JoinLegislators\.capacity: say how much a run reads: add volumePerRun/],
    ["both volumes", { volumePerRun: "1 GB", volumePerDay: "1 TB", deadline: "1m" }, /capacity\.volumePerDay: give volumePerRun or volumePerDay, not both/],
    ["a volume per run without deadline", { volumePerRun: "1 GB" }, /capacity\.deadline: required key is missing; add it: .*"15m"/],
    ["a volume per day without every", { volumePerDay: "1 TB" }, /capacity\.every: required key is missing.*"1h"/],
    ["every with a volume per run", { volumePerRun: "1 GB", deadline: "5m", every: "1h" }, /capacity\.every: every goes with volumePerDay/],
    ["a deadline longer than every", { volumePerDay: "1 TB", every: "1h", deadline: "2h" }, /capacity\.deadline: found "2h", longer than every/],
    ["a bad size", { volumePerRun: "40 gigs", deadline: "15m" }, /capacity\.volumePerRun: found "40 gigs" \(write a number and a unit.*\); expected a size, for example "40 GB"/],
    ["a size as a number", { volumePerRun: 40, deadline: "15m" }, /capacity\.volumePerRun: found the number 40; expected a size in quotes/],
    ["a bad duration", { volumePerRun: "40 GB", deadline: "15 minutes" }, /capacity\.deadline: found "15 minutes" \(write whole numbers of d, h, m and s/],
    ["a safety factor under 1", { volumePerRun: "40 GB", deadline: "15m", safetyFactor: 0.5 }, /capacity\.safetyFactor: found the number 0.5; expected a number from 1 to 10 \(1 is no margin at all\)/],
    ["an unknown key", { volumePerRun: "40 GB", deadlin: "15m" }, /capacity: unknown key "deadlin" \(did you mean "deadline"\?\)/],
  ])("%s", (_what, capacity, message) => {
    expect(problemsOf(withCapacity(capacity))).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  test("the error names the config file", () => {
    expect(() => loadConfig(writeTempProject(withCapacity({ volumePerRun: "40 GB" })))).toThrow(/Invalid config .*\.yaml:\n.*jobs\.JoinLegislators\.capacity\.deadline/);
  });
});
