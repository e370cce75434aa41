/** A customer-managed KMS key with rotation, administered through IAM in its own account. */
import { Construct, KmsAlias, KmsKey } from "../cdktf";
import { PolicyStatement, policyDocument } from "../iam/policy-document";

export interface EncryptionKeyProps {
  /** Alias without the `alias/` prefix. */
  readonly alias: string;
  readonly description: string;
  readonly accountId: string;
  readonly partition: string;
  /** Extra key-policy statements, e.g. for principals of other accounts or AWS services. */
  readonly extraStatements?: readonly PolicyStatement[];
}

export class EncryptionKey extends Construct {
  readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    this.key = new KmsKey(this, "key", {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: policyDocument(
        {
          Sid: "AccountAdministersKeyThroughIam",
          Effect: "Allow",
          Principal: { AWS: `arn:${props.partition}:iam::${props.accountId}:root` },
          Action: "kms:*",
          // In a key policy, "*" means this key.
          Resource: "*",
        },
        ...(props.extraStatements ?? []),
      ),
    });
    new KmsAlias(this, "alias", { name: `alias/${props.alias}`, targetKeyId: this.key.keyId });
  }

  get arn(): string {
    return this.key.arn;
  }
}
