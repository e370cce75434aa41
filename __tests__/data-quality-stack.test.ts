/** Data quality on AWS: one ruleset per output that has rules, the job's argument and grant, and the alert. */
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;
const only = (json: Json, type: string): Json[] => Object.values(resourcesOf(json, type));

function synthWithRules(): Json {
  const input = baseConfig();
  input.jobs.JoinLegislators.outputs.output_path = {
    path: "s3://{stageBucket}/output/join_legislators/",
    table: "legislators_history",
    quality: { rules: ["RowCount > 0", 'ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0', { rule: 'DetectAnomalies "RowCount"', awsOnly: true }] },
  };
  input.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process_legislators/", quality: { rules: ['IsUnique "id"'], onFailure: "warn" } };
  return synthGlueStack(writeTempProject(input), "dev").json;
}

describe("data quality in the stage's stack", () => {
  const json = synthWithRules();
  const rulesets = only(json, "aws_glue_data_quality_ruleset");
  const byName = Object.fromEntries(rulesets.map((r) => [r.name, r]));

  test("one ruleset per output that has rules, named after the job and output, on its catalog table where it has one", () => {
    expect(Object.keys(byName).sort()).toEqual(["dev-JoinLegislators-output_path", "dev-ProcessLegislators-output_path"]);
    expect(byName["dev-JoinLegislators-output_path"]).toMatchObject({
      ruleset: 'Rules = [\n    RowCount > 0,\n    ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0,\n    DetectAnomalies "RowCount"\n]',
      target_table: { database_name: "dev_glue", table_name: "legislators_history" },
      tags: { environment: "dev", stack_name: "dev-glue", output: "output_path" },
    });
    expect(byName["dev-ProcessLegislators-output_path"].target_table).toBeUndefined();
  });

  test("the job gets the same rules as --<output>_quality, awsOnly rules marked", () => {
    const job = only(json, "aws_glue_job").find((j) => j.name === "dev-JoinLegislators")!;
    expect(JSON.parse(job.default_arguments["--output_path_quality"])).toEqual({
      context: "dev-JoinLegislators-output_path",
      onFailure: "fail",
      rules: [{ rule: "RowCount > 0" }, { rule: 'ReferentialIntegrity "organization_id" "input_path_orgs.id" = 1.0' }, { rule: 'DetectAnomalies "RowCount"', awsOnly: true }],
      references: ["input_path_orgs"],
    });
    const plain = only(json, "aws_glue_job").find((j) => j.name === "dev-ProcessLegislators")!;
    expect(JSON.parse(plain.default_arguments["--output_path_quality"]).onFailure).toBe("warn");
  });

  test("a job role with rules may publish data-quality results, and nothing more for it", () => {
    const grants = only(json, "aws_iam_role_policy").filter((p) => p.name === "publish-data-quality");
    expect(grants).toHaveLength(2);
    expect(JSON.parse(grants[0].policy).Statement).toEqual([
      { Sid: "PublishDataQualityResults", Effect: "Allow", Action: "glue:PublishDataQuality", Resource: "arn:aws:glue:eu-west-1:222222222222:dataQualityRuleset/*" },
    ]);
  });

  test("failed results of the stage's jobs reach the job-alerts topic, which names the rule as a publisher", () => {
    const rule = only(json, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-dev-quality-alerts")!;
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.glue-dataquality"],
      "detail-type": ["Data Quality Evaluation Results Available"],
      detail: { context: { contextType: ["GLUE_JOB"], jobName: [{ prefix: "dev-" }] }, state: ["FAILED"] },
    });
    const target = only(json, "aws_cloudwatch_event_target").find((t) => t.target_id === "quality-alerts-topic")!;
    expect(target.arn).toMatch(/^\$\{aws_sns_topic\.job-alerts_topic_/);
    const [policy] = only(json, "aws_sns_topic_policy");
    const [publisher] = JSON.parse(policy.policy).Statement;
    expect(publisher.Condition.ArnEquals["aws:SourceArn"]).toContain("arn:aws:events:eu-west-1:222222222222:rule/glue-dev-quality-alerts");
  });

  // The event of an evaluation in a job, as Glue sends it: the run's id is context.jobId.
  test("the message names the job, the run, the output, the counts and the score", () => {
    const target = only(json, "aws_cloudwatch_event_target").find((t) => t.target_id === "quality-alerts-topic")!;
    const { input_paths: paths, input_template: template } = target.input_transformer;
    const event = {
      time: "2026-11-25T02:00:00Z",
      detail: {
        context: { contextType: "GLUE_JOB", jobId: "jr_0123", jobName: "dev-JoinLegislators", evaluationContext: "dev-JoinLegislators-output_path" },
        state: "FAILED", score: 0.5, numRulesSucceeded: 1, numRulesFailed: 1,
      },
    };
    const valueAt = (p: string) => p.replace(/^\$\./, "").split(".").reduce((v: any, k) => v?.[k], event);
    const text = template.replace(/<(\w+)>/g, (_: string, name: string) => String(valueAt(paths[name])));
    expect(text).toMatch(/^Data quality of Glue job dev-JoinLegislators of dev FAILED at 2026-11-25T02:00:00Z \(run jr_0123, output dev-JoinLegislators-output_path\): 1 rule\(s\) failed, 1 passed, score 0\.5\./);
  });

  test("a stage without rules has no ruleset, grant or quality alert", () => {
    const plain = synthGlueStack(writeTempProject(baseConfig()), "dev").json;
    expect(only(plain, "aws_glue_data_quality_ruleset")).toEqual([]);
    expect(only(plain, "aws_cloudwatch_event_rule").map((r) => r.name)).toEqual(["glue-dev-job-alerts"]);
  });
});
