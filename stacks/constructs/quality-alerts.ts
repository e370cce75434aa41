/**
 * Tells people when an output fails its data-quality rules on AWS: Glue Data Quality's "Data Quality
 * Evaluation Results Available" event of a stage's job with a FAILED result becomes a readable message
 * on the stage's job-alerts topic. Amazon EventBridge events reference, "AWS Glue Data Quality events"
 * (https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-glue-dataquality.html); the event's
 * detail, AWS Glue Developer Guide, "Setting up alerts, deployments, and scheduling"
 * (https://docs.aws.amazon.com/glue/latest/dg/data-quality-alerts.html). For an evaluation in a job, its
 * context is { contextType: GLUE_JOB, jobId: the run's id, jobName, evaluationContext }, and the counts are
 * numRulesSucceeded / numRulesFailed, as events captured from Glue show them (aws-samples' InsuranceLake
 * documents one); the guide's sample spells them rulesSucceeded / rulesFailed.
 */
import { CloudwatchEventRule, CloudwatchEventTarget, Construct } from "../cdktf";
import type { NoticeTopic } from "./notice-topic";

export interface QualityAlertsProps {
  readonly stage: string;
  /** What every job of the stage is named after, e.g. `dev-`. */
  readonly jobNamePrefix: string;
  /** The stage's job-alerts topic, which this rule publishes to as well. */
  readonly topic: NoticeTopic;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export function qualityAlertsName(stage: string): string {
  return `glue-${stage}-quality-alerts`;
}

export const QUALITY_ALERT_SOURCE = "aws.glue-dataquality";
export const QUALITY_ALERT_DETAIL_TYPE = "Data Quality Evaluation Results Available";

/** The message, with EventBridge's `<placeholder>`s; the evaluation context is `<job>-<output>`. */
export function qualityAlertMessage(stage: string, region: string): string {
  return (
    `Data quality of Glue job <job> of ${stage} FAILED at <time> (run <run>, output <context>): <failed> rule(s) failed, <passed> passed, score <score>. ` +
    `The run's error message names each failed rule and its measured value. ` +
    `Results: https://${region}.console.aws.amazon.com/gluestudio/home?region=${region}#/job/<job>/run/<run>`
  );
}

export class QualityAlerts extends Construct {
  readonly ruleArn: string;

  constructor(scope: Construct, id: string, props: QualityAlertsProps) {
    super(scope, id);
    const name = qualityAlertsName(props.stage);
    this.ruleArn = `arn:${props.partition}:events:${props.region}:${props.accountId}:rule/${name}`;
    const rule = new CloudwatchEventRule(this, "rule", {
      name,
      description: `Data-quality results of ${props.stage} Glue jobs that FAILED`,
      eventPattern: JSON.stringify({
        source: [QUALITY_ALERT_SOURCE],
        "detail-type": [QUALITY_ALERT_DETAIL_TYPE],
        detail: { context: { contextType: ["GLUE_JOB"], jobName: [{ prefix: props.jobNamePrefix }] }, state: ["FAILED"] },
      }),
    });
    new CloudwatchEventTarget(this, "notify", {
      rule: rule.name,
      targetId: "quality-alerts-topic",
      arn: props.topic.topic.arn,
      inputTransformer: {
        inputPaths: {
          job: "$.detail.context.jobName",
          // A job's evaluation names its run in context.jobId (jr_...); the context has no jobRunId (see the header).
          run: "$.detail.context.jobId",
          context: "$.detail.context.evaluationContext",
          failed: "$.detail.numRulesFailed",
          passed: "$.detail.numRulesSucceeded",
          score: "$.detail.score",
          time: "$.time",
        },
        // Plain text, placed in verbatim (see notice-topic.ts): the values cannot break it.
        inputTemplate: qualityAlertMessage(props.stage, props.region),
      },
    });
    // The topic takes this rule as a publisher next to the job-alerts rule (its policy names each rule).
    props.topic.addRulePublisher(this.ruleArn);
  }
}
