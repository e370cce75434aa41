/** One Glue ETL job with its own least-privilege role, defined entirely by its config block. */
import { Construct, GlueJob as GlueJobResource, IamRole, IamRolePolicy } from "../cdktf";
import type { JobConfig } from "../config";
import { qualityArguments } from "../config/quality-arguments";
import { tableArguments, usesCatalog } from "../config/table-arguments";
import { glueCatalogStatements } from "../iam/glue-catalog-statements";
import { PolicyStatement, policyDocument, s3Location, servicePrincipalTrust } from "../iam/policy-document";
import { glueJobRoleName } from "../names";

export interface GlueJobProps {
  readonly job: JobConfig;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  /** The stage bucket, which holds the scripts, temp files and Spark UI logs. */
  readonly bucketName: string;
  readonly kmsKeyArn: string;
  /** Name of the Glue security configuration that encrypts the job's S3 data, logs and bookmarks. */
  readonly securityConfiguration: string;
  readonly scriptLocation: string;
  /** `--extra-py-files` location. @default none */
  readonly librariesLocation?: string;
  /** Permissions boundary of the job's role. @default none */
  readonly permissionsBoundary?: string;
  /** Job tags (`environment`, `artifact_id`, `stack_id`, `stack_name`). */
  readonly tags: Readonly<Record<string, string>>;
}

export class GlueJob extends Construct {
  readonly role: IamRole;
  readonly resource: GlueJobResource;

  constructor(scope: Construct, id: string, props: GlueJobProps) {
    super(scope, id);
    const { job } = props;
    const stageBucket = `s3://${props.bucketName}`;
    const tempDir = `${stageBucket}/temp/${job.name}/`;
    const sparkEventLogs = `${stageBucket}/spark-ui/${job.name}/`;

    this.role = new IamRole(this, "role", {
      name: glueJobRoleName(job.glueJobName),
      description: `Runs the Glue job ${job.glueJobName}`,
      assumeRolePolicy: servicePrincipalTrust("glue.amazonaws.com", props.accountId),
      permissionsBoundary: props.permissionsBoundary,
    });
    new IamRolePolicy(this, "policy", {
      role: this.role.name,
      name: "least-privilege",
      policy: policyDocument(
        ...this.s3Statements(props, [props.scriptLocation, ...(props.librariesLocation ? [props.librariesLocation] : [])], "s3:GetObject", "ReadCode", "ReadCodeList"),
        ...this.s3Statements(props, Object.values(job.inputs), "s3:GetObject", "ReadInputs", "ReadInputsList"),
        ...this.s3Statements(
          props,
          [...Object.values(job.outputs), tempDir, sparkEventLogs],
          ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          "WriteOutputsTempAndSparkLogs",
          "ListOutputsTempAndSparkLogs",
        ),
        ...directoryProbeStatements(
          [...Object.values(job.outputs), tempDir, sparkEventLogs].map((uri) => s3Location(uri, props.partition)),
          "ProbeWriteDirectories",
          "ListWriteParents",
          "DeleteWriteParentMarkers",
        ),
        {
          Sid: "UseStageKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
          Resource: props.kmsKeyArn,
        },
        {
          Sid: "WriteLogs",
          Effect: "Allow",
          Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
          Resource: `arn:${props.partition}:logs:${props.region}:${props.accountId}:log-group:/aws-glue/*`,
        },
        {
          Sid: "PublishGlueMetrics",
          Effect: "Allow",
          Action: "cloudwatch:PutMetricData",
          // PutMetricData has no resource-level permissions; the namespace condition scopes it instead.
          Resource: "*",
          Condition: { StringEquals: { "cloudwatch:namespace": "Glue" } },
        },
        // Only the tables the job itself declares: its reads, and the tables it writes.
        ...glueCatalogStatements(props, { reads: Object.values(job.inputTables), writes: Object.values(job.outputTables) }),
      ),
    });

    const parameters = Object.fromEntries(
      Object.entries({ ...job.inputs, ...job.outputs, ...tableArguments(job), ...qualityArguments(job), ...job.arguments }).map(([key, value]) => [`--${key}`, value]),
    );
    this.resource = new GlueJobResource(this, "job", {
      name: job.glueJobName,
      description: job.description,
      roleArn: this.role.arn,
      securityConfiguration: props.securityConfiguration,
      command: { name: "glueetl", pythonVersion: "3", scriptLocation: props.scriptLocation },
      glueVersion: job.glueVersion,
      workerType: job.workerType,
      numberOfWorkers: job.numberOfWorkers,
      executionClass: job.executionClass,
      timeout: job.timeoutMinutes,
      maxRetries: job.maxRetries,
      executionProperty: { maxConcurrentRuns: job.maxConcurrentRuns },
      defaultArguments: {
        ...parameters,
        "--job-language": "python",
        "--TempDir": tempDir,
        "--enable-metrics": "true",
        "--enable-observability-metrics": "true",
        "--enable-continuous-cloudwatch-log": "true",
        "--enable-spark-ui": "true",
        "--spark-event-logs-path": sparkEventLogs,
        "--enable-auto-scaling": "true",
        "--enable-job-insights": "true",
        // Spark SQL's catalog is then the Glue Data Catalog, where the job's tables live.
        ...(usesCatalog(job) ? { "--enable-glue-datacatalog": "true" } : {}),
        ...(props.librariesLocation ? { "--extra-py-files": props.librariesLocation } : {}),
      },
      tags: { ...props.tags },
    });
  }

  /** Object actions on the S3 locations, plus ListBucket limited to their prefixes. None for no locations. */
  private s3Statements(props: GlueJobProps, uris: readonly string[], actions: string | string[], sid: string, listSid: string): PolicyStatement[] {
    if (uris.length === 0) return [];
    const locations = uris.map((uri) => s3Location(uri, props.partition));
    return [
      { Sid: sid, Effect: "Allow", Action: actions, Resource: unique(locations.map((l) => l.objectsArn)) },
      ...listStatements(listSid, locations),
    ];
  }
}

/** ListBucket is granted per bucket, limited to the prefixes the job uses. */
function listStatements(sid: string, locations: ReturnType<typeof s3Location>[]): PolicyStatement[] {
  const byBucket = new Map<string, string[]>();
  for (const l of locations) byBucket.set(l.bucketArn, [...(byBucket.get(l.bucketArn) ?? []), `${l.key}*`]);
  return [...byBucket.entries()].map(([bucketArn, prefixes], i) => ({
    Sid: `${sid}${i}`,
    Effect: "Allow",
    Action: "s3:ListBucket",
    Resource: bucketArn,
    Condition: { StringLike: { "s3:prefix": unique(prefixes) } },
  }));
}

/**
 * What S3A (Glue 5.1's S3 connector) asks of the "directories" of a location it writes, beyond its
 * objects: before it creates `<location>/_temporary/0/` (the output committer's) its mkdirs checks the
 * location and every parent up to the bucket for a file of that name (HEAD on the key without its
 * trailing slash, i.e. s3:GetObject on that exact key) and lists each parent (ListBucket with
 * prefix `parent/`, delimiter `/`); after each file it writes it deletes the parents' directory markers
 * (`parent/`, DeleteObjects), S3A's default marker policy (fs.s3a.directory.marker.retention=delete).
 * Hadoop's S3A documentation, "Directory markers" and the S3A committers' "Output committer" pages;
 * the calls as recorded in a rehearsal job run.
 * Exact keys only, and listings of one level of each parent: no object under a parent is readable.
 */
function directoryProbeStatements(locations: ReturnType<typeof s3Location>[], sid: string, listSid: string, markerSid: string): PolicyStatement[] {
  const keys = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  for (const l of locations) {
    const path = l.key.replace(/\/+$/, "").split("/").filter(Boolean);
    for (let depth = 1; depth <= path.length; depth++) {
      const key = path.slice(0, depth).join("/");
      keys.set(l.bucketArn, (keys.get(l.bucketArn) ?? new Set()).add(key));
      if (depth < path.length) parents.set(l.bucketArn, (parents.get(l.bucketArn) ?? new Set()).add(`${key}/`));
    }
  }
  if (keys.size === 0) return [];
  const objects = [...keys.entries()].flatMap(([bucketArn, names]) => [...names].map((name) => `${bucketArn}/${name}`));
  const markers = [...parents.entries()].flatMap(([bucketArn, prefixes]) => [...prefixes].map((prefix) => `${bucketArn}/${prefix}`));
  return [
    { Sid: sid, Effect: "Allow", Action: "s3:GetObject", Resource: unique(objects) },
    ...(markers.length > 0 ? [{ Sid: markerSid, Effect: "Allow" as const, Action: "s3:DeleteObject", Resource: unique(markers) }] : []),
    ...[...parents.entries()].map(([bucketArn, prefixes], i) => ({
      Sid: `${listSid}${i}`,
      Effect: "Allow" as const,
      Action: "s3:ListBucket",
      Resource: bucketArn,
      Condition: { StringEquals: { "s3:prefix": unique([...prefixes]), "s3:delimiter": "/" } },
    })),
  ];
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
