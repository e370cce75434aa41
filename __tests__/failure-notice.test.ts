/** The pipeline's failure notice: a failed execution reaches people through a topic whose key EventBridge can use. */
import { Testing, TerraformStack } from "../stacks/cdktf";
import { NoticeTopic } from "../stacks/constructs/notice-topic";
import { synthPipelineJson, valuesOf, type Json } from "./helpers/pipeline-json";

describe("failure notice", () => {
  const json = synthPipelineJson();
  const rule = valuesOf(json, "aws_cloudwatch_event_rule").find((r) => r.name === "glue-pipeline-failed")!;
  const target = valuesOf(json, "aws_cloudwatch_event_target").find((t) => t.target_id === "failure-topic")!;
  const topic = valuesOf(json, "aws_sns_topic").find((t) => t.name === "glue-pipeline-failures")!;
  const keyRef = /^\$\{aws_kms_key\.(.+)\.arn\}$/.exec(topic.kms_master_key_id)![1];
  const key = json.resource.aws_kms_key[keyRef];

  test("the topic's key lets EventBridge use it with no aws:Source* condition, which EventBridge's KMS requests do not carry", () => {
    const statements: Json[] = JSON.parse(key.policy).Statement;
    const events = statements.filter((s) => s.Principal?.Service === "events.amazonaws.com");
    expect(events).toEqual([{ Sid: "FailureRulePublishesEncrypted", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" }]);
  });

  test("the message is plain text that names the pipeline, the execution and a console link", () => {
    const { input_paths: paths, input_template: template } = target.input_transformer;
    expect(rule.name).toBe("glue-pipeline-failed");
    expect(paths).toEqual({ pipeline: "$.detail.pipeline", execution: "$.detail.execution-id", time: "$.time" });
    const values: Json = { pipeline: "glue-pipeline", execution: "0f1e2d3c-aaaa-bbbb-cccc-123456789012", time: "2026-11-25T02:00:00Z" };
    const received = template.replace(/<(\w+)>/g, (_: string, name: string) => values[name]);
    expect(received).toBe(
      "Pipeline glue-pipeline failed at 2026-11-25T02:00:00Z (execution 0f1e2d3c-aaaa-bbbb-cccc-123456789012). " +
        "See https://eu-west-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/glue-pipeline/executions/0f1e2d3c-aaaa-bbbb-cccc-123456789012/timeline?region=eu-west-1",
    );
  });
});

describe("NoticeTopic", () => {
  test.each(['"quoted"', "{\"json\": 1}", "  [list]"])("refuses a message that EventBridge would read as JSON: %s", (message) => {
    const stack = new TerraformStack(Testing.app(), "s");
    const props = { topicName: "t", displayName: "t", keyAlias: "t", keyDescription: "t", ruleName: "r", ruleDescription: "r", eventPattern: {}, inputPaths: {}, publisherSid: "P", keySid: "K", targetId: "x", partition: "aws", region: "eu-west-1", accountId: "111111111111" };
    expect(() => new NoticeTopic(stack, "n", { ...props, message })).toThrow(/NoticeTopic r: message must be plain text/);
  });
});

describe("NoticeTopic.addRulePublisher", () => {
  test("another rule of the account joins the topic policy's aws:SourceArn; the key policy stays unconditioned", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const props = { topicName: "t", displayName: "t", keyAlias: "t", keyDescription: "t", ruleName: "r", ruleDescription: "r", eventPattern: {}, inputPaths: {}, message: "m", publisherSid: "P", keySid: "K", targetId: "x", partition: "aws", region: "eu-west-1", accountId: "111111111111" };
    const topic = new NoticeTopic(stack, "n", props);
    topic.addRulePublisher("arn:aws:events:eu-west-1:111111111111:rule/quality");
    const json = JSON.parse(Testing.synth(stack));
    const policy = JSON.parse(valuesOf(json, "aws_sns_topic_policy")[0].policy);
    expect(policy.Statement[0].Condition).toEqual({ ArnEquals: { "aws:SourceArn": ["arn:aws:events:eu-west-1:111111111111:rule/r", "arn:aws:events:eu-west-1:111111111111:rule/quality"] } });
    expect(JSON.parse(valuesOf(json, "aws_kms_key")[0].policy).Statement[1].Condition).toBeUndefined();
  });
});
