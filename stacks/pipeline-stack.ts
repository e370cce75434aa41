/**
 * `pipeline`: the CI/CD pipeline that tests the app and deploys `dev-glue`, then `prod-glue` after a
 * person approves the plan. Deployed once from a laptop; after that it updates itself.
 */
import { Annotations, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { addAwsAccountProvider } from "./aws-account-provider";
import type { AppConfig } from "./config";
import { partitionOf } from "./constants/aws-regions";
import { ArtifactStore } from "./pipeline/artifact-store";
import { CodeBuildStep } from "./pipeline/codebuild-step";
import { artifactBucketName, PIPELINE_NAME } from "./pipeline/constants";
import { deployAccessByStage } from "./pipeline/deploy-access";
import { failureNotice } from "./pipeline/failure-notice";
import { pipelineStages } from "./pipeline/pipeline-stages";
import { PipelineSource } from "./pipeline/pipeline-source";
import { ReleasePipeline } from "./pipeline/release-pipeline";
import { StageDeployRoles } from "./pipeline/stage-deploy-roles";
import { addStateBackend } from "./state-backend";

export interface PipelineStackProps {
  readonly config: AppConfig;
}

export class PipelineStack extends TerraformStack {
  readonly pipeline: ReleasePipeline;
  readonly steps: CodeBuildStep[];

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
    this.steps = stages.flatMap((step) =>
      step.kind === "codebuild" ? [new CodeBuildStep(this, step.spec.id, { spec: step.spec, artifacts, partition, region, accountId })] : [],
    );

    const deployRoles = new StageDeployRoles(this, "deploy-role", {
      access,
      steps: this.steps,
      pipelineAccountId: accountId,
      backend: config.backend,
      tags,
    });

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

    new TerraformOutput(this, "pipeline_name", { value: PIPELINE_NAME });
    new TerraformOutput(this, "artifact_bucket", { value: artifacts.bucketName });
    new TerraformOutput(this, "failure_topic_arn", { value: notice.topic.arn });
    new TerraformOutput(this, "deploy_role_arns", { value: deployRoles.roles.map((role) => role.arn) });
  }
}
