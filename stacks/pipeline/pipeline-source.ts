/**
 * Where the pipeline's code comes from, as `source.type` says: a CodeCommit repository and branch (started
 * by an EventBridge rule on pushes), or a CodeStar connection to GitHub, GitLab or Bitbucket (started by
 * the pipeline's own push trigger).
 */
import { CloudwatchEventRule, CloudwatchEventTarget, type CodepipelineStageAction, type CodepipelineTrigger, Construct, IamRole, IamRolePolicy } from "../cdktf";
import type { SourceConfig } from "../config";
import { PolicyStatement, policyDocument, servicePrincipalTrust } from "../iam/policy-document";
import { PIPELINE_NAME } from "../names";
import { ARTIFACTS, SOURCE_NAMESPACE } from "./constants";

export interface PipelineSourceProps {
  readonly source: SourceConfig;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

const ACTION_NAME = "Source";

export class PipelineSource extends Construct {
  /** The Source stage's action. */
  readonly action: CodepipelineStageAction;
  /** What the pipeline's role needs to run the action. */
  readonly pipelineStatements: PolicyStatement[];
  /** The pipeline's own triggers (CodeStar connections). */
  readonly triggers: CodepipelineTrigger[];
  private readonly props: PipelineSourceProps;

  constructor(scope: Construct, id: string, props: PipelineSourceProps) {
    super(scope, id);
    this.props = props;
    const { source } = props;
    const common = { name: ACTION_NAME, category: "Source", owner: "AWS", version: "1", outputArtifacts: [ARTIFACTS.source], namespace: SOURCE_NAMESPACE };
    if (source.type === "codecommit") {
      this.action = {
        ...common,
        provider: "CodeCommit",
        configuration: {
          RepositoryName: source.repositoryName,
          BranchName: source.branch,
          // Pushes start the pipeline through the EventBridge rule below, not by polling.
          PollForSourceChanges: "false",
          OutputArtifactFormat: "CODE_ZIP",
        },
      };
      this.pipelineStatements = [
        {
          Sid: "ReadSource",
          Effect: "Allow",
          Action: ["codecommit:GetBranch", "codecommit:GetCommit", "codecommit:UploadArchive", "codecommit:GetUploadArchiveStatus", "codecommit:CancelUploadArchive"],
          Resource: this.repositoryArn(),
        },
      ];
      this.triggers = [];
    } else {
      this.action = {
        ...common,
        provider: "CodeStarSourceConnection",
        configuration: {
          ConnectionArn: source.connectionArn,
          FullRepositoryId: source.repository,
          BranchName: source.branch,
          OutputArtifactFormat: "CODE_ZIP",
          DetectChanges: "true",
        },
      };
      this.pipelineStatements = [
        {
          Sid: "UseConnection",
          Effect: "Allow",
          Action: ["codestar-connections:UseConnection", "codeconnections:UseConnection"],
          Resource: source.connectionArn,
        },
      ];
      this.triggers = [
        {
          providerType: "CodeStarSourceConnection",
          gitConfiguration: { sourceActionName: ACTION_NAME, push: [{ branches: { includes: [source.branch] } }] },
        },
      ];
    }
  }

  /** Starts the pipeline on pushes to the branch: needed for CodeCommit only. */
  startOnPush(pipelineArn: string): void {
    const { source, accountId } = this.props;
    if (source.type !== "codecommit") return;
    const rule = new CloudwatchEventRule(this, "on-push", {
      name: `${PIPELINE_NAME}-on-push`,
      description: `Starts ${PIPELINE_NAME} on pushes to ${source.repositoryName}@${source.branch}`,
      eventPattern: JSON.stringify({
        source: ["aws.codecommit"],
        "detail-type": ["CodeCommit Repository State Change"],
        resources: [this.repositoryArn()],
        detail: { event: ["referenceCreated", "referenceUpdated"], referenceType: ["branch"], referenceName: [source.branch] },
      }),
    });
    const role = new IamRole(this, "start-role", {
      name: `${PIPELINE_NAME}-start-on-push`,
      description: `Lets EventBridge start ${PIPELINE_NAME}`,
      assumeRolePolicy: servicePrincipalTrust("events.amazonaws.com", accountId),
    });
    new IamRolePolicy(this, "start-policy", {
      role: role.name,
      name: "start-pipeline",
      policy: policyDocument({ Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: pipelineArn }),
    });
    new CloudwatchEventTarget(this, "start", { rule: rule.name, targetId: "pipeline", arn: pipelineArn, roleArn: role.arn });
  }

  private repositoryArn(): string {
    const { source, partition, region, accountId } = this.props;
    if (source.type !== "codecommit") throw new Error("PipelineSource: only a CodeCommit source has a repository ARN");
    return `arn:${partition}:codecommit:${region}:${accountId}:${source.repositoryName}`;
  }
}
