/** The config keys that chain jobs and catalog their data: what they resolve to, and each refusal. */
import { ConfigError, loadConfig } from "../stacks/config";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;

function load(config: Json) {
  return loadConfig(writeTempProject(config, [SUMMARY_SCRIPT]));
}

/** The problems of a config that must fail, as `path: message` lines. */
function problemsOf(config: Json): string[] {
  try {
    load(config);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error("the config loaded, but it should have failed");
}

describe("orchestration and catalog keys resolve", () => {
  const config = load(chainConfig());
  const dev = config.stages.dev;

  test("after names the jobs a job runs after; none by default", () => {
    expect(dev.jobs.SummarizeLegislators.after).toEqual(["JoinLegislators"]);
    expect(dev.jobs.JoinLegislators.after).toEqual([]);
  });

  test("an output's table lands in the stage's database, and its path is the output", () => {
    expect(dev.databaseName).toBe("dev_glue");
    expect(config.stages.prod.databaseName).toBe("prod_glue");
    expect(dev.jobs.JoinLegislators.outputs).toEqual({ output_path: "s3://dev-glue-222222222222-eu-west-1/output/join_legislators/" });
    expect(dev.jobs.JoinLegislators.outputTables).toEqual({ output_path: { database: "dev_glue", name: "legislators_history" } });
    expect(dev.jobs.ProcessLegislators.outputTables).toEqual({});
  });

  test("a table input is read at the location of the job that writes the table, in each stage", () => {
    expect(dev.jobs.SummarizeLegislators.inputTables).toEqual({ history: { database: "dev_glue", name: "legislators_history" } });
    expect(dev.jobs.SummarizeLegislators.inputs).toEqual({ history: "s3://dev-glue-222222222222-eu-west-1/output/join_legislators/" });
    expect(config.stages.prod.jobs.SummarizeLegislators.inputs).toEqual({ history: "s3://prod-glue-333333333333-eu-central-1/output/join_legislators/" });
  });

  test("no schedule means on demand; the Athena cutoff defaults to 1 GiB", () => {
    expect(dev.schedule).toBeUndefined();
    expect(dev.athena).toEqual({ bytesScannedCutoffPerQuery: 1073741824 });
  });

  test("a stage sets its schedule and cutoff; a stage override of after wins", () => {
    const loaded = load(
      chainConfig((c) => {
        c.stages.prod.schedule = "cron(0 6 * * ? *)";
        c.stages.prod.athena = { bytesScannedCutoffPerQuery: 10_000_000 };
        c.stages.prod.jobs.ProcessLegislators = { after: ["JoinLegislators"] };
      }),
    );
    expect(loaded.stages.prod.schedule).toBe("cron(0 6 * * ? *)");
    expect(loaded.stages.prod.athena.bytesScannedCutoffPerQuery).toBe(10_000_000);
    expect(loaded.stages.prod.jobs.ProcessLegislators.after).toEqual(["JoinLegislators"]);
    expect(loaded.stages.dev.jobs.ProcessLegislators.after).toEqual([]);
  });

  test("the string form of an output keeps working next to the mapping form without a table", () => {
    const loaded = load(chainConfig((c) => (c.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process/" })));
    expect(loaded.stages.dev.jobs.ProcessLegislators.outputs.output_path).toBe("s3://dev-glue-222222222222-eu-west-1/output/process/");
    expect(loaded.stages.dev.jobs.ProcessLegislators.outputTables).toEqual({});
  });
});

describe("orchestration and catalog keys refuse, naming the jobs", () => {
  const summarize = (change: (job: Json) => void) => chainConfig((c) => change(c.jobs.SummarizeLegislators));

  test.each<[string, Json, RegExp]>([
    [
      "an unknown job in after",
      summarize((j) => (j.after = ["JoinLegislator"])),
      /^jobs\.SummarizeLegislators\.after\.0: found the unknown job JoinLegislator \(did you mean JoinLegislators\?\); expected one of the jobs of dev: ProcessLegislators, JoinLegislators, SummarizeLegislators$/,
    ],
    [
      "a cycle, printed from its first job",
      chainConfig((c) => (c.jobs.JoinLegislators.after = ["SummarizeLegislators"])),
      /^jobs\.JoinLegislators\.after: found a cycle: JoinLegislators → SummarizeLegislators → JoinLegislators; no job of it could ever start: expected after to name only jobs that run before, so remove one of these entries$/,
    ],
    ["a job after itself", chainConfig((c) => (c.jobs.ProcessLegislators.after = ["ProcessLegislators"])), /^jobs\.ProcessLegislators\.after: found a cycle: ProcessLegislators → ProcessLegislators;/],
    [
      "a job after one disabled in that stage",
      chainConfig((c) => (c.stages.prod.jobs.JoinLegislators = { enabled: false })),
      /^jobs\.SummarizeLegislators\.after\.0: in prod: found JoinLegislators, which enabled: false leaves out of prod, so SummarizeLegislators would never start; expected a job of prod: remove JoinLegislators from after, or enable it$/,
    ],
    [
      "a table read that no job of the stage writes",
      summarize((j) => (j.inputs.history = { table: "legislators_histroy" })),
      /^jobs\.SummarizeLegislators\.inputs\.history: in dev: found table legislators_histroy \(did you mean legislators_history\?\), which no job of dev writes; expected a table an output declares \(outputs\.<name>: \{ path, table \}\): the tables of dev are legislators_history, legislators_summary$/,
    ],
    [
      "a table whose only writer is disabled in the stage",
      chainConfig((c) => {
        c.stages.prod.jobs.JoinLegislators = { enabled: false };
        c.jobs.SummarizeLegislators.after = [];
      }),
      /^jobs\.SummarizeLegislators\.inputs\.history: in prod: found table legislators_history, which no job of prod writes \(jobs left out of prod: JoinLegislators\); expected a table an output declares \(outputs\.<name>: \{ path, table \}\): the tables of prod are legislators_summary$/,
    ],
    [
      "two jobs writing one table",
      chainConfig((c) => (c.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process/", table: "legislators_history" })),
      /^jobs\.JoinLegislators\.outputs\.output_path\.table: in dev: found table legislators_history, which ProcessLegislators writes too: each run would replace the other's table; expected a table name of its own, for example legislators_history_joinlegislators$/,
    ],
    [
      "a table read by a job that does not run after its writer",
      summarize((j) => delete j.after),
      /^jobs\.SummarizeLegislators\.inputs\.history: in dev: found a read of table legislators_history, which JoinLegislators writes, but SummarizeLegislators does not run after JoinLegislators: it could read the table before it is written; expected after: \[JoinLegislators\]$/,
    ],
    ["a job reading its own table", summarize((j) => (j.inputs.history = { table: "legislators_summary" })), /which SummarizeLegislators itself writes; expected a table another job writes, or an S3 location/],
    ["a bad cron", chainConfig((c) => (c.stages.dev.schedule = "cron(0 25 * * ? *)")), /^stages\.dev\.schedule: found cron\(0 25 \* \* \? \*\): Hours "25" holds "25", which is not 0-23; expected cron\(Minutes Hours Day-of-month Month Day-of-week Year\) in UTC, for example cron\(0 6 \* \* \? \*\)/],
    ["a rate expression", chainConfig((c) => (c.stages.prod.schedule = "rate(1 day)")), /^stages\.prod\.schedule: .*Glue triggers take cron\(\) only, not rate\(\): write cron\(0 0 \* \* \? \*\) instead/],
    ["a table name in upper case", summarize((j) => (j.outputs.output_path.table = "Summary")), /^jobs\.SummarizeLegislators\.outputs\.output_path\.table: found "Summary"; expected a table name of lower-case letters, digits and _, starting with a letter \(Glue keeps table names in lower case\), for example legislators_history$/],
    ["an unknown key in an output mapping", summarize((j) => (j.outputs.output_path.tabel = "x")), /^jobs\.SummarizeLegislators\.outputs\.output_path: unknown key "tabel"; allowed keys: path, table, schema, quality$/],
    ["an output mapping without a path", summarize((j) => delete j.outputs.output_path.path), /^jobs\.SummarizeLegislators\.outputs\.output_path: path: required key is missing; add it: expected an S3 location, for example s3:\/\/my-bucket\/prefix\/$/],
    ["an output that is a number", summarize((j) => (j.outputs.output_path = 5)), /^jobs\.SummarizeLegislators\.outputs\.output_path: found the number 5; expected an S3 location, or a mapping with path and table, for example s3:\/\/\{stageBucket\}\/output\/my_job\/ or \{ path: /],
    ["an input mapping with a path", summarize((j) => (j.inputs.history = { path: "s3://x/y/" })), /^jobs\.SummarizeLegislators\.inputs\.history: unknown key "path"; allowed keys: table$/],
    ["after that is not a list", summarize((j) => (j.after = "JoinLegislators")), /^jobs\.SummarizeLegislators\.after: found "JoinLegislators"; expected a list of the jobs this one runs after, for example \[JoinLegislators\]$/],
    ["a job twice in after", summarize((j) => (j.after = ["JoinLegislators", "JoinLegislators"])), /^jobs\.SummarizeLegislators\.after: a job is listed twice; list each once$/],
    ["an Athena cutoff under 10 MB", chainConfig((c) => (c.stages.dev.athena = { bytesScannedCutoffPerQuery: 1_000 })), /^stages\.dev\.athena\.bytesScannedCutoffPerQuery: found the number 1000; expected a whole number of bytes, at least 10000000 \(Athena's minimum, 10 MB\), for example 1073741824 \(1 GiB\)$/],
    ["an unknown Athena key", chainConfig((c) => (c.stages.dev.athena = { bytesCutoff: 1 })), /^stages\.dev\.athena: unknown key "bytesCutoff"; allowed keys: bytesScannedCutoffPerQuery$/],
    [
      "an output inside the Athena workgroup's results",
      summarize((j) => (j.outputs.output_path.path = "s3://{stageBucket}/athena-results/summary/")),
      /^jobs\.SummarizeLegislators\.outputs\.output_path: in dev: found s3:\/\/dev-glue-222222222222-eu-west-1\/athena-results\/summary\/, inside athena-results\/ of the stage bucket, which holds the Athena workgroup's query results/,
    ],
    [
      "an argument that takes the name of a table argument",
      summarize((j) => (j.arguments = { output_path_table: "x.y" })),
      /^jobs\.SummarizeLegislators\.outputs\.output_path: --output_path_table is set from outputs\.output_path\.table, and arguments gives it too; rename output_path_table there$/,
    ],
  ])("%s", (_name, config, message) => {
    const problems = problemsOf(config);
    expect(problems.filter((p) => message.test(p))).toHaveLength(1);
  });

  test("every problem is told at once, once for each stage it is wrong in", () => {
    const problems = problemsOf(summarize((j) => (j.after = ["Nope"])));
    expect(problems.filter((p) => p.startsWith("jobs.SummarizeLegislators.after.0: found the unknown job Nope"))).toEqual([
      expect.stringContaining("expected one of the jobs of dev:"),
      expect.stringContaining("expected one of the jobs of prod:"),
    ]);
    expect(problems.filter((p) => p.includes("SummarizeLegislators does not run after JoinLegislators"))).toHaveLength(2);
  });
});
