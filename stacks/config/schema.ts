/**
 * The schema of the config file. It describes what may be written; `resolve-config.ts` turns a
 * parsed file into the typed, defaulted `AppConfig` that the stacks use, and checks what spans keys.
 */
import { z } from "zod";
import { AWS_REGIONS } from "../constants/aws-regions";
import { EXECUTION_CLASSES, GLUE_VERSIONS, JOB_DEFAULTS } from "../constants/glue";
import { WORKER_TYPES } from "../constants/glue-worker-types";
import { describeFound, expectedMessage } from "./messages";
import { driftScheduleProblem } from "./drift-schedule";
import { bool, closedObject, mapOf, oneOf, text, wholeNumber } from "./schema-parts";
import { capacitySchema } from "./schema-capacity";
import { stageQualitySchema } from "./schema-quality";
import { afterSchema, athenaSchema, inputSchema, outputSchema, scheduleSchema } from "./schema-orchestration";
import { branchProblem, bucketNameProblem, hostnameProblem, isPythonPackageName, TAG_CHARACTERS } from "./value-rules";

const accountId = z
  .union([z.string(), z.number()], { error: (i) => expectedMessage(i.input, "a 12-digit AWS account ID in quotes", '"123456789012"') })
  .transform(String)
  .pipe(
    z.string().regex(/^\d{12}$/, {
      error: (i) => expectedMessage(i.input, "a 12-digit AWS account ID; write all 12 digits in quotes", '"012345678901"'),
    }),
  );

export const regionSchema = oneOf(AWS_REGIONS, "AWS region", {
  examples: "us-east-1 or eu-west-1",
  listedIn: "stacks/constants/aws-regions.ts",
});

const account = closedObject(
  {
    awsAccountId: accountId.meta({ description: "12 digits. Quote it: YAML drops a leading zero of an unquoted number." }),
    awsRegion: regionSchema.meta({ description: "An AWS region, e.g. `eu-west-1`; every region is listed in `stacks/constants/aws-regions.ts`. All regions of the config must be of one partition (`aws`, `aws-cn` or `aws-us-gov`)." }),
  },
  "an account (awsAccountId and awsRegion)", 'awsAccountId: "123456789012", awsRegion: eu-west-1');

/** Unquoted YAML `5.1` is a number; accept it, and `4.0` which YAML reads as 4. */
const glueVersion = z
  .union([z.string(), z.number()], { error: (i) => `found ${describeFound(i.input)}; expected one of: ${GLUE_VERSIONS.join(", ")}` })
  .transform((v) => (typeof v === "number" ? v.toFixed(1) : v))
  .pipe(oneOf(GLUE_VERSIONS, "Glue version"));

const ARGUMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;
const ARGUMENT_RULE = "start with a letter, then up to 127 letters, digits, _ or -";
/** Only the shape here; the bucket and key are checked once placeholders are replaced (resolve-config.ts). */
const s3Location = text("an S3 location", "s3://my-bucket/prefix/", /^s3:\/\/[^/\s]+(\/\S*)?$/);
const scalarArgument = z
  .union([z.string(), z.number(), z.boolean()], { error: (i) => expectedMessage(i.input, "a text, number or boolean value", '"full"') })
  .transform(String);

export const JOB_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;
export const MAX_DESCRIPTION_BYTES = 2048;

const description = text("a one-line description", '"Joins persons and memberships"', undefined, (value) => {
  const bytes = Buffer.byteLength(value, "utf8");
  return bytes > MAX_DESCRIPTION_BYTES ? `it is ${bytes} bytes in UTF-8; Glue allows ${MAX_DESCRIPTION_BYTES}` : undefined;
});

/** A job as written, at the top level or as a stage's override: every field is optional here. */
export const jobSchema = closedObject(
  {
    script: text("a script file name in job_scripts/", "my_job.py", /^[A-Za-z0-9_-]+\.py$/)
      .meta({ description: "File in `job_scripts/`, e.g. `join_legislators.py`. Required for every job (a stage's override of a shared job may leave it out)." })
      .optional(),
    description: description.meta({ description: "Shown in the Glue console; at most 2048 bytes in UTF-8." }).optional(),
    enabled: bool("enabled").meta({ description: "Set `false` in a stage to leave a shared job out of that stage.", default: true }).optional(),
    inputs: mapOf(inputSchema(s3Location).meta({ description: "An S3 location, or a mapping with the table to read." }), "input", "input_path: s3://my-bucket/data/", ARGUMENT_NAME, ARGUMENT_RULE)
      .meta({
        description:
          "`name: s3://bucket/key`, passed as `--name`; the job role may read there. Or `name: { table: my_table }`: a table another job of the stage writes, passed as `--name_table <stage>_glue.my_table` and `--name <its location>`.",
        default: {},
        keyName: "input",
      })
      .optional(),
    outputs: mapOf(outputSchema(s3Location).meta({ description: "An S3 location, or a mapping with its path and the table to write." }), "output", "output_path: s3://{stageBucket}/output/my_job/", ARGUMENT_NAME, ARGUMENT_RULE)
      .meta({
        description:
          "`name: s3://bucket/prefix/`, passed as `--name`; the job role may write there. Or `name: { path: s3://…, table: my_table }`: also the Data Catalog table `<stage>_glue.my_table`, passed as `--name_table`.",
        default: {},
        keyName: "output",
      })
      .optional(),
    after: afterSchema(JOB_NAME_PATTERN)
      .meta({ description: "Jobs of the stage this one runs after, once all of them SUCCEEDED, e.g. `[JoinLegislators]`.", default: [] })
      .optional(),
    arguments: mapOf(scalarArgument, "argument", "min_count: 3", ARGUMENT_NAME, ARGUMENT_RULE)
      .meta({ description: "Other parameters, `name: value` (text, a number or `true`/`false`), passed as `--name value`. Parameters the stack sets itself (`--TempDir` and the like) are refused.", default: {}, keyName: "argument" })
      .optional(),
    glueVersion: glueVersion.meta({ description: "`5.1`, `5.0` or `4.0` (an unquoted `5.1` is read as text too).", default: JOB_DEFAULTS.glueVersion }).optional(),
    workerType: oneOf(WORKER_TYPES, "Glue worker type")
      .meta({ description: "`G.1X` … `G.16X`, `R.1X` … `R.8X`; `G.025X` is for streaming jobs only and refused.", default: JOB_DEFAULTS.workerType })
      .optional(),
    numberOfWorkers: wholeNumber("numberOfWorkers", 2, 299, 2)
      .meta({ description: "The most workers auto-scaling may use.", default: JOB_DEFAULTS.numberOfWorkers })
      .optional(),
    executionClass: oneOf(EXECUTION_CLASSES, "execution class")
      .meta({
        description: "`FLEX` runs on spare capacity and may start late; Glue runs it only on `G.1X` and `G.2X`, and it is refused in a stage whose `allowFlex` is `false`.",
        defaultText: "`FLEX` in dev where the worker type is `G.1X` or `G.2X`, `STANDARD` otherwise",
      })
      .optional(),
    timeoutMinutes: wholeNumber("timeoutMinutes", 1, 2880, 60).meta({ description: "Glue stops a run after this long.", default: JOB_DEFAULTS.timeoutMinutes }).optional(),
    maxRetries: wholeNumber("maxRetries", 0, 10, 0).meta({ description: "How often Glue retries a failed run.", default: JOB_DEFAULTS.maxRetries }).optional(),
    maxConcurrentRuns: wholeNumber("maxConcurrentRuns", 1, 1000, 1)
      .meta({ description: "Runs of the job at one time; Glue refuses a start beyond it.", default: JOB_DEFAULTS.maxConcurrentRuns })
      .optional(),
    expectedDurationMinutes: wholeNumber("expectedDurationMinutes", 1, 2880, 10)
      .meta({ description: "How long a run is expected to take, for the data plan's cost (else a measured run, else the timeout)." })
      .optional(),
    capacity: capacitySchema
      .meta({ description: "What the job must handle, for the capacity plan (docs/performance-tests.md): `volumePerRun` and `deadline`, or `volumePerDay` and `every`." })
      .optional(),
  },
  "a job (a mapping with script: and other keys)",
  "script: my_job.py",
);
export type JobInput = z.infer<typeof jobSchema>;

const jobMap = mapOf(jobSchema.meta({ description: "A job, named by its key: the stage's job is `<stage>-<job>` in Glue." }), "job", "MyJob: { script: my_job.py }", JOB_NAME_PATTERN, "start with a letter, then up to 47 letters, digits, _ or -").meta({ keyName: "job" });

const PARTITION_ARN = "arn:aws(-cn|-us-gov)?";
const roleArn = text("an IAM role ARN", "arn:aws:iam::123456789012:role/glue-deploy-dev", new RegExp(`^${PARTITION_ARN}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`));

/**
 * Tags land on every resource, and CodeBuild allows the shortest (127 and 255); the stacks add 3 default
 * tags and up to 4 of their own to a resource, and AWS allows 50 in all.
 */
export const MAX_CONFIG_TAGS = 50 - 3 - 4;
const TAG_RULE = "letters, digits, spaces and _ . : / = + - @; not starting with aws:";
const tags = z
  .record(
    z
      .string()
      .min(1, { error: "a tag key is not empty" })
      .max(127, { error: (i) => `tag key "${String(i.input).slice(0, 40)}…" is over 127 characters` })
      .regex(TAG_CHARACTERS, { error: (i) => `tag key "${i.input}" is not valid; use ${TAG_RULE}` })
      .refine((key) => !key.toLowerCase().startsWith("aws:"), { error: (i) => `tag key "${i.input}" starts with aws:, which AWS reserves; rename it, for example team` }),
    text(`a tag value of up to 255 ${TAG_RULE.split(";")[0]}, in quotes`, '"data-platform"', TAG_CHARACTERS, (v) =>
      v.length > 255 ? `it is ${v.length} characters long` : undefined,
    ),
    { error: (i) => expectedMessage(i.input, "a mapping of tag keys to text values", "team: data-platform") },
  )
  .refine((map) => Object.keys(map).length <= MAX_CONFIG_TAGS, {
    error: (i) => `found ${Object.keys(i.input as object).length} tags; at most ${MAX_CONFIG_TAGS} fit, because AWS allows 50 per resource and the stacks add up to 7 of their own`,
  });

const email = z.email({ error: (i) => expectedMessage(i.input, "an email address", "data-platform@example.com") });
const httpsEndpoint = text("an https:// URL", "https://hooks.example.com/glue-alerts", /^https:\/\/[^\s/?#]+[^\s]*$/);
/** Who is told when a job of the stage fails: each list optional, one address or a list. */
const alerts = closedObject(
  {
    email: z
      .union([email, z.array(email)], { error: (i) => expectedMessage(i.input, "an email address or a list of them", "[data-platform@example.com]") })
      .meta({ description: "An address or a list of them, told when a job of the stage fails; each must confirm the subscription from the email AWS sends." })
      .optional(),
    https: z
      .union([httpsEndpoint, z.array(httpsEndpoint)], { error: (i) => expectedMessage(i.input, "an https:// URL or a list of them", "[https://hooks.example.com/glue]") })
      .meta({ description: "An https:// endpoint or a list of them, told when a job of the stage fails." })
      .optional(),
  },
  "alert subscriptions (email, https)",
  "email: [data-platform@example.com]",
);

/** `dev:` with nothing after it is null in YAML: say so, rather than "expected an object". */
const emptyStage = (stage: string) =>
  `stages.${stage} is empty (YAML reads "${stage}:" with nothing after it as null); write "${stage}: {}" for a stage with only the shared jobs`;

const stage = (name: string) =>
  closedObject(
    {
      jobs: jobMap
        .nullable()
        .meta({ description: "Overrides any field of a shared job for this stage, or adds a job of the stage's own; maps (`inputs`, `outputs`, `arguments`) merge key by key.", default: {} })
        .optional(),
      deployRoleArn: roleArn.meta({ description: "Role the stage's AWS provider assumes to deploy, in the stage's account (see docs/pipeline-and-accounts.md)." }).optional(),
      allowFlex: bool("allowFlex").meta({ description: "Whether FLEX jobs are allowed in the stage.", defaultText: "`true` in dev, `false` in prod" }).optional(),
      roleBoundary: bool("roleBoundary")
        .meta({
          description:
            "Every role of the stage carries the permissions boundary `glue-<stage>-role-boundary`, which the `pipeline` stack creates. Set `false` only to deploy a stage without the pipeline.",
          default: true,
        })
        .optional(),
      schedule: scheduleSchema
        .meta({
          description: "When the stage's workflow starts by itself: a six-field Glue `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in UTC, e.g. `cron(0 6 ? * MON-FRI *)`.",
          defaultText: "none: on demand",
        })
        .optional(),
      athena: athenaSchema.meta({ description: "The stage's Athena workgroup `<stage>-glue`." }).optional(),
      tags: tags.meta({ description: "Default tags of that stage's resources, on top of the top-level `tags`.", default: {} }).optional(),
      alerts: alerts.meta({ description: "Who is told when a job of the stage fails (see docs/monitoring.md)." }).optional(),
      quality: stageQualitySchema.meta({ description: "The stage's data-quality settings (docs/data-quality.md)." }).optional(),
    },
    "a stage (a mapping, possibly empty: {})",
    "{ jobs: {} }",
    emptyStage(name),
  );

const workspaceName = text("an HCP Terraform workspace name (letters, digits, _ and -, up to 90)", "glue-dev", /^[A-Za-z0-9_-]{1,90}$/);

const cloudBackend = closedObject(
  {
    type: z.literal("cloud").meta({ description: "HCP Terraform (or Terraform Enterprise); the default when `type` is left out.", default: "cloud" }),
    organization: text("an HCP Terraform organization name (letters, digits, _ and -)", "my-org", /^[A-Za-z0-9_-]{1,64}$/).meta({ description: "HCP Terraform organization." }),
    hostname: text("a host name", "app.terraform.io", undefined, hostnameProblem).meta({ description: "For Terraform Enterprise: a host name, not a URL.", default: "app.terraform.io" }).optional(),
    project: text("an HCP Terraform project name (letters, digits, spaces, _ and -, up to 40)", "glue-pipelines", /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/)
      .meta({ description: "HCP Terraform project of the workspaces.", defaultText: "the organization's default project" })
      .optional(),
    workspaces: closedObject(
      {
        pipeline: workspaceName.meta({ description: "Workspace of the `pipeline` stack.", default: "glue-pipeline" }).optional(),
        "dev-glue": workspaceName.meta({ description: "Workspace of `dev-glue`.", default: "glue-dev" }).optional(),
        "prod-glue": workspaceName.meta({ description: "Workspace of `prod-glue`.", default: "glue-prod" }).optional(),
      },
      "a mapping of stack names to workspace names",
      "dev-glue: glue-dev",
    )
      .meta({ description: "One workspace per stack; two stacks on one workspace are refused." })
      .optional(),
  },
  "a backend",
  "type: cloud",
);

const stateBucket = text("an S3 bucket name, without s3://", "my-terraform-state", undefined, (value) =>
  value.startsWith("s3://") ? "it is written as a location; give the bucket name alone" : bucketNameProblem(value),
);
const keyPrefix = text("a key prefix without a leading or trailing /", "glue-cdktf", /^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/);

const s3Backend = closedObject(
  {
    type: z.literal("s3").meta({ description: "An S3 bucket, with S3-native locking." }),
    bucket: stateBucket.meta({ description: "The state bucket's name, without `s3://`." }),
    region: regionSchema.meta({ description: "The state bucket's region." }),
    keyPrefix: keyPrefix.meta({ description: "State key is `<keyPrefix>/<stack>/terraform.tfstate`; no leading or trailing `/`.", default: "glue-cdktf" }).optional(),
    encrypt: z.literal(true, { error: "state must be encrypted: set encrypt: true (or leave it out)" }).meta({ description: "Must be `true`: state holds secrets.", default: true }).optional(),
    useLockfile: z
      .literal(true, { error: "state must be locked: set useLockfile: true (or leave it out)" })
      .meta({ description: "Must be `true`: S3-native locking (Terraform ≥ 1.10), no DynamoDB table.", default: true })
      .optional(),
    kmsKeyId: text("a KMS key ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", new RegExp(`^${PARTITION_ARN}:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[A-Za-z0-9/_-]+$`))
      .meta({ description: "KMS key of the state objects." })
      .optional(),
    roleArn: roleArn.meta({ description: "Role to assume for state access." }).optional(),
  },
  "a backend",
  "type: s3",
);

const localBackend = closedObject(
  {
    type: z.literal("local").meta({ description: "State files on this machine, for offline work; the pipeline keeps no state between builds with it." }),
    directory: text("a directory path", "terraform-state", /^[^\0]+$/).meta({ description: "State file is `<directory>/<stack>.tfstate`.", default: "terraform-state" }).optional(),
  },
  "a backend",
  "type: local",
);

const BACKEND_TYPES = ["cloud", "s3", "local"] as const;
/** `type` may be left out: HCP Terraform is the default. */
const backend = z.preprocess(
  (value) => (value && typeof value === "object" && !Array.isArray(value) && !("type" in value) ? { ...value, type: "cloud" } : value),
  z.discriminatedUnion("type", [cloudBackend, s3Backend, localBackend], {
    error: (i) =>
      i.code === "invalid_union" || i.code === "invalid_type"
        ? expectedMessage((i.input as Record<string, unknown> | undefined)?.type ?? i.input, `a backend type, one of: ${BACKEND_TYPES.join(", ")}`, "type: s3")
        : undefined,
  }),
);

const branch = text("a git branch name", "main", undefined, branchProblem);

/** Where a codestar source's repository lives: the pull-request check's CodeBuild project names it. */
export const SOURCE_PROVIDERS = ["github", "gitlab", "bitbucket"] as const;

const codeCommitSource = closedObject(
  {
    type: z.literal("codecommit").meta({ description: "A CodeCommit repository of the pipeline account." }),
    repositoryName: text("a CodeCommit repository name (letters, digits, _ . -, up to 100, not ending in .git)", "my-glue-repo", /^(?!.*\.git$)[\w.-]{1,100}$/).meta({
      description: "Repository name; the repository must exist.",
    }),
    branch: branch.meta({ description: "Branch that triggers the pipeline.", default: "main" }).optional(),
  },
  "a source",
  "type: codecommit",
);
const connectionSource = closedObject(
  {
    type: z.literal("codestar").meta({ description: "A CodeStar / CodeConnections connection to GitHub, GitLab or Bitbucket." }),
    connectionArn: text(
      "a CodeStar connection ARN",
      "arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      new RegExp(`^${PARTITION_ARN}:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+$`),
    ).meta({ description: "Connection ARN; complete its handshake in the console first (it must show Available)." }),
    repository: text("owner/repo", "acme/glue-pipelines", /^[\w.-]{1,100}\/[\w.-]{1,100}$/).meta({ description: "`owner/repo`." }),
    branch: branch.meta({ description: "Branch that triggers the pipeline.", default: "main" }).optional(),
    provider: oneOf(SOURCE_PROVIDERS, "source provider")
      .meta({ description: "Where the repository lives; the pull-request check's CodeBuild project checks it out from there.", default: "github" })
      .optional(),
  },
  "a source",
  "type: codestar",
);
const SOURCE_TYPES = ["codecommit", "codestar"] as const;
const source = z.discriminatedUnion("type", [codeCommitSource, connectionSource], {
  error: (i) =>
    i.code === "invalid_union" || i.code === "invalid_type"
      ? expectedMessage((i.input as Record<string, unknown> | undefined)?.type ?? i.input, `a source type, one of: ${SOURCE_TYPES.join(", ")}`, "type: codecommit")
      : undefined,
});

/** Settings of the pipeline stack; every key is optional. */
const pipelineSettings = closedObject(
  {
    terraformTokenSecret: text("a Secrets Manager secret name (letters, digits and / _ + = . @ -)", "glue-cdktf/terraform-token", /^[A-Za-z0-9/_+=.@-]{1,512}$/)
      .meta({ description: "Secrets Manager secret (pipeline account and region) holding the HCP Terraform token; read only with `backend.type: cloud`.", default: "glue-cdktf/terraform-token" })
      .optional(),
    notificationEmail: z
      .email({ error: (i) => expectedMessage(i.input, "an email address", "data-platform@example.com") })
      .meta({ description: "Subscribed to the topic `glue-pipeline-failures`: failed executions and drift. Confirm the subscription email." })
      .optional(),
    terraformPlanTokenSecret: text("a Secrets Manager secret name (letters, digits and / _ + = . @ -)", "glue-cdktf/terraform-plan-token", /^[A-Za-z0-9/_+=.@-]{1,512}$/)
      .meta({
        description:
          "Secret holding the HCP Terraform token the read-only plans use (PlanProd, the pull-request check, the drift check); give it a token that may only read the workspaces' state, so that a pull request's code cannot write state.",
        defaultText: "`pipeline.terraformTokenSecret`",
      })
      .optional(),
    driftCheck: closedObject(
      {
        enabled: bool("enabled").meta({ description: "`false` creates no drift check.", default: true }).optional(),
        schedule: text("an EventBridge schedule", "cron(0 6 * * ? *)", undefined, driftScheduleProblem)
          .meta({ description: "An EventBridge schedule: `rate(1 day)`, `rate(12 hours)` or a six-field `cron(...)`, in UTC; 06:00 UTC daily by default.", default: "cron(0 6 * * ? *)" })
          .optional(),
      },
      "drift check settings (enabled, schedule)",
      "schedule: cron(0 6 * * ? *)",
    )
      .meta({ description: "The scheduled drift check `glue-pipeline-drift-check` (see docs/monitoring.md)." })
      .optional(),
  },
  "pipeline settings",
  "notificationEmail: data-platform@example.com",
);

/** The check of every pull request into the pipeline's branch (README "Reviewing changes"). */
const pullRequests = closedObject(
  {
    enabled: bool("enabled").meta({ description: "Every pull request into `targetBranch` runs `glue-pipeline-pr-check`; `false` creates neither the project nor its trigger.", default: true }).optional(),
    targetBranch: branch.meta({ description: "The branch whose pull requests are checked.", defaultText: "`source.branch`" }).optional(),
  },
  "pull-request check settings (enabled, targetBranch)",
  "enabled: true",
);

const pythonLibraries = z
  .array(text("a Python package name", "legislators", undefined, (v) => (isPythonPackageName(v) ? undefined : "it is not an importable Python package name")), {
    error: (i) => expectedMessage(i.input, "a list of Python package names", "[legislators]"),
  })
  .refine((list) => new Set(list).size === list.length, { error: "a package is listed twice; list each once" });

/** What the data plan (npm run diff's Data section) needs beyond the jobs. */
const dataPlan = closedObject(
  {
    costCeilingPerRun: z
      .number({ error: (i) => expectedMessage(i.input, "a price in USD above 0", "10") })
      .positive({ error: (i) => expectedMessage(i.input, "a price in USD above 0", "10") })
      .meta({ description: "A job whose timeout × workers could cost more than this per run (USD) is flagged in the data plan.", default: 10 })
      .optional(),
  },
  "data plan settings (costCeilingPerRun)",
  "costCeilingPerRun: 10",
);

export const configSchema = closedObject(
  {
    pipelineAccount: account.meta({ description: "Where the `pipeline` stack lives: CodePipeline, its CodeBuild projects and the artifact bucket." }),
    devAccount: account.meta({ description: "Where `dev-glue` lives. One account may serve all three." }),
    prodAccount: account.meta({ description: "Where `prod-glue` lives." }),
    backend: backend.meta({ description: "Where each stack keeps its state: `cloud` (HCP Terraform, the default), `s3` or `local`." }),
    source: source.meta({ description: "What the pipeline builds: a CodeCommit repository, or a CodeStar connection." }),
    pipeline: pipelineSettings.meta({ description: "Settings of the `pipeline` stack; every key is optional." }).optional(),
    pullRequests: pullRequests.meta({ description: "The check of each pull request (see docs/reviewing-changes.md)." }).optional(),
    tags: tags
      .meta({
        description:
          "Default tags of every resource, in every stack: at most 43 (AWS allows 50 per resource and the stacks add up to 7), keys up to 127 and values up to 255 characters (CodeBuild's limits), no `aws:` prefix.",
        default: {},
      })
      .optional(),
    jobScriptsDir: text("a directory path, relative to this file", "job_scripts", /^[^\0]+$/)
      .meta({ description: "Where the job scripts are, relative to the config file.", defaultText: "`job_scripts` of the project" })
      .optional(),
    pythonLibraries: pythonLibraries
      .meta({ description: "Packages (directories of `jobScriptsDir`) zipped reproducibly into one `--extra-py-files` archive.", default: [] })
      .optional(),
    dataPlan: dataPlan.meta({ description: "Settings of the data plan of `npm run diff` (docs/data-plan.md)." }).optional(),
    jobs: jobMap
      .nullable()
      .meta({ description: "Jobs of every stage; `stages.<stage>.jobs` overrides them per stage. The deployed job is named `<stage>-<job>`.", default: {} })
      .optional(),
    stages: closedObject(
      {
        dev: stage("dev").meta({ description: "The dev stage, deployed by DeployDev; `dev: {}` for a stage with only the shared jobs." }),
        prod: stage("prod").meta({ description: "The prod stage, deployed by DeployProd after the approval." }),
      },
      "the stages dev and prod",
      "{ dev: {}, prod: {} }",
    ).meta({ description: "The two stages, each a Glue stack: `dev-glue` and `prod-glue`." }),
  },
  "a mapping of config keys",
  "pipelineAccount: {...}",
);
export type ConfigInput = z.infer<typeof configSchema>;
