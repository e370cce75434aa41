/** The typed config that every stack and tool works on. Built only by `loadConfig`. */
import type { ExecutionClass, GlueVersion, StageName } from "../constants/glue";
import type { WorkerType } from "../constants/glue-worker-types";

export interface AwsAccount {
  readonly awsAccountId: string;
  readonly awsRegion: string;
}

export type BackendConfig =
  | {
      readonly type: "cloud";
      readonly organization: string;
      /** @default "app.terraform.io" */
      readonly hostname: string;
      readonly project?: string;
      /** Workspace name per stack name. @default glue-pipeline, glue-dev, glue-prod */
      readonly workspaces: Readonly<Record<string, string>>;
    }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly region: string;
      /** @default "glue-cdktf" */
      readonly keyPrefix: string;
      readonly kmsKeyId?: string;
      readonly roleArn?: string;
    }
  | {
      readonly type: "local";
      /** @default "terraform-state" */
      readonly directory: string;
    };

export type SourceConfig =
  | { readonly type: "codecommit"; readonly repositoryName: string; readonly branch: string }
  | {
      readonly type: "codestar";
      readonly connectionArn: string;
      readonly repository: string;
      readonly branch: string;
      /** The host of the repository, which the pull-request check's CodeBuild project names. @default "github" */
      readonly provider: "github" | "gitlab" | "bitbucket";
    };

export interface PipelineSettings {
  /**
   * Secrets Manager secret (name, in the pipeline account and region) holding the HCP Terraform API token.
   * Read only with the `cloud` backend. @default "glue-cdktf/terraform-token"
   */
  readonly terraformTokenSecret: string;
  /** Email address subscribed to failed-execution notices (the subscription must be confirmed). @default none */
  readonly notificationEmail?: string;
  /**
   * Secret holding the HCP Terraform token the read-only plans use (pull-request check, PlanProd); a token
   * that may only read the workspaces keeps pull requests' code from writing state. Read only with the
   * `cloud` backend. @default terraformTokenSecret
   */
  readonly terraformPlanTokenSecret: string;
  /** The daily check that the deployed stacks still match their state (README "Monitoring"). */
  readonly driftCheck: DriftCheckSettings;
}

export interface DriftCheckSettings {
  /** @default true */
  readonly enabled: boolean;
  /** An EventBridge schedule expression, in UTC. @default cron(0 6 * * ? *), every day at 06:00 */
  readonly schedule: string;
}

export interface PullRequestSettings {
  /** Whether each pull request into `targetBranch` is checked and its plans summarized. @default true */
  readonly enabled: boolean;
  /** The branch whose pull requests are checked. @default source.branch */
  readonly targetBranch: string;
}

export interface JobConfig {
  /** The key under `jobs:`, e.g. ProcessLegislators. */
  readonly name: string;
  /** The deployed Glue job's name: `<stage>-<name>`, so stages can share an account and region. */
  readonly glueJobName: string;
  /** File name inside the job scripts directory. */
  readonly script: string;
  /** Absolute path of the script. */
  readonly scriptPath: string;
  readonly description?: string;
  /** S3 locations the job reads, by argument name (placeholders resolved; a table's input is the table's location). */
  readonly inputs: Readonly<Record<string, string>>;
  /** S3 locations the job writes, by argument name (placeholders resolved). */
  readonly outputs: Readonly<Record<string, string>>;
  /** Outputs also written as a Data Catalog table, by output name. @default none */
  readonly outputTables: Readonly<Record<string, TableRef>>;
  /** The schema each output promises its readers (`outputs.<name>.schema`), by output name. @default none: what the job produces */
  readonly outputContracts: Readonly<Record<string, OutputContract>>;
  /** The data-quality rules of each output that has them (`outputs.<name>.quality`), by output name. @default none */
  readonly outputQuality: Readonly<Record<string, OutputQuality>>;
  /** Inputs read from a Data Catalog table another job of the stage writes, by input name. @default none */
  readonly inputTables: Readonly<Record<string, TableRef>>;
  /** Names (config keys) of the jobs this one runs after, once all of them SUCCEEDED. @default none */
  readonly after: readonly string[];
  /** Other job parameters, passed as `--name value`. */
  readonly arguments: Readonly<Record<string, string>>;
  readonly glueVersion: GlueVersion;
  readonly workerType: WorkerType;
  readonly numberOfWorkers: number;
  readonly executionClass: ExecutionClass;
  readonly timeoutMinutes: number;
  readonly maxRetries: number;
  readonly maxConcurrentRuns: number;
  /** How long a run is expected to take, for the data plan's cost. @default none: measured on the sample data */
  readonly expectedDurationMinutes?: number;
  /** What the job must handle, for the capacity plan (docs/performance-tests.md). @default none */
  readonly capacity?: JobCapacity;
}

/** `jobs.<name>.capacity`, per run. */
export interface JobCapacity {
  readonly volumePerRunBytes: number;
  /** Seconds a run may take, Glue's start-up included. */
  readonly deadlineSeconds: number;
  /** @default 1.5 (DEFAULT_SAFETY_FACTOR) */
  readonly safetyFactor: number;
  /** With volumePerDay: how many runs share the day's volume. */
  readonly runsPerDay?: number;
  /** The capacity as written, for messages: `40 GB a run, within 15m`. */
  readonly declared: string;
}

/** An output's declared schema: its columns in order (if given) and the columns that identify a row (if given). */
export interface OutputContract {
  readonly columns?: readonly ContractColumn[];
  readonly keys?: readonly string[];
}

/** An output's data-quality rules, parsed at load time (resolve-quality.ts). */
export interface OutputQuality {
  /** `<glueJobName>-<output>`: the Glue ruleset's name and the evaluation context of its results. */
  readonly name: string;
  readonly rules: readonly QualityRule[];
  /** `fail`: a failed rule fails the run and the output is not written. @default "fail" */
  readonly onFailure: "fail" | "warn";
  /** Absolute path of the `.dqdl` file the rules came from. @default none: written in the config */
  readonly rulesetFile?: string;
}

export interface QualityRule {
  /** The DQDL text, as written. */
  readonly rule: string;
  /** Checked on Glue only: Deequ cannot check it offline. @default false */
  readonly awsOnly: boolean;
  /** Its DQDL rule type, e.g. `IsComplete`. */
  readonly type: string;
  /** The job's inputs it reads as reference datasets (ReferentialIntegrity). */
  readonly references: readonly string[];
}

export interface ContractColumn {
  readonly name: string;
  /** A Spark SQL type as `DataType.simpleString()` writes it, e.g. `bigint`, `array<string>`. */
  readonly type: string;
  /** @default true */
  readonly nullable: boolean;
}

export interface DataPlanSettings {
  /** A job whose timeout × workers could cost more than this per run (USD, STANDARD) is flagged. @default 10 */
  readonly costCeilingPerRun: number;
}

/** A table of the Data Catalog: `<database>.<name>`. */
export interface TableRef {
  readonly database: string;
  readonly name: string;
}

export interface StageAthena {
  /** Athena cancels a query of the stage's workgroup that would scan more. @default 1 GiB */
  readonly bytesScannedCutoffPerQuery: number;
}

export interface StageConfig {
  readonly name: StageName;
  /** `dev-glue` or `prod-glue`. */
  readonly stackName: string;
  readonly account: AwsAccount;
  /** Role the provider assumes to deploy this stage, if any. */
  readonly deployRoleArn?: string;
  /** Whether jobs of this stage may use the FLEX execution class. @default true in dev, false in prod */
  readonly allowFlex: boolean;
  /**
   * ARN of the permissions boundary on every role of the stage (created by the pipeline stack), or none.
   * @default glue-<stage>-role-boundary in the stage's account
   */
  readonly roleBoundaryArn?: string;
  /** The stage's bucket for scripts, temp files, Spark UI logs and outputs. */
  readonly bucketName: string;
  /** When the stage's workflow starts by itself (a Glue cron expression, UTC). @default none: on demand */
  readonly schedule?: string;
  /** The stage's Data Catalog database, `<stage>_glue`, which holds the tables its jobs write. */
  readonly databaseName: string;
  readonly athena: StageAthena;
  readonly tags: Readonly<Record<string, string>>;
  readonly jobs: Readonly<Record<string, JobConfig>>;
  /** Subscribers told of the stage's failed jobs (SNS protocols to endpoints). @default none */
  readonly alerts: StageAlerts;
}

export interface StageAlerts {
  readonly email: readonly string[];
  readonly https: readonly string[];
}

export interface AppConfig {
  /** Absolute path of the file this config came from. */
  readonly file: string;
  readonly pipelineAccount: AwsAccount;
  readonly devAccount: AwsAccount;
  readonly prodAccount: AwsAccount;
  readonly backend: BackendConfig;
  readonly source: SourceConfig;
  readonly pipeline: PipelineSettings;
  readonly pullRequests: PullRequestSettings;
  readonly tags: Readonly<Record<string, string>>;
  /** Absolute path of the job scripts directory. */
  readonly jobScriptsDir: string;
  /** Packages (directories of the job scripts directory) shipped to every job through --extra-py-files. */
  readonly pythonLibraries: readonly string[];
  readonly dataPlan: DataPlanSettings;
  readonly stages: Readonly<Record<StageName, StageConfig>>;
}
