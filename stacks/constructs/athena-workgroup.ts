/**
 * A stage's Athena workgroup for querying its tables: results in the stage bucket, encrypted with the
 * stage key, and a per-query scan limit. The workgroup's settings are enforced, so a client can neither
 * send results elsewhere, nor unencrypted, nor lift the limit.
 */
import { AthenaWorkgroup as AthenaWorkgroupResource, Construct } from "../cdktf";

export interface AthenaWorkgroupProps {
  readonly name: string;
  readonly description: string;
  /** `s3://<bucket>/<prefix>/`, where query results are written. */
  readonly resultsLocation: string;
  readonly kmsKeyArn: string;
  /** Athena cancels a query that would scan more bytes than this. */
  readonly bytesScannedCutoffPerQuery: number;
}

export class AthenaWorkgroup extends Construct {
  readonly workgroup: AthenaWorkgroupResource;

  constructor(scope: Construct, id: string, props: AthenaWorkgroupProps) {
    super(scope, id);
    if (!props.resultsLocation.startsWith("s3://") || !props.resultsLocation.endsWith("/")) {
      throw new Error(`AthenaWorkgroup: resultsLocation must be an s3:// prefix ending in /, got ${props.resultsLocation}`);
    }
    this.workgroup = new AthenaWorkgroupResource(this, "workgroup", {
      name: props.name,
      description: props.description,
      state: "ENABLED",
      // A workgroup that has run queries can be deleted only with its query history; the results stay in S3.
      forceDestroy: true,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        resultConfiguration: {
          outputLocation: props.resultsLocation,
          encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: props.kmsKeyArn },
        },
      },
    });
  }
}
