/**
 * The role the pipeline's integration test assumes in a stage's account: it may list jobs, read their
 * tags, start them and read their runs, start the stage's workflow and read its runs, and nothing else.
 */
import { Construct, IamRole, IamRolePolicy } from "../cdktf";
import { PolicyStatement, policyDocument } from "../iam/policy-document";
import { SUPPRESSIONS, suppressCheckov } from "../security/checkov-suppressions";

export interface IntegTestRoleProps {
  readonly roleName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly pipelineAccountId: string;
  /** The pipeline role allowed to assume this one (its name; it lives in the pipeline account). */
  readonly runnerRoleName: string;
  /** Permissions boundary of the role. @default none */
  readonly permissionsBoundary?: string;
  /**
   * What this stage's Glue jobs are named after (`<stage>-`). The role may run every job with that prefix:
   * one ARN per job would pass IAM's 10,240-character limit on a role's inline policies at about 186 jobs.
   */
  readonly jobNamePrefix: string;
  /** The stage's workflow, which the role may read, start and follow. @default none */
  readonly workflowName?: string;
}

export class IntegTestRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: IntegTestRoleProps) {
    super(scope, id);
    const runnerRoleArn = `arn:${props.partition}:iam::${props.pipelineAccountId}:role/${props.runnerRoleName}`;
    this.role = new IamRole(this, "role", {
      name: props.roleName,
      description: "Assumed by the pipeline's integration test to run this stage's Glue jobs",
      maxSessionDuration: 3600,
      permissionsBoundary: props.permissionsBoundary,
      assumeRolePolicy: policyDocument({
        Effect: "Allow",
        Principal: { AWS: `arn:${props.partition}:iam::${props.pipelineAccountId}:root` },
        Action: "sts:AssumeRole",
        // The account principal plus this condition lets only the IntegTest project's role in.
        Condition: { ArnEquals: { "aws:PrincipalArn": runnerRoleArn } },
      }),
    });
    suppressCheckov(this.role, SUPPRESSIONS.trustAccountNarrowedByCondition);
    const statements: PolicyStatement[] = [
      {
        Sid: "ListJobs",
        Effect: "Allow",
        Action: "glue:GetJobs",
        // GetJobs lists every job of the account: it has no resource-level permissions.
        Resource: "*",
      },
      {
        Sid: "RunThisStagesJobs",
        Effect: "Allow",
        Action: ["glue:GetTags", "glue:StartJobRun", "glue:GetJobRun"],
        Resource: `arn:${props.partition}:glue:${props.region}:${props.accountId}:job/${props.jobNamePrefix}*`,
      },
    ];
    if (props.workflowName) {
      statements.push({
        Sid: "RunThisStagesWorkflow",
        Effect: "Allow",
        // GetWorkflow and GetWorkflowRun with their graph: the jobs, their order and their runs.
        Action: ["glue:GetWorkflow", "glue:StartWorkflowRun", "glue:GetWorkflowRun"],
        Resource: `arn:${props.partition}:glue:${props.region}:${props.accountId}:workflow/${props.workflowName}`,
      });
    }
    new IamRolePolicy(this, "policy", { role: this.role.name, name: "run-stage-jobs", policy: policyDocument(...statements) });
  }
}
