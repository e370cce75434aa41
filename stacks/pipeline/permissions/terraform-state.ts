/**
 * What Terraform needs besides cloud rights: its state, and for HCP Terraform its API token.
 *
 * - `cloud`: the token is read from Secrets Manager into `TF_TOKEN_<host>` as the build starts, so it
 *   never appears in the synthesized JSON, the buildspec or the logs.
 * - `s3`: read and write of one stack's state object and its lock file (and the state's KMS key), or,
 *   when the backend names a role, the right to assume that role instead.
 * - `local`: nothing; state on a build host is lost with it (the pipeline stack warns).
 */
import type { AwsAccount, BackendConfig } from "../../config";
import { partitionOf } from "../../constants/aws-regions";
import type { PolicyStatement } from "../../iam/policy-document";

/** The environment variable Terraform reads a host's token from: dots become `_`, dashes `__`. */
export function terraformTokenVariable(hostname: string): string {
  return `TF_TOKEN_${hostname.replace(/-/g, "__").replace(/\./g, "_")}`;
}

/** Secrets Manager adds a 6-character suffix to a secret's name in its ARN. */
export function tokenSecretArn(secretName: string, account: AwsAccount): string {
  const { awsAccountId, awsRegion } = account;
  return `arn:${partitionOf(awsRegion)}:secretsmanager:${awsRegion}:${awsAccountId}:secret:${secretName}-??????`;
}

export function tokenStatements(backend: BackendConfig, secretName: string, account: AwsAccount): PolicyStatement[] {
  if (backend.type !== "cloud") return [];
  return [
    {
      Sid: "ReadTerraformToken",
      Effect: "Allow",
      Action: "secretsmanager:GetSecretValue",
      Resource: tokenSecretArn(secretName, account),
    },
  ];
}

/**
 * What `terraform init` lists besides the state's own path: the S3 backend looks for the stack's other
 * workspaces under `<workspace_key_prefix>/` ("The default workspace key prefix is env:", Terraform, "S3
 * backend: State Storage", https://developer.hashicorp.com/terraform/language/backend/s3), with
 * ListObjectsV2 and prefix `env:/`; refused, init fails ("Failed to get existing workspaces"). The stacks
 * use no other workspace, so this lists nothing; exactly this prefix, never `env:/*`.
 */
export const WORKSPACE_LIST_PREFIX = "env:/";

/** Access to one stack's state in the S3 backend. `write` is for apply and for plan's lock. */
export function stateStatements(backend: BackendConfig, stackName: string, partition: string): PolicyStatement[] {
  if (backend.type !== "s3") return [];
  if (backend.roleArn) {
    return [{ Sid: "AssumeStateRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: backend.roleArn }];
  }
  const bucketArn = `arn:${partition}:s3:::${backend.bucket}`;
  const key = `${backend.keyPrefix}/${stackName}/terraform.tfstate`;
  const statements: PolicyStatement[] = [
    {
      Sid: "ListState",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringLike: { "s3:prefix": [`${backend.keyPrefix}/${stackName}/*`, WORKSPACE_LIST_PREFIX] } },
    },
    {
      Sid: "ReadWriteState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject"],
      Resource: `${bucketArn}/${key}`,
    },
    {
      Sid: "LockState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      Resource: `${bucketArn}/${key}.tflock`,
    },
  ];
  if (backend.kmsKeyId) {
    statements.push({
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
      Resource: backend.kmsKeyId,
    });
  }
  return statements;
}

/**
 * Read-only access to stacks' state in the S3 backend, for the plan roles: the state objects, never their
 * lock (plans run with `-lock=false`), and the state key to decrypt them. With `backend.roleArn`, the right
 * to assume that role instead, whose rights are the backend owner's to keep read-only for these roles.
 */
export function stateReadStatements(backend: BackendConfig, stackNames: readonly string[], partition: string): PolicyStatement[] {
  if (backend.type !== "s3" || stackNames.length === 0) return [];
  if (backend.roleArn) {
    return [{ Sid: "AssumeStateRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: backend.roleArn }];
  }
  const bucketArn = `arn:${partition}:s3:::${backend.bucket}`;
  const statements: PolicyStatement[] = [
    {
      Sid: "ListState",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringLike: { "s3:prefix": [...stackNames.map((stack) => `${backend.keyPrefix}/${stack}/*`), WORKSPACE_LIST_PREFIX] } },
    },
    {
      Sid: "ReadState",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: stackNames.map((stack) => `${bucketArn}/${backend.keyPrefix}/${stack}/terraform.tfstate`),
    },
  ];
  if (backend.kmsKeyId) {
    // Reading state encrypted with this key decrypts it; nothing is encrypted or written with it here.
    statements.push({ Sid: "DecryptState", Effect: "Allow", Action: "kms:Decrypt", Resource: backend.kmsKeyId });
  }
  return statements;
}
