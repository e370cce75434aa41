/**
 * QualityFailureAlert: a dev job whose output has a uniqueness rule runs on its sample input with every
 * record twice. Nothing else changes: the job keeps every row, Deequ measures the duplicated ids, the rule
 * fails under onFailure: fail, and the run fails without writing. The job runtime publishes the
 * evaluation; the emulator sends Glue Data Quality's results event (gap glue-data-quality-events); the
 * deployed quality-alerts rule, its input transformer, the topic's key policy and SNS bring the alert to
 * an SQS queue, beside the job-failure alert of the same run. That a run whose rules pass sends none is
 * JobFailureAlert's succeeding run: the subscriber receives nothing for it.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AppConfig, JobConfig } from "../stacks/config";
import { jobAlertsName } from "../stacks/constructs/job-alerts";
import { localPathFor } from "../local-run/local-run-args";
import { followAlert, judgeAlerts } from "./alert-steps";
import type { Emulator } from "./emulator/emulator";
import type { TopologyAccount } from "./emulator/emulator-inventory";
import type { StepReport } from "./report";
import { SAMPLE_DATA_DIR, seedSampleData, type SampleObject } from "./sample-data";

const NAME = "QualityFailureAlert";
/** Rule types that duplicated rows fail, whatever the columns. */
const UNIQUENESS_RULES = new Set(["IsUnique", "IsPrimaryKey"]);
/** The text every quality alert starts with (stacks/constructs/quality-alerts.ts). */
const QUALITY_ALERT_START = "Data quality of Glue job ";

export interface DuplicatedRun {
  readonly job: JobConfig;
  readonly output: string;
  readonly rule: string;
  /** Each S3 input of the job: the duplicated copy's object and the argument that points at it. */
  readonly inputs: readonly { readonly argument: string; readonly location: string; readonly sample: string }[];
}

/** The dev job (fewest inputs first) whose output fails a uniqueness rule under onFailure: fail on duplicated input, with the sample data every input needs. */
export function duplicatedRunOf(config: AppConfig, sampleDir = SAMPLE_DATA_DIR): DuplicatedRun | undefined {
  const candidates: DuplicatedRun[] = [];
  for (const job of Object.values(config.stages.dev.jobs)) {
    const s3Inputs = Object.entries(job.inputs).filter(([name, location]) => /^s3:\/\//.test(location) && !Object.hasOwn(job.inputTables, name));
    const samples = s3Inputs.map(([name, location]) => ({ name, location, sample: localPathFor(location, sampleDir) }));
    if (samples.length === 0 || samples.some((s) => !isFile(s.sample))) continue;
    for (const [output, quality] of Object.entries(job.outputQuality ?? {})) {
      const rule = quality.rules.find((r) => UNIQUENESS_RULES.has(r.type) && !r.awsOnly);
      if (!rule || quality.onFailure !== "fail") continue;
      // Within each input's prefix, so the job role may read there: the run fails on its data, not on a denial.
      const inputs = samples.map((s) => ({ argument: `--${s.name}`, location: `${s.location.replace(/\/$/, "")}-duplicated/part-00000.json`, sample: s.sample }));
      candidates.push({ job, output, rule: rule.rule, inputs });
      break;
    }
  }
  return candidates.sort((a, b) => a.inputs.length - b.inputs.length || a.job.glueJobName.localeCompare(b.job.glueJobName))[0];
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Each record of a JSON-lines sample, twice. */
export function duplicatedLines(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.flatMap((line) => [line, line]).join("\n") + "\n";
}

async function seedDuplicated(emulator: Emulator, run: DuplicatedRun, workDir: string): Promise<Record<string, string>> {
  const dir = join(workDir, "quality-alert");
  mkdirSync(dir, { recursive: true });
  const objects: SampleObject[] = run.inputs.map((input, index) => {
    const file = join(dir, `input-${index}.json`);
    writeFileSync(file, duplicatedLines(readFileSync(input.sample, "utf8")));
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(input.location)!;
    return { bucket, key, file };
  });
  await seedSampleData(emulator, objects, workDir);
  return Object.fromEntries(run.inputs.map((input) => [input.argument, input.location]));
}

/** Why a config has no QualityFailureAlert step (duplicatedRunOf found no job): what the report lists instead. */
export const NO_DUPLICATED_RUN = "QualityFailureAlert left out: no dev job has an output with an IsUnique or IsPrimaryKey rule under onFailure: fail and a sample file for each S3 input";

export async function qualityFailureAlertStep(emulator: Emulator, run: DuplicatedRun, dev: TopologyAccount, workDir: string): Promise<StepReport> {
  const started = Date.now();
  const jobName = run.job.glueJobName;
  const ran = `${jobName} run on its input with every record twice (rule ${run.rule} of ${run.output}); an SQS queue on ${jobAlertsName("dev")}`;
  try {
    const args = await seedDuplicated(emulator, run, workDir);
    const topicArn = `arn:aws:sns:${dev.region}:${dev.accountId}:${jobAlertsName("dev")}`;
    const [result] = await followAlert(
      emulator,
      dev,
      { topicArn, queueName: `rehearsal-quality-${jobAlertsName("dev")}`, waitSeconds: 8, triggers: [{ label: "run on duplicated input", kind: "glue-run", jobName, arguments: args }] },
      workDir,
    );
    // The same run's job-failure alert arrives too; this step judges the quality alert.
    const quality = { ...result, messages: result.messages.filter((m) => m.startsWith(QUALITY_ALERT_START)) };
    const verdict = judgeAlerts([quality], {
      alerting: "run on duplicated input",
      alertingState: "FAILED",
      mustMention: (r) => [jobName, r.runId ?? "", `output ${run.job.outputQuality[run.output].name}`, "rule(s) failed"],
      silent: [],
    });
    if (result.error && !result.error.includes(run.rule)) verdict.problems.push(`the run failed for another reason than the rule ${run.rule}: ${result.error}`);
    return {
      name: NAME,
      result: verdict.problems.length === 0 ? "passed" : "failed",
      seconds: (Date.now() - started) / 1000,
      ran,
      notRehearsed: ["Glue Data Quality's own evaluation and its results in the console: Deequ evaluates the rules here (docs/data-quality.md)"],
      ...(verdict.problems.length > 0 ? { error: verdict.problems.join("\n") } : {}),
      ...(verdict.message !== undefined ? { message: verdict.message } : {}),
    };
  } catch (error) {
    return { name: NAME, result: "failed", seconds: (Date.now() - started) / 1000, ran, notRehearsed: [], error: (error as Error).message };
  }
}
