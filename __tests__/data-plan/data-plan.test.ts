/** The data plan's pure parts: schema comparison, cost, runs per month of a schedule, and the config's schema key. */
import { ConfigError, loadConfig } from "../../stacks/config";
import { averageRunsPerMonth } from "../../stacks/config/schedule";
import { jobCost } from "../../review/data-plan/job-cost";
import { schemaChanges, widens, type SideSchema } from "../../review/data-plan/schema-changes";
import { exampleConfig } from "../helpers/data-plan-repo";
import { writeTempProject } from "../../testkit/temp-project";
import { SUMMARY_SCRIPT } from "../helpers/chain-config";

const side = (columns: [string, string, boolean?][], keys?: string[]): SideSchema => ({
  columns: columns.map(([name, type, nullable = true]) => ({ name, type, nullable })),
  keys,
  source: "declared",
});

describe("schema changes, breaking first", () => {
  const base = side([["org_id", "string", false], ["org_name", "string"], ["members", "bigint"], ["share", "float"]], ["org_id"]);

  test("removed, renamed, narrowed, made required and re-keyed are breaking and name the readers; added and widened are not", () => {
    const head = side([["org_id", "string", false], ["name", "string", false], ["members", "int"], ["share", "double"], ["seats", "bigint"]], ["org_id", "name"]);
    const changes = schemaChanges("output_path", base, head, ["SummarizeLegislators"]);
    expect(changes.map((c) => [c.column, c.change, c.breaking])).toEqual([
      ["org_name", "renamed to name", true],
      ["members", "type bigint -> int (narrowed or changed)", true],
      ["(keys)", "keys [org_id] -> [org_id, name]", true],
      ["share", "type float -> double (widened)", false],
      ["seats", "added (bigint)", false],
    ]);
    expect(changes.filter((c) => c.breaking).every((c) => c.downstream.join() === "SummarizeLegislators")).toBe(true);
    expect(changes.filter((c) => !c.breaking).every((c) => c.downstream.length === 0)).toBe(true);
  });

  test("a nullable column become required is breaking; the reverse is not", () => {
    const required = schemaChanges("o", side([["a", "string"]]), side([["a", "string", false]]), []);
    expect(required).toEqual([{ output: "o", column: "a", change: "nullable -> required", breaking: true, downstream: [] }]);
    expect(schemaChanges("o", side([["a", "string", false]]), side([["a", "string"]]), [])[0]).toMatchObject({ change: "required -> nullable", breaking: false });
  });

  test("a column gone without a same-typed one in its place is dropped", () => {
    expect(schemaChanges("o", side([["a", "string"], ["b", "bigint"]]), side([["a", "string"], ["c", "string"]]), [])).toEqual([
      { output: "o", column: "b", change: "dropped (was bigint)", breaking: true, downstream: [] },
      { output: "o", column: "c", change: "added (string)", breaking: false, downstream: [] },
    ]);
  });

  test.each([
    ["int", "bigint", true],
    ["bigint", "int", false],
    ["int", "double", true],
    ["decimal(10,2)", "decimal(12,2)", true],
    ["decimal(10,2)", "decimal(10,3)", false],
    ["date", "timestamp", true],
    ["string", "int", false],
  ])("%s -> %s widens: %s", (from, to, expected) => expect(widens(from, to)).toBe(expected));
});

describe("cost", () => {
  const stage = { schedule: "cron(0 6 ? * MON-FRI *)", account: { awsAccountId: "123456789012", awsRegion: "eu-west-1" } };
  const job = { workerType: "G.2X" as const, numberOfWorkers: 10, executionClass: "FLEX" as const, timeoutMinutes: 120, expectedDurationMinutes: 30 };

  test("DPUs per worker × workers × the config's duration, per run and per month, for both classes", () => {
    const cost = jobCost({ job, stage, ceiling: 10 });
    expect(cost).toMatchObject({ dpuHoursPerRun: 10, durationSource: "config", perMonth: { runs: 21.73, dpuHours: 217.29, usd: 63.01 } });
    expect(cost.prices.STANDARD).toMatchObject({ usdPerRun: 4.4, usdPerMonth: 95.61, asOf: "2024-11-01" });
    expect(cost.prices.FLEX).toMatchObject({ usdPerRun: 2.9, usdPerDpuHour: 0.29 });
  });

  test("a timeout × workers over the ceiling is flagged at the job's own class", () => {
    expect(jobCost({ job, stage, ceiling: 10 }).worstCasePerRun).toEqual({ usd: 11.6, ceiling: 10, over: true });
    expect(jobCost({ job, stage, ceiling: 20 }).worstCasePerRun!.over).toBe(false);
  });

  test("a short run is billed its minute; a measured run is used when the config has no duration", () => {
    const cost = jobCost({ job: { ...job, expectedDurationMinutes: undefined }, stage, measuredSeconds: 6, ceiling: 10 });
    expect(cost).toMatchObject({ durationMinutes: 0.1, durationSource: "measured on the sample data", dpuHoursPerRun: 0.3333 });
  });

  test("an M-DPU worker or an unlisted region has DPU-hours but no price, and says why", () => {
    const cost = jobCost({ job: { ...job, workerType: "R.2X", executionClass: "STANDARD" }, stage, ceiling: 10 });
    expect(cost.prices).toEqual({});
    expect(cost.note).toBe("no M-DPU-hour price for eu-west-1 in stacks/constants/glue-pricing.ts");
    expect(jobCost({ job, stage: { ...stage, account: { ...stage.account, awsRegion: "ap-south-2" } }, ceiling: 10 }).note).toMatch(/no DPU-hour price for ap-south-2/);
  });

  test.each([
    ["cron(0 6 * * ? *)", 30.44],
    ["cron(0/15 * * * ? *)", 2922],
    ["cron(0 0 L * ? *)", 1],
    ["cron(0 0 ? * 2#1 *)", 1],
    ["cron(0 0 1 JAN ? *)", 1 / 12],
  ])("%s fires %d times in an average month", (schedule, runs) => expect(averageRunsPerMonth(schedule)).toBeCloseTo(runs, 2));
});

describe("outputs.<name>.schema in the config", () => {
  const withSchema = (schema: unknown) => {
    const config = exampleConfig();
    config.pythonLibraries = ["shared_lib"];
    config.jobs.SummarizeLegislators.outputs.output_path.schema = schema;
    return writeTempProject(config, [SUMMARY_SCRIPT]);
  };
  const problems = (schema: unknown): string[] => {
    try {
      loadConfig(withSchema(schema));
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
      throw error;
    }
    throw new Error("the config loaded");
  };

  test("columns and keys resolve, types in Spark's spelling, nullable unless said", () => {
    const config = loadConfig(withSchema({ keys: ["org_name"], columns: { org_name: "String", members: { type: "long", nullable: false }, tags: "array<integer>" } }));
    expect(config.stages.dev.jobs.SummarizeLegislators.outputContracts).toEqual({
      output_path: {
        keys: ["org_name"],
        columns: [
          { name: "org_name", type: "string", nullable: true },
          { name: "members", type: "bigint", nullable: false },
          { name: "tags", type: "array<int>", nullable: true },
        ],
      },
    });
  });

  test.each([
    ["an unknown type", { columns: { a: "strng" } }, /^jobs\.SummarizeLegislators\.outputs\.output_path\.schema\.columns\.a: found "strng" \(it is not a Spark SQL type\); expected a Spark SQL type such as string, bigint/],
    ["a key that is no column", { keys: ["b"], columns: { a: "string" } }, /schema\.keys\.0: found the key b, which is not one of the columns \(a\); add it to columns or fix the name$/],
    ["neither columns nor keys", {}, /schema: an output's schema gives columns, keys or both; remove schema: to take what the job produces$/],
    ["an unknown key", { colums: { a: "string" } }, /schema: unknown key "colums" \(did you mean "columns"\?\); allowed keys: columns, keys$/],
  ])("%s is refused with the key and the fix", (_name, schema, message) => {
    expect(problems(schema).filter((p) => message.test(p))).toHaveLength(1);
  });
});
