/**
 * Starts the pull-request check on every pull request into the target branch, as the source allows:
 * - CodeCommit: an EventBridge rule on `pullRequestCreated` and `pullRequestSourceBranchUpdated`, whose
 *   target starts the project on the pull request's source commit and tells it the pull request's id and
 *   commits (to comment on it);
 * - GitHub, GitLab, Bitbucket (a CodeStar connection): a CodeBuild webhook on pull-request events, whose
 *   builds CodeBuild reports on the commit. Pull requests from forks wait for a maintainer's approval
 *   comment before their code runs.
 */
import { CloudwatchEventRule, CloudwatchEventTarget, CodebuildWebhook, Construct } from "../cdktf";
import type { SourceConfig } from "../config";
import { buildStartRole } from "./build-start-role";
import type { CodeBuildStep } from "./codebuild-step";
import { PULL_REQUEST_VARIABLES } from "./pr-check-step";

export interface PullRequestTriggerProps {
  readonly source: SourceConfig;
  /** The branch whose pull requests start the check. */
  readonly targetBranch: string;
  readonly check: CodeBuildStep;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Repository roles whose pull requests run without an approval comment, per host. */
export const APPROVER_ROLES = {
  github: ["GITHUB_WRITE", "GITHUB_MAINTAIN", "GITHUB_ADMIN"],
  gitlab: ["GITLAB_DEVELOPER", "GITLAB_MAINTAINER", "GITLAB_OWNER"],
  bitbucket: ["BITBUCKET_WRITE", "BITBUCKET_ADMIN"],
} as const;

export class PullRequestTrigger extends Construct {
  constructor(scope: Construct, id: string, props: PullRequestTriggerProps) {
    super(scope, id);
    const { source, check } = props;
    if (source.type === "codestar") {
      new CodebuildWebhook(this, "webhook", {
        projectName: check.project.name,
        buildType: "BUILD",
        filterGroup: [
          {
            filter: [
              { type: "EVENT", pattern: "PULL_REQUEST_CREATED, PULL_REQUEST_UPDATED, PULL_REQUEST_REOPENED" },
              { type: "BASE_REF", pattern: `^refs/heads/${escapeRegex(props.targetBranch)}$` },
            ],
          },
        ],
        pullRequestBuildPolicy: { requiresCommentApproval: "FORK_PULL_REQUESTS", approverRoles: [...APPROVER_ROLES[source.provider]] },
      });
      return;
    }
    const repositoryArn = `arn:${props.partition}:codecommit:${props.region}:${props.accountId}:${source.repositoryName}`;
    const rule = new CloudwatchEventRule(this, "rule", {
      name: check.projectName,
      description: `Checks pull requests into ${source.repositoryName}@${props.targetBranch}`,
      eventPattern: JSON.stringify({
        source: ["aws.codecommit"],
        "detail-type": ["CodeCommit Pull Request State Change"],
        resources: [repositoryArn],
        detail: {
          event: ["pullRequestCreated", "pullRequestSourceBranchUpdated"],
          pullRequestStatus: ["Open"],
          destinationReference: [`refs/heads/${props.targetBranch}`],
        },
      }),
    });
    const role = buildStartRole(this, { step: check, when: "on each pull request", policyName: "start-check", accountId: props.accountId });
    const variable = (name: string, path: string) => `{"name": "${name}", "value": <${path}>, "type": "PLAINTEXT"}`;
    new CloudwatchEventTarget(this, "start", {
      rule: rule.name,
      targetId: "pr-check",
      arn: check.project.arn,
      roleArn: role.arn,
      // The target's input is StartBuild's request: the pull request's commit, and what the comment needs.
      inputTransformer: {
        inputPaths: {
          id: "$.detail.pullRequestId",
          sourceCommit: "$.detail.sourceCommit",
          destinationCommit: "$.detail.destinationCommit",
        },
        inputTemplate:
          `{"sourceVersion": <sourceCommit>, "environmentVariablesOverride": [` +
          [
            variable(PULL_REQUEST_VARIABLES.id, "id"),
            variable(PULL_REQUEST_VARIABLES.sourceCommit, "sourceCommit"),
            variable(PULL_REQUEST_VARIABLES.destinationCommit, "destinationCommit"),
          ].join(", ") +
          "]}",
      },
    });
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
}
