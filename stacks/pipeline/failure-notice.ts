/**
 * Tells people when the pipeline fails: an EventBridge rule sends every FAILED execution to an SNS topic,
 * encrypted with its own key. Only that rule may publish to the topic.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { EncryptionKey } from "../constructs/encryption-key";
import { policyDocument } from "../iam/policy-document";

export interface FailureNoticeProps {
  readonly pipelineName: string;
  readonly pipelineArn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Subscribed to the topic by email (it must confirm). @default no subscription */
  readonly email?: string;
}

export class FailureNotice extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: FailureNoticeProps) {
    super(scope, id);
    const { partition, region, accountId, pipelineName } = props;
    const ruleName = `${pipelineName}-failed`;
    const ruleArn = `arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
    const key = new EncryptionKey(this, "key", {
      alias: `${pipelineName}-notices`,
      description: `Encrypts the failure notices of ${pipelineName}`,
      accountId,
      partition,
      extraStatements: [
        {
          Sid: "FailureRulePublishesEncrypted",
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          // In a key policy, "*" means this key.
          Resource: "*",
          Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
        },
      ],
    });
    this.topic = new SnsTopic(this, "topic", {
      name: `${pipelineName}-failures`,
      displayName: `${pipelineName} failed`,
      kmsMasterKeyId: key.arn,
    });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn,
      policy: policyDocument({
        Sid: "OnlyTheFailureRulePublishes",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: this.topic.arn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      }),
    });
    const rule = new CloudwatchEventRule(this, "rule", {
      name: ruleName,
      description: `Failed executions of ${pipelineName}`,
      eventPattern: JSON.stringify({
        source: ["aws.codepipeline"],
        "detail-type": ["CodePipeline Pipeline Execution State Change"],
        resources: [props.pipelineArn],
        detail: { state: ["FAILED"] },
      }),
    });
    new CloudwatchEventTarget(this, "notify", {
      rule: rule.name,
      targetId: "failure-topic",
      arn: this.topic.arn,
      inputTransformer: {
        inputPaths: { pipeline: "$.detail.pipeline", execution: "$.detail.execution-id", time: "$.time" },
        inputTemplate: JSON.stringify(
          `Pipeline <pipeline> failed at <time> (execution <execution>). ` +
            `See https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/<pipeline>/executions/<execution>/timeline?region=${region}`,
        ),
      },
    });
    if (props.email) {
      new SnsTopicSubscription(this, "email", { topicArn: this.topic.arn, protocol: "email", endpoint: props.email });
    }
  }
}
