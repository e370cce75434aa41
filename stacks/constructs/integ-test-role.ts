/**
 * The role the pipeline's integration test assumes in a stage's account: it may list jobs, read their
 * tags, start them and read their runs, and nothing else.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
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
   * Names of this stage's Glue jobs, all `<stage>-<Name>`. The role may run every job named `<stage>-*`:
   * one ARN per job would pass IAM's 10,240-character limit on a role's inline policies at about 186 jobs.
   */
  readonly glueJobNames: readonly string[];
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
    ];
    if (props.glueJobNames.length > 0) {
      statements.push({
        Sid: "RunThisStagesJobs",
        Effect: "Allow",
        Action: ["glue:GetTags", "glue:StartJobRun", "glue:GetJobRun"],
        Resource: `arn:${props.partition}:glue:${props.region}:${props.accountId}:job/${stageJobPrefix(props.glueJobNames)}*`,
      });
    }
    new IamRolePolicy(this, "policy", { role: this.role.name, name: "run-stage-jobs", policy: policyDocument(...statements) });
  }
}

/** The `<stage>-` that every job name of a stage starts with; stage names hold no `-`. */
export function stageJobPrefix(glueJobNames: readonly string[]): string {
  const prefixes = new Set(glueJobNames.map((name) => name.slice(0, name.indexOf("-") + 1)));
  const [prefix] = prefixes;
  if (prefixes.size !== 1 || !prefix) {
    throw new Error(`IntegTestRole: job names must all be <stage>-<Name> of one stage, got ${[...prefixes].map((p) => `"${p}"`).join(", ")}`);
  }
  return prefix;
}
