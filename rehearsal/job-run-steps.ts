/**
 * The rehearsal's steps around the real Glue job runs: the sample data put where the jobs read it,
 * before the pipeline deploys and runs them; and, after IntegTest ran them, their outputs in S3 checked
 * against the rows the sample data gives.
 */
import type { AppConfig } from "../stacks/config";
import type { Emulator } from "./emulator/emulator";
import { checkOutputs, describeOutputs } from "./job-outputs";
import type { StepReport } from "./report";
import { SAMPLE_DATA_OWNER_ACCOUNT, sampleObjects, seedSampleData } from "./sample-data";

export async function seedSampleDataStep(emulator: Emulator, config: AppConfig, workDir: string): Promise<StepReport> {
  const started = Date.now();
  const name = "Seed sample data (data owner)";
  const objects = sampleObjects(config);
  try {
    const seeded = objects.length > 0 ? await seedSampleData(emulator, objects, workDir) : { buckets: 0, objects: 0, bytes: 0 };
    const buckets = [...new Set(objects.map((o) => `s3://${o.bucket}`))].join(", ") || "no input has sample data";
    return {
      name,
      result: "passed",
      seconds: (Date.now() - started) / 1000,
      ran: `${seeded.objects} object(s) of job_scripts/sample_data into ${buckets}`,
      notRehearsed: [`the public data set itself: its bucket is made public-read in account ${SAMPLE_DATA_OWNER_ACCOUNT} and holds the sample data`],
    };
  } catch (error) {
    return { name, result: "failed", seconds: (Date.now() - started) / 1000, ran: "the sample data into the jobs' input buckets", notRehearsed: [], error: (error as Error).message };
  }
}

/** Each output's rows go to `log`; the step's row says how many outputs matched. */
export async function jobOutputsStep(emulator: Emulator, config: AppConfig, workDir: string, log: (line: string) => void): Promise<StepReport> {
  const started = Date.now();
  const stage = config.stages.dev;
  const name = "IntegTest's job outputs (dev)";
  try {
    const verdicts = await checkOutputs(emulator, stage, workDir);
    const failed = verdicts.filter((v) => !v.passed);
    for (const line of describeOutputs(verdicts).split("\n")) if (line) log(`rehearsal: ${name}: ${line}`);
    return {
      name,
      result: failed.length === 0 ? "passed" : "failed",
      seconds: (Date.now() - started) / 1000,
      ran: verdicts.length > 0 ? `${verdicts.length - failed.length} of ${verdicts.length} output(s) in S3 with the sample data's rows` : "no job of the stage has an output",
      notRehearsed: [],
      error: failed.length > 0 ? describeOutputs(failed) : undefined,
    };
  } catch (error) {
    return { name, result: "failed", seconds: (Date.now() - started) / 1000, ran: "the dev jobs' outputs in S3", notRehearsed: [], error: (error as Error).message };
  }
}
