/**
 * A data-quality failure followed to a subscriber (gap glue-data-quality-events): a run's evaluation,
 * published by the job runtime (glue_runtime.quality_results) as it publishes every local evaluation,
 * becomes Glue Data Quality's "Data Quality Evaluation Results Available" event when the run ends; the dev
 * stack's quality-alerts rule and input transformer, the topic's key policy and SNS bring it to an SQS
 * queue, next to the run's own job-failure alert. The rehearsal's job runs publish the same way, with Deequ.
 */
import { join } from "node:path";
import { followAlert, type AlertTrigger } from "../../rehearsal/alert-steps";
import { PROJECT_DIR } from "../../stacks/config";
import { synthGlueStack } from "../helpers/synth-glue-stack";
import { alertBlocks, deployAlerts, DEV, startAlertEmulator, stopAlertEmulator, type AlertEmulator } from "../helpers/alert-emulator";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

/** The dev stack of a config whose ProcessLegislators output has rules: its job-alerts and quality-alerts rules. */
function synthWithRules(): Record<string, any> {
  const input = baseConfig();
  input.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process_legislators/", quality: { rules: ["RowCount > 0", 'IsUnique "id"'] } };
  return synthGlueStack(writeTempProject(input), "dev").json;
}

/**
 * Two dev jobs whose scripts publish an evaluation through the job runtime, as a job's output check does
 * after Deequ measured it: one whose rules pass, one with a failed rule that exits as a failed check does.
 */
const evaluationScript = (rowCount: number) => `
import sys
sys.path.insert(0, ${JSON.stringify(join(PROJECT_DIR, "job_scripts"))})
from glue_runtime.quality import RuleResult
from glue_runtime.quality_results import publish_locally
job = sys.argv[sys.argv.index("--JOB_NAME") + 1]
results = [RuleResult("RowCount > 0", ${rowCount} > 0, {"Dataset.*.RowCount": ${rowCount}}), RuleResult('IsUnique "id"', True, {"Column.id.Uniqueness": 1.0})]
publish_locally(job + "-output_path", "output_path", results, ['DetectAnomalies "RowCount"'])
if ${rowCount} == 0:
    sys.exit("error: " + job + ": data quality of output output_path failed 1 of 2 rules: RowCount > 0 (measured RowCount 0); the output was not written")
`;

describe("a data-quality failure followed to a subscriber: the evaluation's event, the deployed rule, the topic's key and SNS", () => {
  const blocks = alertBlocks(synthWithRules(), "glue-dev-job-alerts");
  let running: AlertEmulator;

  beforeAll(async () => {
    running = await startAlertEmulator("quality-alert-delivery-test-", { "dev-Passes": evaluationScript(8), "dev-FailsQuality": evaluationScript(0) });
  }, 60_000);

  afterAll(() => stopAlertEmulator(running));

  test("a failed rule brings the quality alert (job, run, output, counts, score) beside the job's; rules that pass, none", async () => {
    expect(blocks.rules.map((r) => r.name).sort()).toEqual(["glue-dev-job-alerts", "glue-dev-quality-alerts"]);
    const { topicArn } = deployAlerts(running, blocks);
    const triggers: AlertTrigger[] = [
      { label: "rules pass", kind: "glue-run", jobName: "dev-Passes" },
      { label: "a rule fails", kind: "glue-run", jobName: "dev-FailsQuality" },
    ];
    const [passes, fails] = await followAlert(running.emulator, DEV, { topicArn, queueName: "follow-quality", waitSeconds: 4, runTimeoutSeconds: 120, triggers }, running.workDir);

    expect(passes).toMatchObject({ state: "SUCCEEDED", messages: [] });
    expect(fails.state).toBe("FAILED");
    const quality = fails.messages.filter((m) => m.startsWith("Data quality of Glue job"));
    expect(quality).toEqual([
      expect.stringMatching(
        new RegExp(`^Data quality of Glue job dev-FailsQuality of dev FAILED at \\S+ \\(run ${fails.runId}, output dev-FailsQuality-output_path\\): 1 rule\\(s\\) failed, 1 passed, score 0\\.5\\. `),
      ),
    ]);
    expect(fails.messages.filter((m) => m.startsWith("Glue job dev-FailsQuality of dev ended FAILED"))).toHaveLength(1);
    expect(fails.messages).toHaveLength(2);
  }, 240_000);
});
