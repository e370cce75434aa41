/**
 * Starts a CodeBuild project on a schedule: an EventBridge rule with the schedule expression, whose target
 * starts the project through a role that may start only it.
 */
import { CloudwatchEventRule, CloudwatchEventTarget, Construct } from "../cdktf";
import { buildStartRole } from "./build-start-role";
import type { CodeBuildStep } from "./codebuild-step";

export interface ScheduledBuildProps {
  readonly step: CodeBuildStep;
  /** An EventBridge schedule expression: `rate(...)` or `cron(...)`, in UTC. */
  readonly schedule: string;
  readonly description: string;
  readonly accountId: string;
}

export class ScheduledBuild extends Construct {
  readonly rule: CloudwatchEventRule;

  constructor(scope: Construct, id: string, props: ScheduledBuildProps) {
    super(scope, id);
    const { step } = props;
    this.rule = new CloudwatchEventRule(this, "rule", {
      name: step.projectName,
      description: props.description,
      scheduleExpression: props.schedule,
    });
    const role = buildStartRole(this, { step, when: "on its schedule", policyName: "start-build", accountId: props.accountId });
    new CloudwatchEventTarget(this, "start", {
      rule: this.rule.name,
      targetId: step.spec.id,
      arn: step.project.arn,
      roleArn: role.arn,
    });
  }
}
