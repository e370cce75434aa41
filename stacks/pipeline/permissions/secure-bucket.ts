/**
 * What Terraform's AWS provider calls to manage a SecureBucket and the objects a stack uploads to it,
 * as IAM actions: named one by one, so that a deployer may configure its bucket without reading, writing
 * or deleting the data in it, and without the actions AWS adds later under `s3:*`. The S3 API's
 * operations and the IAM action each one needs are listed in the Service Authorization Reference
 * ("Actions, resources, and condition keys for Amazon S3",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html).
 */

/**
 * Refreshing `aws_s3_bucket` reads every sub-configuration the resource exposes, whether the stack sets
 * it or not; the split-out resources (versioning, encryption, public access block, ownership controls,
 * lifecycle, policy) read theirs again.
 */
export const BUCKET_READ = [
  // HeadBucket: whether it exists, and its region.
  "s3:ListBucket",
  "s3:GetBucketPolicy",
  "s3:GetBucketAcl",
  "s3:GetBucketCORS",
  "s3:GetBucketWebsite",
  "s3:GetBucketVersioning",
  "s3:GetAccelerateConfiguration",
  "s3:GetBucketRequestPayment",
  "s3:GetBucketLogging",
  "s3:GetLifecycleConfiguration",
  "s3:GetReplicationConfiguration",
  "s3:GetEncryptionConfiguration",
  "s3:GetBucketObjectLockConfiguration",
  "s3:GetBucketTagging",
  "s3:GetBucketPublicAccessBlock",
  "s3:GetBucketOwnershipControls",
];

/**
 * Creating, changing and destroying the bucket's configuration. S3 checks each Delete* of a
 * sub-configuration against its Put* action (DeletePublicAccessBlock: s3:PutBucketPublicAccessBlock,
 * DeleteBucketEncryption: s3:PutEncryptionConfiguration, DeleteBucketLifecycle:
 * s3:PutLifecycleConfiguration, DeleteBucketOwnershipControls: s3:PutBucketOwnershipControls,
 * DeleteBucketTagging: s3:PutBucketTagging); only the policy has its own delete action.
 */
export const BUCKET_WRITE = [
  "s3:CreateBucket",
  "s3:DeleteBucket",
  "s3:PutBucketTagging",
  "s3:PutBucketVersioning",
  "s3:PutEncryptionConfiguration",
  "s3:PutBucketPublicAccessBlock",
  "s3:PutBucketOwnershipControls",
  "s3:PutLifecycleConfiguration",
  "s3:PutBucketPolicy",
  "s3:DeleteBucketPolicy",
];

/** Refreshing an `aws_s3_object`: HeadObject (checked as s3:GetObject) and its tags. */
export const MANAGED_OBJECT_READ = ["s3:GetObject", "s3:GetObjectTagging"];

/**
 * Uploading, retagging and deleting an `aws_s3_object`. The provider sends the object's tags with the
 * upload (x-amz-tagging, checked as s3:PutObjectTagging), and in a versioned bucket it deletes every
 * version of the key: it lists them (s3:ListBucketVersions, on the bucket) and deletes each by its id
 * (s3:DeleteObjectVersion).
 */
export const MANAGED_OBJECT_WRITE = ["s3:PutObject", "s3:PutObjectTagging", "s3:DeleteObject", "s3:DeleteObjectVersion"];

/** Bucket-level actions an object's delete needs (see MANAGED_OBJECT_WRITE). */
export const MANAGED_OBJECT_BUCKET_WRITE = ["s3:ListBucketVersions"];
