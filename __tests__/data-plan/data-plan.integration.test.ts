/**
 * The data plan end to end, in git repositories made here: a script change that drops a column
 * (breaking, naming the job downstream) and one that adds a column (not breaking), made in one head so
 * that one local Spark session serves them, as the data plan promises; and a change of workers and
 * schedule only, which runs nothing on Spark.
 */
import { runDataPlan, type DataPlan } from "../../review/data-plan/data-plan";
import { dataHeadline, formatDataPlan } from "../../review/data-plan/format-data-plan";
import { runDiff } from "../../review/diff-cli";
import { dataPlanRepo, exampleConfig } from "../helpers/data-plan-repo";

const SPARK_TIMEOUT = 400_000;

describe("a data plan of two script changes, on the sample data", () => {
  let plan: DataPlan;
  const progress: string[] = [];

  beforeAll(async () => {
    const repo = dataPlanRepo();
    repo.edit("join_legislators.py", "    history.printSchema()", '    history = history.drop("org_name")\n    history.printSchema()');
    repo.edit("process_legislators.py", "write_output(clean_persons(persons), args, \"output_path\")", 'write_output(clean_persons(persons).withColumn("source", F.lit("sample")), args, "output_path")');
    repo.edit("process_legislators.py", "from pyspark.sql import SparkSession", "from pyspark.sql import SparkSession\nfrom pyspark.sql import functions as F");
    plan = await runDataPlan({ configFile: repo.configFile, base: "HEAD", env: process.env, log: (line) => progress.push(line) });
  }, SPARK_TIMEOUT);

  const dev = (job: string) => plan.jobs.find((j) => j.job === job && j.stage === "dev")!;

  test("dropping a column is breaking, and names the job that reads the table", () => {
    expect(dev("JoinLegislators").change).toBe("data");
    expect(dev("JoinLegislators").schemaChanges).toEqual([
      { output: "output_path", column: "org_name", change: "dropped (was string)", breaking: true, downstream: ["SummarizeLegislators"] },
    ]);
    expect(dataHeadline(plan)).toMatch(/^1 breaking schema change: JoinLegislators drops `org_name`, read by SummarizeLegislators/);
  });

  test("the change flows downstream: SummarizeLegislators runs on the head's history and fails for the missing column", () => {
    const summarize = dev("SummarizeLegislators");
    expect(summarize.change).toBe("downstream");
    expect(summarize.runErrors).toEqual([{ side: "head", error: expect.stringContaining("org_name") }]);
    expect(dataHeadline(plan)).toContain("1 job FAIL on the sample data at head: SummarizeLegislators");
  });

  test("adding a column is not breaking; the row diff shows the column only in head and no row lost", () => {
    const process = dev("ProcessLegislators");
    expect(process.schemaChanges).toEqual([{ output: "output_path", column: "source", change: "added (string, required)", breaking: false, downstream: [] }]);
    const rows = process.rowDiff!.output_path;
    expect(rows).toMatchObject({ keyed: false, rowsBase: 8, rowsHead: 8, rowsOnlyInBase: 0, rowsOnlyInHead: 0, columnsOnlyInHead: ["source"] });
  });

  test("the dropped column is counted in the row diff of the history", () => {
    expect(dev("JoinLegislators").rowDiff!.output_path).toMatchObject({ rowsBase: 9, rowsHead: 9, columnsOnlyInBase: ["org_name"] });
  });

  test("prod takes the dev runs (same data), with its own cost: 4 workers, STANDARD", () => {
    const prod = plan.jobs.find((j) => j.job === "JoinLegislators" && j.stage === "prod")!;
    expect(prod.schemaChanges.map((c) => c.column)).toEqual(["org_name"]);
    expect(prod.cost).toMatchObject({ workers: 4, executionClass: "STANDARD", durationSource: "measured on the sample data" });
  });

  test("one Spark session for every run; progress on one line per job run", () => {
    expect(progress.filter((l) => l.startsWith("data plan: spark started"))).toHaveLength(1);
    const runs = progress.filter((l) => / (ran|FAILED \(exit \d+\)) in /.test(l));
    expect(runs).toEqual([
      expect.stringMatching(/^data plan: base ProcessLegislators ran in/),
      expect.stringMatching(/^data plan: base JoinLegislators ran in/),
      expect.stringMatching(/^data plan: base SummarizeLegislators ran in/),
      expect.stringMatching(/^data plan: head ProcessLegislators ran in/),
      expect.stringMatching(/^data plan: head JoinLegislators ran in/),
      expect.stringMatching(/^data plan: head SummarizeLegislators FAILED \(exit 1\) in/),
    ]);
    expect(plan.sparkStartSeconds).toBeGreaterThan(0);
  });

  test("the Data section lists breaking changes before the others", () => {
    const text = formatDataPlan(plan);
    expect(text.indexOf("! BREAKING output_path.org_name")).toBeGreaterThan(0);
    expect(text).toContain("+ output_path.source: added (string, required)");
  });
});

describe("a change of workers and schedule only", () => {
  test("no job runs on Spark, no schema changes, and the cost says what it was and what it will be", async () => {
    const config = exampleConfig();
    config.prodAccount.awsRegion = "eu-west-1";
    const repo = dataPlanRepo(config);
    repo.config((c) => {
      c.stages.prod.jobs.JoinLegislators.numberOfWorkers = 6;
      c.stages.prod.schedule = "cron(0 6 * * ? *)";
    });
    const progress: string[] = [];
    const plan = await runDataPlan({ configFile: repo.configFile, base: "HEAD", env: process.env, log: (l) => progress.push(l) });

    expect(progress.some((l) => l.includes("spark started"))).toBe(false);
    expect(plan.jobs.map((j) => `${j.job} ${j.stage} ${j.change}`)).toEqual(["ProcessLegislators prod cost", "JoinLegislators prod cost", "SummarizeLegislators prod cost"]);
    expect(plan.jobs.every((j) => j.schemaChanges.length === 0 && j.rowDiff === null)).toBe(true);
    const join = plan.jobs.find((j) => j.job === "JoinLegislators")!.cost!;
    // No duration in the config and no run: the 60-minute timeout, the worst case, on both sides.
    expect(join).toMatchObject({ workers: 6, executionClass: "STANDARD", dpuHoursPerRun: 6, durationSource: expect.stringMatching(/^timeout/) });
    expect(join.base).toMatchObject({ workers: 4, dpuHoursPerRun: 4 });
    expect(join.base!.perMonth).toBeUndefined();
    expect(join.perMonth).toEqual({ runs: 30.44, dpuHours: 182.63, usd: 80.36 });
    expect(join.prices.STANDARD).toMatchObject({ usdPerRun: 2.64, usdPerDpuHour: 0.44 });
    expect(join.base!.prices.STANDARD!.usdPerRun).toBe(1.76);
    expect(plan.breaking).toBe(0);
    expect(dataHeadline(plan)).toBe("data: 3 jobs changed, no breaking schema change");
    const text = formatDataPlan(plan);
    expect(text).toContain("JoinLegislators (prod): only its capacity, class or schedule changed (not run)");
    expect(text).toContain("was: 4 × G.1X STANDARD");
  });

  test("a base that names no commit is refused with the fix", async () => {
    const repo = dataPlanRepo();
    await expect(runDataPlan({ configFile: repo.configFile, base: "no-such-branch", env: process.env, log: () => {} })).rejects.toThrow(
      /--base no-such-branch names no commit of .*; give a branch, tag or commit, for example --base main/,
    );
  });
});

describe("npm run diff -- --data-only", () => {
  const run = async (args: string[]) => {
    let stdout = "";
    const log: string[] = [];
    // No terraform on PATH, no AWS variables: the data plan needs neither.
    const env = { PATH: "/usr/bin:/bin", HOME: process.env.HOME, PYTHONPATH: process.env.PYTHONPATH };
    const code = await runDiff(args, { env, print: (text) => (stdout += text), log: (line) => log.push(line) });
    return { code, stdout, log };
  };

  test("--json carries data.jobs[] with job, stage, schemaChanges, rowDiff and cost (base included); exit 2 for changes", async () => {
    const repo = dataPlanRepo();
    repo.config((c) => (c.stages.dev.jobs.ProcessLegislators = { numberOfWorkers: 3 }));
    const { code, stdout } = await run(["--data-only", "--json", "--config", repo.configFile, "--base", "HEAD"]);
    expect(code).toBe(2);
    const json = JSON.parse(stdout);
    expect(json.stacks).toEqual([]);
    expect(json.data.jobs).toEqual([
      expect.objectContaining({
        job: "ProcessLegislators",
        stage: "dev",
        schemaChanges: [],
        rowDiff: null,
        cost: expect.objectContaining({ dpuHoursPerRun: 3, executionClass: "FLEX", base: expect.objectContaining({ dpuHoursPerRun: 2 }) }),
      }),
    ]);
    expect(json.data.headline).toBe("data: 1 job changed, no breaking schema change");
  });

  test("a stack name with --data-only is refused", async () => {
    await expect(run(["--data-only", "prod-glue"])).rejects.toThrow("--data-only plans no stack: drop the stack names, --skip-synth and --plan-roles");
  });
});
