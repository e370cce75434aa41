/**
 * The data-quality rules of a job's outputs on AWS: one Glue Data Quality ruleset per output that has
 * rules, named after the job and the output (which is also the evaluation context of the job's
 * results), on the output's catalog table where it has one; and the one grant the job's role needs to
 * publish the results of the in-job evaluation.
 */
import { Construct, GlueDataQualityRuleset, IamRolePolicy } from "../cdktf";
import type { JobConfig } from "../config";
import { dqdlRuleset } from "../config/quality-arguments";
import { policyDocument } from "../iam/policy-document";

export interface DataQualityRulesetsProps {
  readonly job: Pick<JobConfig, "name" | "glueJobName" | "outputQuality" | "outputTables">;
  /** The job role's name, which gains the grant to publish results. */
  readonly roleName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly tags: Readonly<Record<string, string>>;
}

/** Glue's limit on a ruleset's text (CreateDataQualityRuleset, Ruleset: 1 to 65536 characters). */
export const MAX_RULESET_LENGTH = 65536;

export class DataQualityRulesets extends Construct {
  readonly rulesets: Record<string, GlueDataQualityRuleset> = {};

  constructor(scope: Construct, id: string, props: DataQualityRulesetsProps) {
    super(scope, id);
    const { job } = props;
    for (const [output, quality] of Object.entries(job.outputQuality)) {
      const ruleset = dqdlRuleset(quality);
      if (ruleset.length > MAX_RULESET_LENGTH) {
        throw new Error(`${job.name}.outputs.${output}.quality: the ruleset is ${ruleset.length} characters; Glue allows ${MAX_RULESET_LENGTH}: split the rules`);
      }
      const table = job.outputTables[output];
      this.rulesets[output] = new GlueDataQualityRuleset(this, `ruleset-${output}`, {
        name: quality.name,
        description: `Data-quality rules of ${job.glueJobName}'s output ${output}, evaluated by the job before it writes`,
        ruleset,
        ...(table ? { targetTable: { databaseName: table.database, tableName: table.name } } : {}),
        tags: { ...props.tags, output },
      });
    }
    if (Object.keys(job.outputQuality).length === 0) return;
    new IamRolePolicy(this, "publish-results", {
      role: props.roleName,
      name: "publish-data-quality",
      policy: policyDocument({
        Sid: "PublishDataQualityResults",
        Effect: "Allow",
        // What EvaluateDataQuality needs to publish its results from a job: AWS Glue Developer Guide,
        // "Configure IAM permissions for AWS Glue Data Quality", IAM permissions for Data Quality in
        // ETL jobs (https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html). An
        // in-job evaluation publishes under its evaluation context, not a ruleset of the account, so
        // the documented resource is every ruleset ARN of the account and region; CloudWatch metrics
        // stay off, so no cloudwatch:PutMetricData is needed for them.
        Action: "glue:PublishDataQuality",
        Resource: `arn:${props.partition}:glue:${props.region}:${props.accountId}:dataQualityRuleset/*`,
      }),
    });
  }
}
