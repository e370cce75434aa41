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

/**
 * EventBridge's input transformer, as its guide describes it: each <placeholder> becomes the value at its
 * path, unescaped, and the target receives the text that results (quotes of a JSON-string template included).
 */
function render(template: string, paths: Record<string, string>, event: Json): string {
  const valueAt = (path: string) => path.replace(/^\$\./, "").split(".").reduce((v: any, k) => v?.[k], event);
  return template.replace(/<(\w+)>/g, (_: string, name: string) => String(valueAt(paths[name])));
}

/** Messages as Glue writes them for failed runs: quotes, newlines, backslashes, a Python traceback. */
const GLUE_MESSAGES = [
  "AnalysisException: [PATH_NOT_FOUND] Path does not exist: s3://dev-glue-data/legislators/persons.json.",
  'An error occurred while calling o103.getDynamicFrame. Unable to parse file: persons.json\nCaused by: JsonParseException: Unexpected character (\'"\' (code 34))',
  'Traceback (most recent call last):\n  File "/tmp/dev-JoinLegislators.py", line 41, in <module>\n    main()\nKeyError: \'--inputLocation\'',
  "Error Category: INVALID_ARGUMENT_ERROR; path C:\\Users\\data\\in is not an S3 URI; regex \\d+\\.json did not match",
];

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
      detail: { jobName: [{ prefix: "dev-" }], state: ["STOPPED", "FAILED", "TIMEOUT"] },
    });
  });

  test("every state the rule matches is one that Glue's job state change events carry", () => {
    // "Automating AWS Glue with EventBridge": Glue Job State Change events are generated for SUCCEEDED, FAILED, TIMEOUT and STOPPED.
    const documented = ["SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"];
    const states: string[] = JSON.parse(rule.event_pattern).detail.state;
    expect(states.filter((state) => !documented.includes(state))).toEqual([]);
    expect(states).not.toContain("SUCCEEDED");
  });

  test("the key lets EventBridge use it without aws:SourceArn or aws:SourceAccount, which its requests to KMS do not carry", () => {
    const [key] = only(json, "aws_kms_key");
    const statement = JSON.parse(key.policy).Statement.find((s: Json) => s.Principal?.Service === "events.amazonaws.com");
    expect(statement).toMatchObject({ Effect: "Allow", Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" });
    expect(JSON.stringify(statement.Condition ?? {})).not.toMatch(/aws:Source(Arn|Account|OrgID)/i);
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
    expect(template).toBe(jobAlertMessage("dev", "eu-west-1"));
  });

  test.each(GLUE_MESSAGES)("Glue's message reaches the subscriber as Glue wrote it: %s", (message) => {
    const { input_paths: paths, input_template: template } = target.input_transformer;
    const event = { time: "2026-11-25T02:00:00Z", detail: { jobName: "dev-JoinLegislators", jobRunId: "jr_0123", state: "FAILED", message } };
    const received = render(template, paths, event);
    expect(received.startsWith("Glue job dev-JoinLegislators of dev ended FAILED at 2026-11-25T02:00:00Z (run jr_0123): ")).toBe(true);
    expect(received).toContain(`: ${message} Run details: https://`);
  });

  test("the job roles gain nothing: no SNS, EventBridge or alert-key right", () => {
    const jobRoles = only(json, "aws_iam_role").filter((r) => r.name.startsWith("glue-job-"));
    expect(jobRoles.length).toBeGreaterThan(0);
    const policies = only(json, "aws_iam_role_policy").map((p) => p.policy as string);
    for (const policy of policies) expect(policy).not.toMatch(/"(sns|events):|job-alerts/);
  });
});
