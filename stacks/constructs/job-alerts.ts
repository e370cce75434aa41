/**
 * Tells people when a job of the stage fails: every Glue job run of the stage that ends FAILED, TIMEOUT
 * or STOPPED becomes a readable message on `glue-<stage>-job-alerts`. The job roles gain nothing:
 * Glue emits the events, EventBridge publishes them.
 */
import { createHash } from "crypto";
import type { Construct } from "../cdktf";
import type { StageAlerts } from "../config";
import { STATE_CHANGE_EVENT_STATES } from "../constants/glue-job-run-states";
import { NoticeTopic, type NoticeSubscription } from "./notice-topic";

/** The states of Glue's "Glue Job State Change" events that need a person's attention: all but SUCCEEDED. */
export const ALERT_STATES = STATE_CHANGE_EVENT_STATES.filter((state) => state !== "SUCCEEDED");

export interface JobAlertsProps {
  readonly stage: string;
  /** What every job of the stage is named after, e.g. `dev-`: its deploy rights are scoped to the same names. */
  readonly jobNamePrefix: string;
  readonly alerts: StageAlerts;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export function jobAlertsName(stage: string): string {
  return `glue-${stage}-job-alerts`;
}

/**
 * The message, with EventBridge's `<placeholder>`s for the event's fields. Plain text, not a JSON string:
 * EventBridge places values into the template unescaped ("Amazon EventBridge input transformation",
 * common issues), so Glue's message, with its quotes, newlines and backslashes, arrives as Glue wrote it.
 */
export function jobAlertMessage(stage: string, region: string): string {
  return (
    `Glue job <job> of ${stage} ended <state> at <time> (run <run>): <message> ` +
    `Run details: https://${region}.console.aws.amazon.com/gluestudio/home?region=${region}#/job/<job>/run/<run>`
  );
}

export function jobAlerts(scope: Construct, id: string, props: JobAlertsProps): NoticeTopic {
  const name = jobAlertsName(props.stage);
  return new NoticeTopic(scope, id, {
    topicName: name,
    displayName: `Glue jobs of ${props.stage} that failed`,
    keyAlias: name,
    keyDescription: `Encrypts the job alerts of the ${props.stage} Glue stage`,
    keySid: "JobAlertRulePublishesEncrypted",
    publisherSid: "OnlyTheJobAlertRulePublishes",
    ruleName: name,
    ruleDescription: `Glue job runs of ${props.stage} that ended ${ALERT_STATES.join(", ")}`,
    eventPattern: {
      source: ["aws.glue"],
      "detail-type": ["Glue Job State Change"],
      // A prefix, not a list: EventBridge patterns hold 2,048 characters, a list of 300 job names does not fit.
      detail: { jobName: [{ prefix: props.jobNamePrefix }], state: [...ALERT_STATES] },
    },
    targetId: "job-alerts-topic",
    inputPaths: { job: "$.detail.jobName", run: "$.detail.jobRunId", state: "$.detail.state", message: "$.detail.message", time: "$.time" },
    message: jobAlertMessage(props.stage, props.region),
    subscriptions: subscriptionsOf(props.alerts),
    partition: props.partition,
    region: props.region,
    accountId: props.accountId,
  });
}

/** One subscription per address, with an ID that stays the same when the list is reordered. */
function subscriptionsOf(alerts: StageAlerts): NoticeSubscription[] {
  const idOf = (protocol: string, endpoint: string) => `${protocol}-${createHash("sha256").update(endpoint).digest("hex").slice(0, 12)}`;
  return [
    ...alerts.email.map((endpoint) => ({ id: idOf("email", endpoint), protocol: "email" as const, endpoint })),
    ...alerts.https.map((endpoint) => ({ id: idOf("https", endpoint), protocol: "https" as const, endpoint })),
  ];
}
