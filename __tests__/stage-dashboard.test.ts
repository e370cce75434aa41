/** The stage dashboard: a row of widgets for every configured job, built from the config alone. */
import { dashboardBody, JOBS_PER_DASHBOARD } from "../stacks/constructs/stage-dashboard";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;
const dashboardsOf = (json: Json): Json[] => Object.values(resourcesOf(json, "aws_cloudwatch_dashboard"));
const titles = (body: Json): string[] => body.widgets.filter((w: Json) => w.type === "metric").map((w: Json) => w.properties.title);

describe("stage dashboard", () => {
  test("every configured job of the stage has its runs, duration and executors widgets", () => {
    const input = baseConfig();
    input.jobs.CountMemberships = { script: "count.py", outputs: { out: "s3://{stageBucket}/output/count/" } };
    const { json, config } = synthGlueStack(writeTempProject(input, ["count.py"]), "prod");
    const [dashboard] = dashboardsOf(json);
    expect(dashboard.dashboard_name).toBe("glue-prod");
    const body = JSON.parse(dashboard.dashboard_body);
    const jobs = Object.values(config.stages.prod.jobs).map((job) => job.glueJobName);
    expect(jobs).toContain("prod-CountMemberships");
    for (const job of jobs) {
      expect(titles(body)).toEqual(expect.arrayContaining([`${job}: runs`, `${job}: duration (ms)`, `${job}: executors and workers`]));
    }
    expect(titles(body)).toHaveLength(3 * jobs.length);
  });

  test("the widgets read the metrics the jobs emit, per job over all its runs", () => {
    const [runs, duration, executors] = (dashboardBody("dev", "eu-west-1", ["dev-A"], 1, 1).widgets as Json[]).slice(1);
    expect(runs.properties.metrics.map((m: any[]) => m[1])).toEqual(["glue.succeed.ALL", "glue.error.ALL"]);
    expect(runs.properties.metrics[0].slice(0, 10)).toEqual(["Glue", "glue.succeed.ALL", "JobName", "dev-A", "JobRunId", "ALL", "Type", "count", "ObservabilityGroup", "error"]);
    expect(duration.properties.metrics[0][1]).toBe("glue.driver.aggregate.elapsedTime");
    expect(executors.properties.metrics.map((m: any[]) => m[1])).toEqual([
      "glue.driver.ExecutorAllocationManager.executors.numberAllExecutors",
      "glue.driver.ExecutorAllocationManager.executors.numberMaxNeededExecutors",
      "glue.driver.workerUtilization",
    ]);
    expect(runs.properties.region).toBe("eu-west-1");
  });

  test("rows do not overlap, and a stage with many jobs gets more pages, none over 500 widgets", () => {
    const input = baseConfig();
    for (let i = 0; i < JOBS_PER_DASHBOARD + 10; i++) {
      input.jobs[`J${i}`] = { script: "join_legislators.py", outputs: { out: `s3://{stageBucket}/output/j${i}/` } };
    }
    const dashboards = dashboardsOf(synthGlueStack(writeTempProject(input), "dev").json);
    expect(dashboards.map((d) => d.dashboard_name)).toEqual(["glue-dev", "glue-dev-2"]);
    const widgets = dashboards.flatMap((d) => JSON.parse(d.dashboard_body).widgets as Json[]);
    for (const d of dashboards) expect(JSON.parse(d.dashboard_body).widgets.length).toBeLessThanOrEqual(500);
    expect(widgets.filter((w) => w.type === "metric")).toHaveLength(3 * (JOBS_PER_DASHBOARD + 12));
    const [first] = dashboards;
    const positions = JSON.parse(first.dashboard_body).widgets.map((w: Json) => `${w.x},${w.y}`);
    expect(new Set(positions).size).toBe(positions.length);
  });
});
