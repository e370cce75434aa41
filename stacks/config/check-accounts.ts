/**
 * Checks across the accounts, regions and ARNs of a config: one AWS partition for everything (a pipeline
 * cannot assume roles or read artifacts across partitions), and each ARN in the account it serves.
 */
import { partitionOf } from "../constants/aws-regions";
import { STAGE_NAMES } from "../constants/glue";
import type { ConfigProblem } from "./config-error";
import type { ConfigInput } from "./schema";

export function accountProblems(input: ConfigInput): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const home = partitionOf(input.pipelineAccount.awsRegion);
  const regions: [string, string][] = [
    ["devAccount.awsRegion", input.devAccount.awsRegion],
    ["prodAccount.awsRegion", input.prodAccount.awsRegion],
    ...(input.backend.type === "s3" ? [["backend.region", input.backend.region] as [string, string]] : []),
  ];
  for (const [where, region] of regions) {
    if (partitionOf(region) !== home) {
      problems.push({
        path: where,
        message:
          `found ${region}, in the ${partitionOf(region)} partition, but pipelineAccount.awsRegion ${input.pipelineAccount.awsRegion} is in ${home}; ` +
          `roles and artifacts cannot cross partitions, so every region must be of one partition, for example all ${home} regions`,
      });
    }
  }

  const arns: [string, string | undefined, string][] = [
    ["source.connectionArn", input.source.type === "codestar" ? input.source.connectionArn : undefined, input.pipelineAccount.awsRegion],
    ...(input.backend.type === "s3"
      ? ([
          ["backend.roleArn", input.backend.roleArn, input.backend.region],
          ["backend.kmsKeyId", input.backend.kmsKeyId, input.backend.region],
        ] as [string, string | undefined, string][])
      : []),
    ...STAGE_NAMES.map((stage) => [`stages.${stage}.deployRoleArn`, input.stages[stage].deployRoleArn, accountOf(input, stage).awsRegion] as [string, string | undefined, string]),
  ];
  for (const [where, arn, region] of arns) {
    if (!arn) continue;
    const partition = arn.split(":")[1];
    if (partition !== partitionOf(region)) {
      problems.push({
        path: where,
        message: `found an ARN of the ${partition} partition, but it serves ${region}, in ${partitionOf(region)}; expected an ARN that starts arn:${partitionOf(region)}:`,
      });
    }
  }

  for (const stage of STAGE_NAMES) {
    const arn = input.stages[stage].deployRoleArn;
    const { awsAccountId } = accountOf(input, stage);
    const roleAccount = arn?.split(":")[4];
    if (arn && roleAccount !== awsAccountId) {
      problems.push({
        path: `stages.${stage}.deployRoleArn`,
        message:
          `found a role in account ${roleAccount}, but ${stage} deploys to ${awsAccountId}; ` +
          `expected a role of ${awsAccountId}, for example arn:${partitionOf(accountOf(input, stage).awsRegion)}:iam::${awsAccountId}:role/glue-deploy-${stage} (which the pipeline stack creates)`,
      });
    }
  }
  return problems;
}

function accountOf(input: ConfigInput, stage: (typeof STAGE_NAMES)[number]) {
  return stage === "dev" ? input.devAccount : input.prodAccount;
}
