import { qualityArgument } from "../stacks/config/quality-arguments";
import { chainSpec, workflowGraph, workflowOrder } from "../local-run/local-workflow";
import { loadConfig } from "../stacks/config";

type Job = { name: string; after: string[] };
const job = (name: string, ...after: string[]): Job => ({ name, after });
const names = (jobs: Job[]) => jobs.map((j) => j.name);
const NO_DATA = { inputTables: {}, outputTables: {}, outputs: {} };

describe("workflowOrder", () => {
  test("each job comes after every job it runs after; ready jobs keep config order", () => {
    expect(names(workflowOrder([job("C", "B"), job("A"), job("B", "A"), job("D")]))).toEqual(["A", "B", "C", "D"]);
    expect(names(workflowOrder([job("Z", "X", "Y"), job("Y"), job("X", "Y")]))).toEqual(["Y", "X", "Z"]);
  });

  test("refuses a cycle and an unknown job, which the config check refuses first", () => {
    expect(() => workflowOrder([job("A", "B"), job("B", "A"), job("C")])).toThrow("no order runs A, B: their after lists form a cycle");
    expect(() => workflowOrder([job("A", "Nope")])).toThrow("A runs after Nope, which is not a job of the stage");
  });
});

describe("workflowGraph", () => {
  test("the shipped dev stage: its start trigger, the chain under the job it waits for, and each job's tables", () => {
    const dev = loadConfig().stages.dev;
    const bucket = dev.bucketName;
    expect(workflowGraph("dev", Object.values(dev.jobs))).toBe(
      [
        "dev-glue-workflow (stage dev, 3 jobs)",
        "",
        "start: dev-glue-start, ON_DEMAND: StartWorkflowRun",
        "├─▶ ProcessLegislators",
        `│     writes s3://${bucket}/output/process_legislators/`,
        "└─▶ JoinLegislators",
        `      writes table dev_glue.legislators_history at s3://${bucket}/output/join_legislators/`,
        "    └─▶ SummarizeLegislators  [dev-SummarizeLegislators-after: when JoinLegislators SUCCEEDED]",
        "          reads table dev_glue.legislators_history",
        `          writes table dev_glue.legislators_summary at s3://${bucket}/output/summarize_legislators/`,
        "",
        "run order: ProcessLegislators, JoinLegislators, SummarizeLegislators",
      ].join("\n"),
    );
  });

  test("a job after several is drawn once, under the one it waits for last, and named under the others", () => {
    const jobs = [job("A"), job("B"), job("C", "A", "B")].map((j) => ({ ...j, ...NO_DATA }));
    expect(workflowGraph("prod", jobs, "cron(0 6 * * ? *)")).toBe(
      [
        "prod-glue-workflow (stage prod, 3 jobs)",
        "",
        "start: prod-glue-start, SCHEDULED cron(0 6 * * ? *) (UTC)",
        "├─▶ A",
        "│   └─▶ C (drawn under B)",
        "└─▶ B",
        "    └─▶ C  [prod-C-after: when A and B SUCCEEDED]",
        "",
        "run order: A, B, C",
      ].join("\n"),
    );
  });
});

describe("chainSpec", () => {
  test("the shipped dev stage's jobs in workflow order, each with its local arguments and absolute script", () => {
    const dev = loadConfig().stages.dev;
    const spec = chainSpec(Object.values(dev.jobs), { localDataDir: "/in", outputDir: "/out" });
    expect(spec.map((entry) => entry.name)).toEqual(["ProcessLegislators", "JoinLegislators", "SummarizeLegislators"]);
    expect(spec[2]).toEqual({
      name: "SummarizeLegislators",
      script: dev.jobs.SummarizeLegislators.scriptPath,
      args: [
        "--JOB_NAME", "dev-SummarizeLegislators",
        "--history", `/out/${dev.bucketName}/output/join_legislators/`,
        "--output_path", `/out/${dev.bucketName}/output/summarize_legislators/`,
        "--history_table", "dev_glue.legislators_history",
        "--output_path_table", "dev_glue.legislators_summary",
        // The output's rules, as Glue gets them (stacks/config/quality-arguments.ts).
        "--output_path_quality", qualityArgument(dev.jobs.SummarizeLegislators.outputQuality.output_path),
      ],
    });
    // The table JoinLegislators writes is where SummarizeLegislators reads it.
    expect(spec[1].args).toEqual(expect.arrayContaining(["--output_path", `/out/${dev.bucketName}/output/join_legislators/`, "--output_path_table", "dev_glue.legislators_history"]));
  });
});
