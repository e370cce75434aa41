/** An S3 bucket with the baseline every bucket here needs: versioned, KMS-encrypted, private, TLS-only. */
import { Construct, S3Bucket, S3BucketLifecycleConfiguration, S3BucketOwnershipControls, S3BucketPolicy, S3BucketPublicAccessBlock, S3BucketServerSideEncryptionConfigurationA, S3BucketVersioningA } from "../cdktf";
import { PolicyStatement, policyDocument } from "../iam/policy-document";
import { SUPPRESSIONS, suppressCheckov } from "../security/checkov-suppressions";

export interface ExpiryRule {
  /** Key prefix, e.g. `temp/`. */
  readonly prefix: string;
  readonly days: number;
}

export interface SecureBucketProps {
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  readonly partition: string;
  /** Extra bucket-policy statements, e.g. read access for another account. */
  readonly extraStatements?: readonly PolicyStatement[];
  /** Let `terraform destroy` empty the bucket first. @default false */
  readonly forceDestroy?: boolean;
  /** Prefixes whose objects expire. @default none */
  readonly expiryRules?: readonly ExpiryRule[];
  /** Days an overwritten or deleted version is kept. @default 90 */
  readonly noncurrentVersionDays?: number;
}

export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    suppressCheckov(
      this.bucket,
      SUPPRESSIONS.bucketAccessLogs,
      SUPPRESSIONS.bucketEventNotifications,
      SUPPRESSIONS.bucketCrossRegionReplication,
    );
    const bucket = this.bucket.id;
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.kmsKeyArn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      rule: [
        {
          id: "tidy-versions-and-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionDays ?? 90 }],
        },
        ...(props.expiryRules ?? []).map((rule) => ({
          id: `expire-${rule.prefix.replace(/[^A-Za-z0-9-]/g, "")}`,
          status: "Enabled",
          filter: [{ prefix: rule.prefix }],
          expiration: [{ days: rule.days }],
        })),
      ],
    });
    const bucketArn = `arn:${props.partition}:s3:::${props.bucketName}`;
    new S3BucketPolicy(this, "policy", {
      bucket,
      policy: policyDocument(
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [bucketArn, `${bucketArn}/*`],
          Condition: { Bool: { "aws:SecureTransport": false } },
        },
        ...(props.extraStatements ?? []),
      ),
      // A policy put before the block exists could be judged public and refused.
      dependsOn: [publicAccess],
    });
  }

  get arn(): string {
    return this.bucket.arn;
  }

  get name(): string {
    return this.bucket.bucket;
  }
}
