/** Job alerts: this stage's failed runs reach people, in a readable message; only the rule may publish. */
import { jobAlertMessage } from "../stacks/constructs/job-alerts";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../testkit/temp-project";

type Json = Record<string, any>;
const only = (json: Json, type: string): Json[] => Object.values(resourcesOf(json, type));

function synthWithAlerts(alerts?: Json) {
  const input = baseConfig();
  if (alerts) input.stages.dev.alerts = alerts;
  return synthGlueStack(writeTempProject(input), "dev").json;
}

/** EventBridge's input transformer, as AWS applies it: each <placeholder> becomes the value at its path. */
function render(template: string, paths: Record<string, string>, event: Json): string {
  const valueAt = (path: string) => path.replace(/^\$\./, "").split(".").reduce((v: any, k) => v?.[k], event);
  return JSON.parse(template).replace(/<(\w+)>/g, (_: string, name: string) => String(valueAt(paths[name])));
}

describe("job alerts", () => {
  const json = synthWithAlerts({ email: ["data@example.com", "oncall@example.com"], https: "https://hooks.example.com/glue" });
  const [rule] = only(json, "aws_cloudwatch_event_rule");
  const [target] = only(json, "aws_cloudwatch_event_target");
  const [topic] = only(json, "aws_sns_topic");

  test("the rule matches Glue job state changes of this stage's jobs only, in the states that need a person", () => {
    expect(rule.name).toBe("glue-dev-job-alerts");
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.glue"],
      "detail-type": ["Glue Job State Change"],
      detail: { jobName: [{ prefix: "dev-" }], state: ["FAILED", "TIMEOUT", "ERROR", "STOPPED"] },
    });
  });

  test("the topic is KMS-encrypted with its own key, and only the rule may publish to it", () => {
    expect(topic.name).toBe("glue-dev-job-alerts");
    expect(topic.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.job-alerts_key_.*\.arn\}$/);
    const [policy] = only(json, "aws_sns_topic_policy");
    expect(JSON.parse(policy.policy).Statement).toEqual([
      {
        Sid: "OnlyTheJobAlertRulePublishes",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: expect.stringMatching(/^\$\{aws_sns_topic\./),
        Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:222222222222:rule/glue-dev-job-alerts" } },
      },
    ]);
  });

  test("subscriptions come from stages.<stage>.alerts, one per address", () => {
    const subscriptions = only(json, "aws_sns_topic_subscription").map((s) => `${s.protocol} ${s.endpoint}`);
    expect(subscriptions.sort()).toEqual(["email data@example.com", "email oncall@example.com", "https https://hooks.example.com/glue"]);
    expect(only(synthWithAlerts(), "aws_sns_topic_subscription")).toEqual([]);
  });

  test("the message names the job, the run, the state, Glue's error and a console link to the run", () => {
    const { input_paths: paths, input_template: template } = target.input_transformer;
    const event = {
      time: "2026-11-25T02:00:00Z",
      region: "eu-west-1",
      detail: { jobName: "dev-JoinLegislators", jobRunId: "jr_0123", state: "FAILED", message: "AnalysisException: Path does not exist: s3://x/y" },
    };
    expect(render(template, paths, event)).toBe(
      "Glue job dev-JoinLegislators of dev ended FAILED at 2026-11-25T02:00:00Z (run jr_0123): AnalysisException: Path does not exist: s3://x/y " +
        "Run details: https://eu-west-1.console.aws.amazon.com/gluestudio/home?region=eu-west-1#/job/dev-JoinLegislators/run/jr_0123",
    );
    expect(JSON.parse(template)).toBe(jobAlertMessage("dev", "eu-west-1"));
  });

  test("the job roles gain nothing: no SNS, EventBridge or alert-key right", () => {
    const jobRoles = only(json, "aws_iam_role").filter((r) => r.name.startsWith("glue-job-"));
    expect(jobRoles.length).toBeGreaterThan(0);
    const policies = only(json, "aws_iam_role_policy").map((p) => p.policy as string);
    for (const policy of policies) expect(policy).not.toMatch(/"(sns|events):|job-alerts/);
  });
});
