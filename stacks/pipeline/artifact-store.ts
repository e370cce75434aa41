/**
 * The pipeline's artifact bucket and its customer-managed key (rotated): versioned, private, TLS-only.
 * The key also encrypts the CodeBuild logs and caches. Deploy roles of other accounts may read artifacts.
 */
import { Construct } from "../cdktf";
import { EncryptionKey } from "../constructs/encryption-key";
import { SecureBucket } from "../constructs/secure-bucket";
import { logsKeyStatement, type PolicyStatement } from "../iam/policy-document";
import { PIPELINE_NAME } from "../names";
import { ARTIFACT_PREFIX, PLAN_PREFIX, PR_CHECK_PREFIX } from "./constants";

export interface ArtifactStoreProps {
  readonly bucketName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Roles of other accounts allowed to read artifacts (the stages' deploy roles). @default none */
  readonly readerRoleArns?: readonly string[];
}

export class ArtifactStore extends Construct {
  readonly key: EncryptionKey;
  readonly bucket: SecureBucket;
  readonly bucketName: string;
  readonly bucketArn: string;

  constructor(scope: Construct, id: string, props: ArtifactStoreProps) {
    super(scope, id);
    const { partition, region, accountId } = props;
    this.bucketName = props.bucketName;
    this.bucketArn = `arn:${partition}:s3:::${props.bucketName}`;
    const readers = props.readerRoleArns ?? [];
    const readerAccounts = [...new Set(readers.map((arn) => arn.split(":")[4]))];
    const asReaders = (statement: Omit<PolicyStatement, "Principal" | "Condition">): PolicyStatement => ({
      ...statement,
      // Account principals narrowed to the roles: a policy naming a role that does not exist yet is refused.
      Principal: { AWS: readerAccounts.map((account) => `arn:${partition}:iam::${account}:root`) },
      Condition: { ArnEquals: { "aws:PrincipalArn": [...readers] } },
    });

    const keyStatements: PolicyStatement[] = [
      logsKeyStatement("CodeBuildLogsEncryptWithThisKey", { partition, region, accountId }, `/aws/codebuild/${PIPELINE_NAME}-*`),
    ];
    if (readers.length > 0) {
      keyStatements.push(
        asReaders({
          Sid: "DeployRolesDecryptArtifacts",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:DescribeKey"],
          // In a key policy, "*" means this key.
          Resource: "*",
        }),
      );
    }
    this.key = new EncryptionKey(this, "key", {
      alias: `${PIPELINE_NAME}-artifacts`,
      description: "Encrypts the pipeline's artifacts, caches and CodeBuild logs",
      accountId,
      partition,
      extraStatements: keyStatements,
    });
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      kmsKeyArn: this.key.arn,
      partition,
      noncurrentVersionDays: 30,
      expiryRules: [
        { prefix: `${ARTIFACT_PREFIX}/`, days: 90 },
        { prefix: "cache/", days: 30 },
        { prefix: PLAN_PREFIX, days: 180 },
        { prefix: PR_CHECK_PREFIX, days: 90 },
      ],
      extraStatements:
        readers.length > 0
          ? [
              asReaders({
                Sid: "DeployRolesReadArtifacts",
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion"],
                Resource: `${this.bucketArn}/${ARTIFACT_PREFIX}/*`,
              }),
            ]
          : [],
    });
  }

  get keyArn(): string {
    return this.key.arn;
  }
}
