/**
 * The CodePipeline (V2) and its role: one stage per step of `pipeline-stages.ts`, one action per stage,
 * built in one loop. Artifacts go to the KMS-encrypted artifact store.
 */
import { Codepipeline, CodepipelineStage, CodepipelineStageAction, Construct, IamRole, IamRolePolicy } from "../cdktf";
import { policyDocument, servicePrincipalTrust } from "../iam/policy-document";
import type { ArtifactStore } from "./artifact-store";
import type { CodeBuildStep } from "./codebuild-step";
import { ARTIFACT_PREFIX } from "./constants";
import type { PipelineStep } from "./pipeline-stages";
import type { PipelineSource } from "./pipeline-source";

export interface ReleasePipelineProps {
  readonly name: string;
  readonly steps: readonly PipelineStep[];
  /** The built CodeBuild steps, by stage name. */
  readonly projects: ReadonlyMap<string, CodeBuildStep>;
  readonly source: PipelineSource;
  readonly artifacts: ArtifactStore;
  readonly accountId: string;
}

export class ReleasePipeline extends Construct {
  readonly pipeline: Codepipeline;

  constructor(scope: Construct, id: string, props: ReleasePipelineProps) {
    super(scope, id);
    const { artifacts, projects } = props;
    const stages: CodepipelineStage[] = props.steps.map((step) => ({ name: step.stage, action: [this.actionOf(step, props)] }));

    const role = new IamRole(this, "role", {
      name: `${props.name}-codepipeline`,
      description: `Runs ${props.name}`,
      assumeRolePolicy: servicePrincipalTrust("codepipeline.amazonaws.com", props.accountId),
    });
    const policy = new IamRolePolicy(this, "policy", {
      role: role.name,
      name: "least-privilege",
      policy: policyDocument(
        ...props.source.pipelineStatements,
        {
          Sid: "Artifacts",
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
          Resource: `${artifacts.bucketArn}/${ARTIFACT_PREFIX}/*`,
        },
        { Sid: "ArtifactBucket", Effect: "Allow", Action: ["s3:GetBucketVersioning", "s3:GetBucketLocation"], Resource: artifacts.bucketArn },
        {
          Sid: "ArtifactKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: artifacts.keyArn,
        },
        {
          Sid: "RunProjects",
          Effect: "Allow",
          Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"],
          Resource: [...projects.values()].map((step) => step.project.arn),
        },
      ),
    });

    this.pipeline = new Codepipeline(this, "pipeline", {
      name: props.name,
      pipelineType: "V2",
      // A newer commit overtakes one still waiting, e.g. at the approval.
      executionMode: "SUPERSEDED",
      roleArn: role.arn,
      artifactStore: [{ type: "S3", location: artifacts.bucketName, encryptionKey: { type: "KMS", id: artifacts.keyArn } }],
      stage: stages,
      trigger: props.source.triggers.length > 0 ? props.source.triggers : undefined,
      // The pipeline starts as soon as it exists: its role must already hold its rights.
      dependsOn: [policy],
    });
  }

  get arn(): string {
    return this.pipeline.arn;
  }

  private actionOf(step: PipelineStep, props: ReleasePipelineProps): CodepipelineStageAction {
    switch (step.kind) {
      case "source":
        return props.source.action;
      case "approval":
        return {
          name: "Approve",
          category: "Approval",
          owner: "AWS",
          provider: "Manual",
          version: "1",
          configuration: { CustomData: step.customData, ExternalEntityLink: step.externalEntityLink },
        };
      case "codebuild": {
        const project = props.projects.get(step.stage);
        if (!project) throw new Error(`ReleasePipeline: no CodeBuild project was built for stage ${step.stage}`);
        const { spec } = project;
        if (!spec.input) throw new Error(`ReleasePipeline: the project of stage ${step.stage} checks out its own source; a pipeline action needs an input artifact`);
        const variables = spec.needsExecutionId
          ? [{ name: "PIPELINE_EXECUTION_ID", value: "#{codepipeline.PipelineExecutionId}", type: "PLAINTEXT" }]
          : undefined;
        return {
          name: step.stage,
          category: spec.category ?? "Build",
          owner: "AWS",
          provider: "CodeBuild",
          version: "1",
          inputArtifacts: [spec.input],
          outputArtifacts: spec.output ? [spec.output] : undefined,
          namespace: spec.namespace,
          configuration: {
            ProjectName: project.project.name,
            ...(variables ? { EnvironmentVariables: JSON.stringify(variables) } : {}),
          },
        };
      }
    }
  }
}
