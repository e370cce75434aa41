/**
 * Tells people when something happens: an EventBridge rule matches the events, turns each into a readable
 * message, and publishes it to an SNS topic encrypted with its own key. Only that rule may publish to the
 * topic and use its key. Subscriptions (email, https) come from the caller.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import { policyDocument, type PolicyStatement } from "../iam/policy-document";
import { EncryptionKey } from "./encryption-key";

export interface NoticeSubscription {
  /** Construct ID of the subscription; keep it stable, or the subscription is made anew (and must be confirmed again). */
  readonly id: string;
  readonly protocol: "email" | "https";
  readonly endpoint: string;
}

export interface NoticeTopicProps {
  readonly topicName: string;
  readonly displayName: string;
  /** Alias of the topic's key, without `alias/`. */
  readonly keyAlias: string;
  readonly keyDescription: string;
  readonly ruleName: string;
  readonly ruleDescription: string;
  /** The EventBridge event pattern, as an object. */
  readonly eventPattern: Record<string, unknown>;
  /** Event fields the message uses, by placeholder name (`$.detail.state`). */
  readonly inputPaths: Readonly<Record<string, string>>;
  /** The message, with `<placeholder>`s for the input paths. */
  readonly message: string;
  /** Sid of the topic policy's statement, which names the one publisher. */
  readonly publisherSid: string;
  /** Sid of the key policy's statement for the rule. */
  readonly keySid: string;
  /** The rule's target ID. */
  readonly targetId: string;
  /** Other publishers of the topic (e.g. a CodeBuild role), each with its own statement. @default none */
  readonly otherPublishers?: readonly { readonly sid: string; readonly roleArn: string }[];
  readonly subscriptions?: readonly NoticeSubscription[];
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export class NoticeTopic extends Construct {
  readonly topic: SnsTopic;
  readonly ruleArn: string;
  readonly keyArn: string;

  constructor(scope: Construct, id: string, props: NoticeTopicProps) {
    super(scope, id);
    const { partition, region, accountId } = props;
    this.ruleArn = `arn:${partition}:events:${region}:${accountId}:rule/${props.ruleName}`;
    const others = props.otherPublishers ?? [];
    const key = new EncryptionKey(this, "key", {
      alias: props.keyAlias,
      description: props.keyDescription,
      accountId,
      partition,
      extraStatements: [
        {
          Sid: props.keySid,
          Effect: "Allow",
          Principal: { Service: "events.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          // In a key policy, "*" means this key.
          Resource: "*",
          Condition: { ArnEquals: { "aws:SourceArn": this.ruleArn } },
        },
      ],
    });
    this.keyArn = key.arn;
    this.topic = new SnsTopic(this, "topic", { name: props.topicName, displayName: props.displayName, kmsMasterKeyId: key.arn });
    const publishers: PolicyStatement[] = [
      {
        Sid: props.publisherSid,
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: this.topic.arn,
        Condition: { ArnEquals: { "aws:SourceArn": this.ruleArn } },
      },
      ...others.map((other) => ({
        Sid: other.sid,
        Effect: "Allow" as const,
        Principal: { AWS: other.roleArn },
        Action: "sns:Publish",
        Resource: this.topic.arn,
      })),
    ];
    new SnsTopicPolicy(this, "topic-policy", { arn: this.topic.arn, policy: policyDocument(...publishers) });
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      description: props.ruleDescription,
      eventPattern: JSON.stringify(props.eventPattern),
    });
    new CloudwatchEventTarget(this, "notify", {
      rule: rule.name,
      targetId: props.targetId,
      arn: this.topic.arn,
      inputTransformer: { inputPaths: { ...props.inputPaths }, inputTemplate: JSON.stringify(props.message) },
    });
    for (const subscription of props.subscriptions ?? []) {
      new SnsTopicSubscription(this, subscription.id, { topicArn: this.topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint });
    }
  }
}
