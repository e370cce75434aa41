/**
 * Tells people when something happens: an EventBridge rule matches the events, turns each into a readable
 * message, and publishes it to an SNS topic encrypted with its own key. Only that rule may publish to the
 * topic and use its key, and the roles added with `addPublisher`. Subscriptions (email, https) come from
 * the caller.
 */
import { CloudwatchEventRule, CloudwatchEventTarget, Construct, Lazy, SnsTopic, SnsTopicPolicy, SnsTopicSubscription } from "../cdktf";
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
  /** The message as plain text, with `<placeholder>`s for the input paths; it may not start with `"`, `{` or `[`. */
  readonly message: string;
  /** Sid of the topic policy's statement, which names the one publisher. */
  readonly publisherSid: string;
  /** Sid of the key policy's statement for the rule. */
  readonly keySid: string;
  /** The rule's target ID. */
  readonly targetId: string;
  readonly subscriptions?: readonly NoticeSubscription[];
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export class NoticeTopic extends Construct {
  readonly topic: SnsTopic;
  readonly ruleArn: string;
  readonly keyArn: string;
  private readonly publishers: PolicyStatement[] = [];
  private readonly ruleArns: string[] = [];

  constructor(scope: Construct, id: string, props: NoticeTopicProps) {
    super(scope, id);
    const { partition, region, accountId } = props;
    checkPlainText(props.message, props.ruleName);
    this.ruleArn = `arn:${partition}:events:${region}:${accountId}:rule/${props.ruleName}`;
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
          // No condition: EventBridge's request to KMS for an SNS topic carries no aws:SourceArn,
          // aws:SourceAccount or aws:SourceOrgID, so a statement conditioned on them never applies and the
          // publish fails silently (SNS Developer Guide, "Managing Amazon SNS encryption keys", enable
          // compatibility between event sources from AWS services and encrypted topics; see
          // stacks/constants/service-key-conditions.ts). The topic policy below narrows who publishes.
        },
      ],
    });
    this.keyArn = key.arn;
    this.topic = new SnsTopic(this, "topic", { name: props.topicName, displayName: props.displayName, kmsMasterKeyId: key.arn });
    this.ruleArns.push(this.ruleArn);
    const rulesPublish = (): PolicyStatement => ({
      Sid: props.publisherSid,
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: "sns:Publish",
      Resource: this.topic.arn,
      Condition: { ArnEquals: { "aws:SourceArn": this.ruleArns.length === 1 ? this.ruleArns[0] : [...this.ruleArns] } },
    });
    // Lazy: publishers and rules added after construction are in the policy too.
    new SnsTopicPolicy(this, "topic-policy", { arn: this.topic.arn, policy: Lazy.stringValue({ produce: () => policyDocument(rulesPublish(), ...this.publishers) }) });
    const rule = new CloudwatchEventRule(this, "rule", {
      name: props.ruleName,
      description: props.ruleDescription,
      eventPattern: JSON.stringify(props.eventPattern),
    });
    new CloudwatchEventTarget(this, "notify", {
      rule: rule.name,
      targetId: props.targetId,
      arn: this.topic.arn,
      // The template verbatim: a plain-text template reaches SNS as its text with the values placed in.
      inputTransformer: { inputPaths: { ...props.inputPaths }, inputTemplate: props.message },
    });
    for (const subscription of props.subscriptions ?? []) {
      new SnsTopicSubscription(this, subscription.id, { topicArn: this.topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint });
    }
  }

  /**
   * Lets another EventBridge rule of this account publish too: its ARN joins the topic policy's
   * `aws:SourceArn`. The key needs no change, its statement for EventBridge having no condition.
   */
  addRulePublisher(ruleArn: string): void {
    this.ruleArns.push(ruleArn);
  }

  /**
   * Lets a role publish too (it also needs `sns:Publish` on the topic and the key's GenerateDataKey and
   * Decrypt in its own policy). Pass the role's ARN as a reference, so that the role exists before the
   * topic's policy names it: SNS refuses a principal that does not exist.
   */
  addPublisher(sid: string, roleArn: string): void {
    this.publishers.push({ Sid: sid, Effect: "Allow", Principal: { AWS: roleArn }, Action: "sns:Publish", Resource: this.topic.arn });
  }
}

/**
 * EventBridge reads a template that starts with `"`, `{` or `[` as JSON, and places values into it unescaped,
 * so one quote, newline or backslash in a value breaks it; plain text takes any value as it is.
 */
function checkPlainText(message: string, ruleName: string): void {
  if (/^\s*["{[]/.test(message)) {
    throw new Error(`NoticeTopic ${ruleName}: message must be plain text, found one starting with ${JSON.stringify(message.trim()[0])}; write the text without quoting it`);
  }
}
