/**
 * One CodeBuild project of the pipeline with its own least-privilege role, its KMS-encrypted log group,
 * an S3 cache in the artifact bucket and, when it keeps a test report, a JUnit report group.
 */
import { CloudwatchLogGroup, CodebuildProject, CodebuildReportGroup, Construct, IamRole, IamRolePolicy } from "../cdktf";
import { PolicyStatement, policyDocument, servicePrincipalTrust } from "../iam/policy-document";
import type { ArtifactStore } from "./artifact-store";
import { buildSpec, BuildSpecProps } from "./buildspec";
import { ARTIFACT_PREFIX, CODEBUILD_IMAGE, ComputeType, LOG_RETENTION_DAYS, stepResourceName } from "./constants";

/** A CodeBuild step as data: `pipeline-stages.ts` lists them, the pipeline stack builds each. */
export interface CodeBuildStepSpec {
  /** Short, stable ID: the construct ID and the end of the project's name, e.g. `deploy-dev`. */
  readonly id: string;
  /** The pipeline stage that runs it, e.g. `DeployDev`. */
  readonly stage: string;
  /** The action category in the pipeline. @default "Build" */
  readonly category?: "Build" | "Test";
  /** Role name. @default the project name, `glue-pipeline-<id>` */
  readonly roleName?: string;
  readonly description: string;
  readonly computeType: ComputeType;
  /** Build timeout in minutes. */
  readonly timeoutMinutes: number;
  /** The pipeline artifact it runs on; none for a step with a `source` of its own. */
  readonly input?: string;
  /** The repository it checks out itself, for a step started outside the pipeline. @default the pipeline's artifact `input` */
  readonly source?: RepositorySource;
  /** Output artifact name. @default none */
  readonly output?: string;
  /** The action's namespace, through which later actions read its exported variables, e.g. `#{PlanProdVariables.PLAN_HEADLINE}`. @default none */
  readonly namespace?: string;
  readonly buildSpec: BuildSpecProps;
  /** The step's own rights, besides logs, artifacts and cache. */
  readonly statements: readonly PolicyStatement[];
  /** Stages whose deploy role this step assumes: their deploy roles trust it. @default none */
  readonly assumesDeployRoleOf?: readonly string[];
  /** The step plans through the read-only plan roles: the pipeline's plan role trusts it. @default false */
  readonly assumesPlanRoles?: boolean;
  /** Report group kept for the JUnit report in `buildSpec.junitReports`. @default none */
  readonly reportGroupName?: string;
  /** Extra key prefixes of the artifact bucket the step writes, e.g. the plan copies. @default none */
  readonly writesPrefixes?: readonly string[];
  /** Artifact-bucket prefixes (besides the pipeline's artifacts) the step reads. @default none */
  readonly readsPrefixes?: readonly string[];
  /** Gives the step `PIPELINE_EXECUTION_ID`. @default false */
  readonly needsExecutionId?: boolean;
}

/** A repository CodeBuild checks out itself (not through the pipeline). */
export interface RepositorySource {
  readonly type: "CODECOMMIT" | "GITHUB" | "GITLAB" | "BITBUCKET";
  /** The repository's clone URL. */
  readonly location: string;
  /** The CodeConnections connection CodeBuild reaches the repository through. @default none (CodeCommit: the role's own rights) */
  readonly connectionArn?: string;
  /** Reports each build's status on its commit, under this name. @default no status reported */
  readonly statusContext?: string;
  /** The branch (or commit) a build checks out unless its start names another. @default the repository's default branch */
  readonly sourceVersion?: string;
}

export interface CodeBuildStepProps {
  readonly spec: CodeBuildStepSpec;
  readonly artifacts: ArtifactStore;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

export class CodeBuildStep extends Construct {
  readonly spec: CodeBuildStepSpec;
  readonly projectName: string;
  readonly roleName: string;
  /** The role's ARN as plain text (no reference), for trust conditions in other accounts. */
  readonly roleArnText: string;
  readonly role: IamRole;
  readonly project: CodebuildProject;

  constructor(scope: Construct, id: string, props: CodeBuildStepProps) {
    super(scope, id);
    const { spec, artifacts, partition, region, accountId } = props;
    this.spec = spec;
    this.projectName = stepResourceName(spec.id);
    this.roleName = spec.roleName ?? this.projectName;
    this.roleArnText = `arn:${partition}:iam::${accountId}:role/${this.roleName}`;
    const logGroupName = `/aws/codebuild/${this.projectName}`;
    const logGroupArn = `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
    const bucket = artifacts.bucketArn;
    const cachePrefix = `cache/${this.projectName}`;

    const logs = new CloudwatchLogGroup(this, "logs", {
      name: logGroupName,
      retentionInDays: LOG_RETENTION_DAYS,
      kmsKeyId: artifacts.keyArn,
    });
    if (spec.reportGroupName) {
      new CodebuildReportGroup(this, "reports", {
        name: spec.reportGroupName,
        type: "TEST",
        exportConfig: { type: "NO_EXPORT" },
        deleteReports: true,
      });
    }

    this.role = new IamRole(this, "role", {
      name: this.roleName,
      description: `CodeBuild role of ${this.projectName}: ${spec.description}`,
      assumeRolePolicy: servicePrincipalTrust("codebuild.amazonaws.com", accountId),
    });
    const writes = [...(spec.output ? [`${bucket}/${ARTIFACT_PREFIX}/*`] : []), ...(spec.writesPrefixes ?? []).map((p) => `${bucket}/${p}*`)];
    const statements: PolicyStatement[] = [
      { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroupArn}:*` },
      ...(spec.input
        ? [{ Sid: "ReadArtifacts", Effect: "Allow" as const, Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `${bucket}/${ARTIFACT_PREFIX}/*` }]
        : []),
      { Sid: "Cache", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `${bucket}/${cachePrefix}/*` },
      { Sid: "ReadArtifactBucketAclAndLocation", Effect: "Allow", Action: ["s3:GetBucketAcl", "s3:GetBucketLocation"], Resource: bucket },
      {
        Sid: "ArtifactKey",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: artifacts.keyArn,
      },
      ...(writes.length > 0 ? [{ Sid: "WriteArtifacts", Effect: "Allow" as const, Action: "s3:PutObject", Resource: writes }] : []),
      ...(spec.readsPrefixes?.length
        ? [{ Sid: "ReadPlans", Effect: "Allow" as const, Action: "s3:GetObject", Resource: spec.readsPrefixes.map((p) => `${bucket}/${p}*`) }]
        : []),
      ...(spec.reportGroupName
        ? [
            {
              Sid: "Reports",
              Effect: "Allow" as const,
              Action: ["codebuild:CreateReport", "codebuild:UpdateReport", "codebuild:BatchPutTestCases"],
              Resource: `arn:${partition}:codebuild:${region}:${accountId}:report-group/${spec.reportGroupName}`,
            },
          ]
        : []),
      ...spec.statements,
    ];
    assertUniqueSids(spec.id, statements);
    const policy = new IamRolePolicy(this, "policy", {
      role: this.role.name,
      name: "least-privilege",
      policy: policyDocument(...statements),
    });

    this.project = new CodebuildProject(this, "project", {
      name: this.projectName,
      description: spec.description,
      serviceRole: this.role.arn,
      encryptionKey: artifacts.keyArn,
      buildTimeout: spec.timeoutMinutes,
      queuedTimeout: 60,
      ...projectSource(spec, buildSpec(spec.buildSpec)),
      environment: {
        type: "LINUX_CONTAINER",
        image: CODEBUILD_IMAGE,
        computeType: spec.computeType,
        imagePullCredentialsType: "CODEBUILD",
        privilegedMode: false,
      },
      cache: { type: "S3", location: `${artifacts.bucketName}/${cachePrefix}` },
      logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.name } },
      // The pipeline starts as soon as it exists: its projects must already hold their rights.
      dependsOn: [policy],
    });
  }
}

/** The project's source and artifacts: the pipeline's, or a repository it checks out itself (keeping no artifact). */
function projectSource(spec: CodeBuildStepSpec, buildspec: string) {
  if ((spec.input === undefined) === (spec.source === undefined)) {
    throw new Error(`CodeBuildStep ${spec.id}: give exactly one of input (a pipeline artifact) and source (a repository)`);
  }
  const repository = spec.source;
  if (!repository) return { artifacts: { type: "CODEPIPELINE" }, source: { type: "CODEPIPELINE", buildspec } };
  return {
    artifacts: { type: "NO_ARTIFACTS" },
    ...(repository.sourceVersion ? { sourceVersion: repository.sourceVersion } : {}),
    source: {
      type: repository.type,
      location: repository.location,
      buildspec,
      ...(repository.connectionArn ? { auth: { type: "CODECONNECTIONS", resource: repository.connectionArn } } : {}),
      ...(repository.statusContext ? { reportBuildStatus: true, buildStatusConfig: { context: repository.statusContext } } : {}),
    },
  };
}

/** IAM refuses a policy whose statements share a Sid; the step's own statements and its spec's must not. */
function assertUniqueSids(stepId: string, statements: readonly PolicyStatement[]): void {
  const seen = new Set<string>();
  for (const { Sid: sid } of statements) {
    if (sid === undefined) continue;
    if (seen.has(sid)) {
      throw new Error(`CodeBuildStep ${stepId}: two statements of its role's policy have Sid "${sid}", which IAM refuses; rename one`);
    }
    seen.add(sid);
  }
}
