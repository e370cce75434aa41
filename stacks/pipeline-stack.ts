/**
 * `pipeline`: the CI/CD pipeline that tests the app and deploys `dev-glue`, then `prod-glue` after a
 * person approves the plan. Deployed once from a laptop; after that it updates itself.
 */
import { Annotations, Construct, TerraformOutput, TerraformStack } from "./cdktf";
import { addAwsAccountProvider } from "./aws-account-provider";
import type { AppConfig } from "./config";
import { partitionOf } from "./constants/aws-regions";
import { ArtifactStore } from "./pipeline/artifact-store";
import { CodeBuildStep, type CodeBuildStepSpec } from "./pipeline/codebuild-step";
import { artifactBucketName, PIPELINE_NAME } from "./names";
import { deployAccessByStage } from "./pipeline/deploy-access";
import { driftCheckStep } from "./pipeline/drift-check-step";
import { failureNotice, noticeTopicName } from "./pipeline/failure-notice";
import { pipelineStages } from "./pipeline/pipeline-stages";
import { PipelineSource } from "./pipeline/pipeline-source";
import { PlanRoles } from "./pipeline/plan-roles";
import { prCheckStep } from "./pipeline/pr-check-step";
import { PullRequestTrigger } from "./pipeline/pull-request-trigger";
import { ReleasePipeline } from "./pipeline/release-pipeline";
import { ScheduledBuild } from "./pipeline/scheduled-build";
import { stageAccountProviders } from "./pipeline/stage-account-provider";
import { StageDeployRoles } from "./pipeline/stage-deploy-roles";
import { addStateBackend } from "./state-backend";

export interface PipelineStackProps {
  readonly config: AppConfig;
}

export class PipelineStack extends TerraformStack {
  readonly pipeline: ReleasePipeline;
  readonly steps: CodeBuildStep[];
  /** The pull-request check, unless `pullRequests.enabled` is false. */
  readonly prCheck?: CodeBuildStep;
  /** The scheduled drift check, unless `pipeline.driftCheck.enabled` is false. */
  readonly driftCheck?: CodeBuildStep;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id);
    const { config } = props;
    const account = config.pipelineAccount;
    const { awsAccountId: accountId, awsRegion: region } = account;
    const partition = partitionOf(region);
    const tags = { project: "glue-cdktf-pipeline", stage: "pipeline", "managed-by": "cdktf", ...config.tags };

    addStateBackend(this, config.backend, id);
    addAwsAccountProvider(this, { account, tags });
    if (config.backend.type === "local") {
      Annotations.of(this).addWarning(
        "backend.type is local: the pipeline's builds would start from empty state each time; use cloud or s3 before deploying the pipeline",
      );
    }

    // How each stage's account is reached: directly, or through its deploy role (see deploy-access.ts).
    const accessByStage = deployAccessByStage(config);
    const access = Object.values(accessByStage);

    const artifacts = new ArtifactStore(this, "artifacts", {
      bucketName: artifactBucketName(account),
      partition,
      region,
      accountId,
      readerRoleArns: access.filter((a) => a.crossAccount && a.roleArn).map((a) => a.roleArn!),
    });
    const source = new PipelineSource(this, "source", { source: config.source, partition, region, accountId });

    const stages = pipelineStages({ config, artifactBucket: artifacts.bucketName, access: accessByStage });
    const codeBuildStep = (spec: CodeBuildStepSpec) => new CodeBuildStep(this, spec.id, { spec, artifacts, partition, region, accountId });
    this.steps = stages.flatMap((step) => (step.kind === "codebuild" ? [codeBuildStep(step.spec)] : []));

    // Pull requests into the branch: tested, planned read-only, and the summary sent back (pr-check-step.ts).
    const prCheck = prCheckStep({ config, artifactBucket: artifacts.bucketName });
    this.prCheck = prCheck && codeBuildStep(prCheck);
    if (this.prCheck) {
      new PullRequestTrigger(this, "pr-trigger", { source: config.source, targetBranch: config.pullRequests.targetBranch, check: this.prCheck, partition, region, accountId });
    }
    this.pipeline = new ReleasePipeline(this, "pipeline", {
      name: PIPELINE_NAME,
      steps: stages,
      projects: new Map(this.steps.map((step) => [step.spec.stage, step])),
      source,
      artifacts,
      accountId,
    });
    source.startOnPush(this.pipeline.arn);
    const notice = failureNotice(this, "failure-notice", {
      pipelineName: PIPELINE_NAME,
      pipelineArn: this.pipeline.arn,
      partition,
      region,
      accountId,
      email: config.pipeline.notificationEmail,
    });

    // Every day (by default): is what is deployed still what the state and the branch say? (drift-check-step.ts)
    const noticeTopicArn = `arn:${partition}:sns:${region}:${accountId}:${noticeTopicName(PIPELINE_NAME)}`;
    const driftCheck = driftCheckStep({ config, noticeTopicArn, noticeKeyArn: notice.keyArn });
    this.driftCheck = driftCheck && codeBuildStep(driftCheck);
    if (this.driftCheck) {
      new ScheduledBuild(this, "drift-check-schedule", {
        step: this.driftCheck,
        schedule: config.pipeline.driftCheck.schedule,
        description: `Checks the stacks for drift, ${config.pipeline.driftCheck.schedule} (UTC)`,
        accountId,
      });
      notice.addPublisher("DriftCheckPublishes", this.driftCheck.role.arn);
    }
    const allSteps = [...this.steps, ...[this.prCheck, this.driftCheck].filter((step): step is CodeBuildStep => step !== undefined)];

    // What the stack keeps in stage accounts (deploy, plan and boundary) goes through providers pinned to them.
    const providers = stageAccountProviders(this, access, tags);
    const deployRoles = new StageDeployRoles(this, "deploy-role", {
      access,
      steps: allSteps,
      pipelineAccountId: accountId,
      backend: config.backend,
      providers,
    });
    const planRoles = new PlanRoles(this, "plan-roles", { config, access: accessByStage, providers, steps: allSteps, artifactBucket: artifacts.bucketName });

    new TerraformOutput(this, "pipeline_name", { value: PIPELINE_NAME });
    new TerraformOutput(this, "artifact_bucket", { value: artifacts.bucketName });
    new TerraformOutput(this, "failure_topic_arn", { value: notice.topic.arn });
    new TerraformOutput(this, "deploy_role_arns", { value: deployRoles.roles.map((role) => role.arn) });
    new TerraformOutput(this, "plan_role_arns", { value: [planRoles.pipeline, ...Object.values(planRoles.stages)].map((plan) => plan.role.arn) });
  }
}
