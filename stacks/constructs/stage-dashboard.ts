/**
 * `glue-<stage>`: a CloudWatch dashboard with a row per job of the stage: its runs (succeeded and
 * failed), its duration, and the executors and workers it used. The data is what the jobs already emit
 * (`--enable-metrics` and `--enable-observability-metrics`); the rows come from the config's job list,
 * so a new job gets its row without a TypeScript edit. A dashboard holds at most 500 widgets, so a stage
 * with many jobs gets pages: `glue-<stage>`, `glue-<stage>-2`, …
 */
import { CloudwatchDashboard, Construct } from "../cdktf";

/** Three widgets a job, so 150 jobs fill a page with room for its heading. */
export const JOBS_PER_DASHBOARD = 150;
const WIDTH = 8;
const HEIGHT = 6;
const PERIOD_SECONDS = 300;

export interface StageDashboardProps {
  readonly stage: string;
  readonly region: string;
  /** The deployed names of the stage's jobs, in the order they are shown. */
  readonly glueJobNames: readonly string[];
}

type MetricRow = (string | Record<string, string>)[];

interface Widget {
  readonly type: "metric" | "text";
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

/** A Glue metric of a job over all its runs (JobRunId ALL). */
function glueMetric(name: string, job: string, type: "count" | "gauge", stat: string, label: string, group?: string): MetricRow {
  return [
    "Glue",
    name,
    "JobName",
    job,
    "JobRunId",
    "ALL",
    "Type",
    type,
    ...(group ? ["ObservabilityGroup", group] : []),
    { stat, label },
  ];
}

/** The three widgets of one job, on row `row`. */
export function jobWidgets(job: string, row: number, region: string): Widget[] {
  const y = 1 + row * HEIGHT;
  const graph = (x: number, title: string, metrics: MetricRow[], extra: Record<string, unknown> = {}): Widget => ({
    type: "metric",
    x,
    y,
    width: WIDTH,
    height: HEIGHT,
    properties: { title, region, view: "timeSeries", stacked: false, period: PERIOD_SECONDS, metrics, ...extra },
  });
  return [
    graph(0, `${job}: runs`, [
      glueMetric("glue.succeed.ALL", job, "count", "Sum", "succeeded", "error"),
      glueMetric("glue.error.ALL", job, "count", "Sum", "failed", "error"),
    ]),
    graph(WIDTH, `${job}: duration (ms)`, [glueMetric("glue.driver.aggregate.elapsedTime", job, "count", "Maximum", "elapsed time")]),
    graph(2 * WIDTH, `${job}: executors and workers`, [
      glueMetric("glue.driver.ExecutorAllocationManager.executors.numberAllExecutors", job, "gauge", "Maximum", "executors"),
      glueMetric("glue.driver.ExecutorAllocationManager.executors.numberMaxNeededExecutors", job, "gauge", "Maximum", "executors needed"),
      glueMetric("glue.driver.workerUtilization", job, "gauge", "Average", "worker utilization", "resource_utilization"),
    ]),
  ];
}

/** The body of one page: a heading, then a row per job. */
export function dashboardBody(stage: string, region: string, jobs: readonly string[], page: number, pages: number): Record<string, unknown> {
  const heading: Widget = {
    type: "text",
    x: 0,
    y: 0,
    width: 3 * WIDTH,
    height: 1,
    properties: { markdown: `# Glue jobs of ${stage}${pages > 1 ? ` (page ${page} of ${pages})` : ""}` },
  };
  return { widgets: [heading, ...jobs.flatMap((job, row) => jobWidgets(job, row, region))] };
}

export function dashboardName(stage: string, page: number): string {
  return page === 1 ? `glue-${stage}` : `glue-${stage}-${page}`;
}

export class StageDashboard extends Construct {
  readonly dashboards: CloudwatchDashboard[] = [];

  constructor(scope: Construct, id: string, props: StageDashboardProps) {
    super(scope, id);
    const pages = Math.max(1, Math.ceil(props.glueJobNames.length / JOBS_PER_DASHBOARD));
    for (let page = 1; page <= pages; page++) {
      const jobs = props.glueJobNames.slice((page - 1) * JOBS_PER_DASHBOARD, page * JOBS_PER_DASHBOARD);
      this.dashboards.push(
        new CloudwatchDashboard(this, page === 1 ? "dashboard" : `dashboard-${page}`, {
          dashboardName: dashboardName(props.stage, page),
          dashboardBody: JSON.stringify(dashboardBody(props.stage, props.region, jobs, page, pages)),
        }),
      );
    }
  }
}
