/** The AWS provider of one account: pinned to its region and account, optionally through a deploy role. */
import { AwsProvider, type Construct } from "./cdktf";
import type { AwsAccount } from "./config";

export interface AwsAccountProviderProps {
  readonly account: AwsAccount;
  /** Role to assume for deploying, trusted by the pipeline account. @default the caller's own credentials */
  readonly deployRoleArn?: string;
  /** Tags on every resource this provider creates. */
  readonly tags: Readonly<Record<string, string>>;
  /** A second provider of the same account, for resources that need other default tags. @default the stack's default provider */
  readonly alias?: string;
}

export function addAwsAccountProvider(scope: Construct, props: AwsAccountProviderProps): AwsProvider {
  return new AwsProvider(scope, props.alias ? `aws-${props.alias}` : "aws", {
    alias: props.alias,
    region: props.account.awsRegion,
    // Refuses to touch any other account, whatever credentials the shell happens to hold.
    allowedAccountIds: [props.account.awsAccountId],
    assumeRole: props.deployRoleArn ? [{ roleArn: props.deployRoleArn, sessionName: "cdktf-deploy" }] : undefined,
    defaultTags: [{ tags: { ...props.tags } }],
  });
}
