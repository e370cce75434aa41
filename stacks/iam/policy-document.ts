/** IAM policy documents as typed data, serialised once. Tokens (e.g. a key ARN) survive as interpolations. */

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Record<string, string | string[]> | "*";
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export function policyDocument(...statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

export function servicePrincipalTrust(service: string, sourceAccount: string): string {
  return policyDocument({
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    // Stops a confused deputy: only this account's use of the service may assume the role.
    Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } },
  });
}

/** An `s3://bucket/key` location as IAM resources: the bucket, and the objects under the key. */
export function s3Location(uri: string, partition: string) {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an S3 location: ${uri}`);
  const [, bucket, key] = match;
  return {
    bucket,
    key,
    bucketArn: `arn:${partition}:s3:::${bucket}`,
    objectsArn: `arn:${partition}:s3:::${bucket}/${key}*`,
  };
}

/**
 * Key-policy statement letting CloudWatch Logs use a key, only for log groups matching `logGroupPattern`
 * (e.g. `/aws-glue/*`). In a key policy, "*" means this key.
 */
export function logsKeyStatement(sid: string, scope: { partition: string; region: string; accountId: string }, logGroupPattern: string): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { Service: `logs.${scope.region}.amazonaws.com` },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
    Condition: {
      ArnLike: {
        "kms:EncryptionContext:aws:logs:arn": `arn:${scope.partition}:logs:${scope.region}:${scope.accountId}:log-group:${logGroupPattern}`,
      },
    },
  };
}

/** Trust of exactly these roles of one account: its root as principal, narrowed by `aws:PrincipalArn`. */
export function accountRolesTrust(partition: string, accountId: string, roleArns: readonly string[]): string {
  return policyDocument({
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
    Action: "sts:AssumeRole",
    // The account principal plus this condition lets in exactly these roles.
    Condition: { ArnEquals: { "aws:PrincipalArn": [...roleArns] } },
  });
}
