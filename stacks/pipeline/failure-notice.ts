/**
 * Tells people when the pipeline fails: every FAILED execution becomes a message on the topic
 * `glue-pipeline-failures`, which only that rule may publish to (see NoticeTopic).
 */
import type { Construct } from "../cdktf";
import { NoticeTopic } from "../constructs/notice-topic";

export interface FailureNoticeProps {
  readonly pipelineName: string;
  readonly pipelineArn: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Subscribed to the topic by email (it must confirm). @default no subscription */
  readonly email?: string;
}

/** The topic's name: the pipeline's failures, and the drift check's notices. */
export function noticeTopicName(pipelineName: string): string {
  return `${pipelineName}-failures`;
}

export function failureNotice(scope: Construct, id: string, props: FailureNoticeProps): NoticeTopic {
  const { region, pipelineName } = props;
  return new NoticeTopic(scope, id, {
    topicName: noticeTopicName(pipelineName),
    displayName: `${pipelineName} failed`,
    keyAlias: `${pipelineName}-notices`,
    keyDescription: `Encrypts the failure notices of ${pipelineName}`,
    keySid: "FailureRulePublishesEncrypted",
    publisherSid: "OnlyTheFailureRulePublishes",
    ruleName: `${pipelineName}-failed`,
    ruleDescription: `Failed executions of ${pipelineName}`,
    eventPattern: {
      source: ["aws.codepipeline"],
      "detail-type": ["CodePipeline Pipeline Execution State Change"],
      resources: [props.pipelineArn],
      detail: { state: ["FAILED"] },
    },
    targetId: "failure-topic",
    inputPaths: { pipeline: "$.detail.pipeline", execution: "$.detail.execution-id", time: "$.time" },
    message:
      `Pipeline <pipeline> failed at <time> (execution <execution>). ` +
      `See https://${region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/<pipeline>/executions/<execution>/timeline?region=${region}`,
    subscriptions: props.email ? [{ id: "email", protocol: "email", endpoint: props.email }] : [],
    partition: props.partition,
    region,
    accountId: props.accountId,
  });
}
