/**
 * `glue-pipeline-pr-check`: what runs on every pull request into the pipeline's branch, as data. It checks
 * out the pull request's commit itself, runs what Build runs (npm ci, cdktf synth, npm test), then plans
 * every stack through the read-only plan roles and makes the data plan of the jobs it changes (whose
 * headline leads the summary when something breaks), and writes the summary, kept under `pr-checks/<commit>/` in
 * the artifact bucket. CodeCommit: the summary is posted on the pull request. GitHub, GitLab, Bitbucket:
 * CodeBuild reports the build's status on the commit, linking the build, whose log holds the summary.
 *
 * The pull request's code runs here, so the project's role may do nothing a reviewer would not: read
 * its source, post its comment, keep its summary, and plan through the plan roles.
 */
import type { AppConfig, SourceConfig } from "../config";
import { partitionOf } from "../constants/aws-regions";
import type { PolicyStatement } from "../iam/policy-document";
import type { CodeBuildStepSpec, RepositorySource } from "./codebuild-step";
import { PIPELINE_NAME } from "../names";
import { CACHE_PATHS, COMPUTE_TYPES, JAVA_RUNTIME, PR_CHECK_PREFIX, RUNTIMES, stepResourceName, TERRAFORM_VARIABLES } from "./constants";
import { assumePlanRoleStatement, planProfiles, readPlanToken } from "./plan-access";
import { installTerraform, NPM_CI, PLAN_REVIEW_DIR, planReview, writeProfiles } from "./step-commands";

export const PR_CHECK_ID = "pr-check";
/** The name of the commit status CodeBuild reports to GitHub, GitLab or Bitbucket. */
export const PR_CHECK_STATUS_CONTEXT = `${PIPELINE_NAME}/pr-check`;

/** What the CodeCommit trigger passes to each build (EventBridge input transformer, pull-request-trigger.ts). */
export const PULL_REQUEST_VARIABLES = {
  id: "PULL_REQUEST_ID",
  sourceCommit: "SOURCE_COMMIT",
  destinationCommit: "DESTINATION_COMMIT",
} as const;

export interface PrCheckContext {
  readonly config: AppConfig;
  readonly artifactBucket: string;
}

/** The step, or undefined when `pullRequests.enabled` is false. */
export function prCheckStep(ctx: PrCheckContext): CodeBuildStepSpec | undefined {
  const { config, artifactBucket } = ctx;
  if (!config.pullRequests.enabled) return undefined;
  const { awsRegion: region } = config.pipelineAccount;
  const commitPrefix = `${PR_CHECK_PREFIX}$CODEBUILD_RESOLVED_SOURCE_VERSION/`;
  const plansUrl = `https://s3.console.aws.amazon.com/s3/buckets/${artifactBucket}?region=${region}&prefix=${commitPrefix}`;
  const token = readPlanToken(config);
  return {
    id: PR_CHECK_ID,
    stage: "PullRequestCheck",
    description: `tests each pull request into ${config.pullRequests.targetBranch} and summarizes every stack's plan, read-only`,
    computeType: COMPUTE_TYPES.medium,
    timeoutMinutes: 60,
    source: repositorySource(config.source, region),
    writesPrefixes: [PR_CHECK_PREFIX],
    assumesPlanRoles: true,
    buildSpec: {
      runtimes: { ...RUNTIMES, ...JAVA_RUNTIME },
      variables: { ...TERRAFORM_VARIABLES, GLUE_CDKTF_TERRAFORM_VALIDATE: "1" },
      install: [...installTerraform(), NPM_CI, ...writeProfiles(planProfiles(config))],
      build: [
        "npx cdktf synth",
        "npm test",
        ...token,
        // The data plan compares with the pull request's destination commit where the trigger passes it.
        planReview({ plansUrl, baseVariable: PULL_REQUEST_VARIABLES.destinationCommit }),
        `aws s3 cp --recursive --only-show-errors ${PLAN_REVIEW_DIR} "s3://${artifactBucket}/${commitPrefix}"`,
      ],
      postBuild: config.source.type === "codecommit" ? [postComment(config.source.repositoryName)] : [],
      cachePaths: CACHE_PATHS,
    },
    statements: [assumePlanRoleStatement(config), ...sourceStatements(config.source, region, config.pipelineAccount.awsAccountId)],
  };
}

/** The project's own checkout of the repository: CodeCommit by its clone URL, the others through the connection. */
export function repositorySource(source: SourceConfig, region: string): RepositorySource {
  if (source.type === "codecommit") {
    const suffix = partitionOf(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
    return { type: "CODECOMMIT", location: `https://git-codecommit.${region}.${suffix}/v1/repos/${source.repositoryName}` };
  }
  const hosts = { github: ["GITHUB", "github.com"], gitlab: ["GITLAB", "gitlab.com"], bitbucket: ["BITBUCKET", "bitbucket.org"] } as const;
  const [type, host] = hosts[source.provider];
  return { type, location: `https://${host}/${source.repository}.git`, connectionArn: source.connectionArn, statusContext: PR_CHECK_STATUS_CONTEXT };
}

/** What a step that checks out the repository itself needs; `comment` adds posting on its pull requests (CodeCommit). */
export function sourceStatements(source: SourceConfig, region: string, accountId: string, comment = true): PolicyStatement[] {
  if (source.type === "codestar") {
    return [
      {
        Sid: "UseConnection",
        Effect: "Allow",
        // The connection vends CodeBuild the token it clones with and reports the status with.
        Action: ["codeconnections:GetConnectionToken", "codeconnections:GetConnection", "codestar-connections:GetConnectionToken", "codestar-connections:GetConnection"],
        Resource: source.connectionArn,
      },
    ];
  }
  return [
    {
      Sid: comment ? "PullAndComment" : "Pull",
      Effect: "Allow",
      Action: comment ? ["codecommit:GitPull", "codecommit:PostCommentForPullRequest"] : "codecommit:GitPull",
      Resource: `arn:${partitionOf(region)}:codecommit:${region}:${accountId}:${source.repositoryName}`,
    },
  ];
}

/**
 * After the build, passed or failed: the summary, or where it failed, as a comment on the pull request.
 * A build started by hand (no pull request) posts nothing.
 */
function postComment(repositoryName: string): string {
  const { id, sourceCommit, destinationCommit } = PULL_REQUEST_VARIABLES;
  const failed = "pr-check-failed.md";
  return [
    `if [ -z "$${id}" ]; then echo "No pull request: nothing to post."; else`,
    `if [ "$CODEBUILD_BUILD_SUCCEEDING" = 1 ] && [ -f ${PLAN_REVIEW_DIR}/summary.md ]; then body=${PLAN_REVIEW_DIR}/summary.md;`,
    `else printf '%s\\n' "### ${stepResourceName(PR_CHECK_ID)} failed" "" "The tests or a plan failed; the build's log says where: $CODEBUILD_BUILD_URL" > ${failed}; body=${failed}; fi;`,
    `aws codecommit post-comment-for-pull-request --pull-request-id "$${id}" --repository-name ${repositoryName}`,
    `--before-commit-id "$${destinationCommit}" --after-commit-id "$${sourceCommit}" --content "file://$body"; fi`,
  ].join(" ");
}
