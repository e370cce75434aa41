/**
 * The data plan as people read it: the terminal's "Data" section, the pull request's markdown, and a
 * headline that leads with what breaks ("1 breaking schema change: JoinLegislators drops `org_name`,
 * read by SummarizeLegislators").
 */
import type { RowDiff } from "./driver-spec";
import type { DataPlan, DataPlanJob } from "./data-plan";
import type { JobCost } from "./job-cost";
import type { SchemaChange } from "./schema-changes";

const usd = (value: number | undefined) => (value === undefined ? "?" : value < 0.01 && value > 0 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** A breaking change as a headline names it: `JoinLegislators drops \`org_name\``. */
function breakingPhrase(job: DataPlanJob, change: SchemaChange): string {
  const verb = change.change.startsWith("dropped")
    ? `drops \`${change.column}\``
    : change.change.startsWith("renamed")
      ? `renames \`${change.column}\` to \`${change.change.replace("renamed to ", "")}\``
      : change.column.startsWith("(")
        ? `${change.change} of ${change.output}`
        : `changes \`${change.column}\` (${change.change})`;
  return `${job.job} ${verb}${change.downstream.length ? `, read by ${change.downstream.join(", ")}` : ""}`;
}

/** Breaking changes and contract violations once per job and change, whichever stage shows them first. */
function breakingItems(plan: DataPlan): string[] {
  const items = new Set<string>();
  for (const job of plan.jobs) for (const change of job.schemaChanges) if (change.breaking) items.add(breakingPhrase(job, change));
  return [...items];
}

function violationItems(plan: DataPlan): string[] {
  return [...new Set(plan.jobs.flatMap((job) => job.contractViolations.map((v) => `${job.job}.${v.output} ${v.problem}`)))];
}

/** One line: what breaks first, else what changed; cut to `maxLength`. */
export function dataHeadline(plan: DataPlan, maxLength = 250): string {
  const breaking = breakingItems(plan);
  const violations = violationItems(plan);
  const parts: string[] = [];
  if (breaking.length > 0) parts.push(`${plural(breaking.length, "breaking schema change")}: ${breaking.join("; ")}`);
  if (violations.length > 0) parts.push(`${plural(violations.length, "schema contract violation")}: ${violations.join("; ")}`);
  const failing = failingJobs(plan);
  if (failing.length > 0) parts.push(`${plural(failing.length, "job")} FAIL on the sample data at head: ${failing.join(", ")}`);
  if (parts.length === 0) {
    const jobs = new Set(plan.jobs.filter((j) => j.change !== "downstream").map((j) => j.job));
    const added = plan.jobs.reduce((n, j) => n + j.schemaChanges.length, 0);
    parts.push(jobs.size === 0 ? "data: no job changed" : `data: ${plural(jobs.size, "job")} changed, no breaking schema change${added ? ` (${plural(added, "other schema change")})` : ""}`);
  }
  const text = parts.join(" | ");
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

function failingJobs(plan: DataPlan): string[] {
  return [...new Set(plan.jobs.filter((j) => j.runErrors.some((e) => e.side === "head")).map((j) => j.job))];
}

/** Whether the data plan has something a reviewer must see first: a breaking change, a broken contract, a failing job. */
export function hasBreaking(plan: DataPlan): boolean {
  return plan.breaking > 0 || plan.violations > 0 || failingJobs(plan).length > 0;
}

function costLines(cost: JobCost & { base?: JobCost }): string[] {
  const line = (c: JobCost) => {
    const prices = Object.entries(c.prices)
      .map(([cls, p]) => `${cls} ${usd(p!.usdPerRun)}/run${p!.usdPerMonth !== undefined ? `, ${usd(p!.usdPerMonth)}/month` : ""}`)
      .join("; ");
    const month = c.perMonth ? `${c.perMonth.runs} runs/month (${c.schedule}), ${c.perMonth.dpuHours} DPU-h/month` : "on demand (no schedule: no monthly figure)";
    return `${c.workers} × ${c.workerType} ${c.executionClass}, ${c.durationMinutes} min (${c.durationSource}): ${c.dpuHoursPerRun} DPU-h/run; ${month}; ${prices || c.note || "no price"}`;
  };
  const lines = [`cost: ${line(cost)}`];
  if (cost.base && JSON.stringify({ ...cost.base, base: undefined }) !== JSON.stringify({ ...cost, base: undefined })) {
    lines.push(`  was: ${line(cost.base)}`);
    const [was, now] = [cost.base.perMonth?.usd, cost.perMonth?.usd];
    const perRun = [cost.base.prices[cost.base.executionClass]?.usdPerRun, cost.prices[cost.executionClass]?.usdPerRun];
    const signed = (d: number) => `${d >= 0 ? "+" : "-"}${usd(Math.abs(d))}`;
    const runDelta = perRun[0] !== undefined && perRun[1] !== undefined ? `${signed(perRun[1] - perRun[0])}/run` : undefined;
    const monthDelta =
      was !== undefined && now !== undefined
        ? `${signed(now - was)}/month`
        : now !== undefined
          ? `${usd(now)}/month at its new schedule (was on demand)`
          : was !== undefined
            ? `-${usd(was)}/month: now on demand`
            : undefined;
    const delta = [runDelta, monthDelta].filter(Boolean).join(", ");
    if (delta) lines.push(`  change: ${delta}, at its own execution class`);
  }
  if (cost.worstCasePerRun?.over) {
    lines.push(`  ! its timeout × workers could cost ${usd(cost.worstCasePerRun.usd)} per run, over the ceiling of ${usd(cost.worstCasePerRun.ceiling)} (dataPlan.costCeilingPerRun)`);
  }
  return lines;
}

function rowDiffLines(output: string, diff: RowDiff): string[] {
  if (diff.error) return [`rows of ${output}: ${diff.error}`];
  const on = diff.keyed ? `by keys ${diff.keys.join(", ")}` : "by whole rows (no keys declared)";
  const counts = [`${diff.rowsBase} → ${diff.rowsHead} rows`, `${diff.rowsOnlyInBase} only in base`, `${diff.rowsOnlyInHead} only in head`];
  if (diff.keyed) counts.push(`${diff.rowsChanged} changed`);
  const lines = [`rows of ${output} (${on}): ${counts.join(", ")}`];
  if (diff.columns?.length) lines.push(`  differing values: ${diff.columns.map((c) => `${c.column} ${c.differing}`).join(", ")}`);
  if (diff.columnsOnlyInBase?.length) lines.push(`  columns only in base: ${diff.columnsOnlyInBase.join(", ")}`);
  if (diff.columnsOnlyInHead?.length) lines.push(`  columns only in head: ${diff.columnsOnlyInHead.join(", ")}`);
  const ex = diff.examples;
  for (const [label, rows] of [["only in base", ex?.onlyInBase], ["only in head", ex?.onlyInHead], ["changed", ex?.changed]] as const) {
    for (const row of rows ?? []) lines.push(`  e.g. ${label}: ${shorten(JSON.stringify(row), 160)}`);
  }
  return lines;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The terminal's Data section. */
export function formatDataPlan(plan: DataPlan): string {
  const lines = ["Data", `  base: ${plan.base.commit.slice(0, 12)} (${plan.base.ref}); head: the work tree`, `  ${dataHeadline(plan, Number.MAX_SAFE_INTEGER)}`];
  for (const job of plan.jobs) {
    lines.push("", `  ${job.job} (${job.stage}): ${describeChange(job)}`);
    for (const change of job.schemaChanges) {
      lines.push(`    ${change.breaking ? "! BREAKING" : "+"} ${change.output}.${change.column}: ${change.change}${change.downstream.length ? ` — read by ${change.downstream.join(", ")}` : ""}`);
    }
    for (const v of job.contractViolations) lines.push(`    ! CONTRACT ${v.output}: ${v.problem}`);
    for (const q of job.qualityChanges ?? []) {
      lines.push(`    ${q.change === "loosened" || q.change === "removed" ? "! QUALITY" : "~ quality"} ${q.output}: ${q.rule} ${q.change}${q.was ? ` (was ${q.was})` : ""}`);
    }
    for (const r of job.awsOnlyRules ?? []) lines.push(`    quality ${r.output}: ${r.rule} is checked on Glue only (awsOnly)`);
    for (const e of job.runErrors) lines.push(`    ! the ${e.side} run FAILED:`, ...e.error.split("\n").map((l) => `        ${l}`));
    for (const [output, diff] of Object.entries(job.rowDiff ?? {})) lines.push(...rowDiffLines(output, diff).map((l) => `    ${l}`));
    if (job.cost) lines.push(...costLines(job.cost).map((l) => `    ${l}`));
  }
  for (const note of plan.notes) lines.push("", `  note: ${note}`);
  lines.push("", `  (data plan in ${plan.seconds} s${plan.sparkStartSeconds !== undefined ? `, spark start ${plan.sparkStartSeconds} s` : ", no Spark run"})`);
  return lines.join("\n");
}

function describeChange(job: DataPlanJob): string {
  switch (job.change) {
    case "added":
      return "new job";
    case "removed":
      return "removed";
    case "data":
      return "what it does to data changed";
    case "cost":
      return job.rowDiff || job.runErrors.length > 0 ? "its capacity, class or schedule changed, and it runs after a change" : "only its capacity, class or schedule changed (not run)";
    case "downstream":
      return "unchanged, runs after a change";
  }
}

/** The pull request's form: the same section in a code block under a headline. */
export function dataPlanMarkdown(plan: DataPlan): string {
  const head = hasBreaking(plan) ? `**Data: ${dataHeadline(plan, Number.MAX_SAFE_INTEGER)}**` : `**${dataHeadline(plan, Number.MAX_SAFE_INTEGER)}**`;
  return `${head}\n\n\`\`\`\n${formatDataPlan(plan)}\n\`\`\``;
}
