/**
 * The schema of the config file. It describes what may be written; `resolve-config.ts` turns a
 * parsed file into the typed, defaulted `AppConfig` that the stacks use, and checks what spans keys.
 */
import { z } from "zod";
import { AWS_REGIONS } from "../constants/aws-regions";
import { EXECUTION_CLASSES, GLUE_VERSIONS } from "../constants/glue";
import { WORKER_TYPES } from "../constants/glue-worker-types";
import { describeFound, expectedMessage } from "./messages";
import { driftScheduleProblem } from "./drift-schedule";
import { bool, closedObject, mapOf, oneOf, text, wholeNumber } from "./schema-parts";
import { capacitySchema } from "./schema-capacity";
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

const account = closedObject({ awsAccountId: accountId, awsRegion: regionSchema }, "an account (awsAccountId and awsRegion)", 'awsAccountId: "123456789012", awsRegion: eu-west-1');

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
    script: text("a script file name in job_scripts/", "my_job.py", /^[A-Za-z0-9_-]+\.py$/).optional(),
    description: description.optional(),
    enabled: bool("enabled").optional(),
    inputs: mapOf(inputSchema(s3Location), "input", "input_path: s3://my-bucket/data/", ARGUMENT_NAME, ARGUMENT_RULE).optional(),
    outputs: mapOf(outputSchema(s3Location), "output", "output_path: s3://{stageBucket}/output/my_job/", ARGUMENT_NAME, ARGUMENT_RULE).optional(),
    after: afterSchema(JOB_NAME_PATTERN).optional(),
    arguments: mapOf(scalarArgument, "argument", "min_count: 3", ARGUMENT_NAME, ARGUMENT_RULE).optional(),
    glueVersion: glueVersion.optional(),
    workerType: oneOf(WORKER_TYPES, "Glue worker type").optional(),
    numberOfWorkers: wholeNumber("numberOfWorkers", 2, 299, 2).optional(),
    executionClass: oneOf(EXECUTION_CLASSES, "execution class").optional(),
    timeoutMinutes: wholeNumber("timeoutMinutes", 1, 2880, 60).optional(),
    maxRetries: wholeNumber("maxRetries", 0, 10, 0).optional(),
    maxConcurrentRuns: wholeNumber("maxConcurrentRuns", 1, 1000, 1).optional(),
    expectedDurationMinutes: wholeNumber("expectedDurationMinutes", 1, 2880, 10).optional(),
    capacity: capacitySchema.optional(),
  },
  "a job (a mapping with script: and other keys)",
  "script: my_job.py",
);
export type JobInput = z.infer<typeof jobSchema>;

const jobMap = mapOf(jobSchema, "job", "MyJob: { script: my_job.py }", JOB_NAME_PATTERN, "start with a letter, then up to 47 letters, digits, _ or -");

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
    email: z.union([email, z.array(email)], { error: (i) => expectedMessage(i.input, "an email address or a list of them", "[data-platform@example.com]") }).optional(),
    https: z.union([httpsEndpoint, z.array(httpsEndpoint)], { error: (i) => expectedMessage(i.input, "an https:// URL or a list of them", "[https://hooks.example.com/glue]") }).optional(),
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
      jobs: jobMap.nullable().optional(),
      deployRoleArn: roleArn.optional(),
      allowFlex: bool("allowFlex").optional(),
      roleBoundary: bool("roleBoundary").optional(),
      schedule: scheduleSchema.optional(),
      athena: athenaSchema.optional(),
      tags: tags.optional(),
      alerts: alerts.optional(),
    },
    "a stage (a mapping, possibly empty: {})",
    "{ jobs: {} }",
    emptyStage(name),
  );

const workspaceName = text("an HCP Terraform workspace name (letters, digits, _ and -, up to 90)", "glue-dev", /^[A-Za-z0-9_-]{1,90}$/);

const cloudBackend = closedObject(
  {
    type: z.literal("cloud"),
    organization: text("an HCP Terraform organization name (letters, digits, _ and -)", "my-org", /^[A-Za-z0-9_-]{1,64}$/),
    hostname: text("a host name", "app.terraform.io", undefined, hostnameProblem).optional(),
    project: text("an HCP Terraform project name (letters, digits, spaces, _ and -, up to 40)", "glue-pipelines", /^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$/).optional(),
    workspaces: closedObject(
      { pipeline: workspaceName.optional(), "dev-glue": workspaceName.optional(), "prod-glue": workspaceName.optional() },
      "a mapping of stack names to workspace names",
      "dev-glue: glue-dev",
    ).optional(),
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
    type: z.literal("s3"),
    bucket: stateBucket,
    region: regionSchema,
    keyPrefix: keyPrefix.optional(),
    encrypt: z.literal(true, { error: "state must be encrypted: set encrypt: true (or leave it out)" }).optional(),
    useLockfile: z.literal(true, { error: "state must be locked: set useLockfile: true (or leave it out)" }).optional(),
    kmsKeyId: text("a KMS key ARN", "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", new RegExp(`^${PARTITION_ARN}:kms:[a-z0-9-]+:\\d{12}:(key|alias)/[A-Za-z0-9/_-]+$`)).optional(),
    roleArn: roleArn.optional(),
  },
  "a backend",
  "type: s3",
);

const localBackend = closedObject(
  { type: z.literal("local"), directory: text("a directory path", "terraform-state", /^[^\0]+$/).optional() },
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
    type: z.literal("codecommit"),
    repositoryName: text("a CodeCommit repository name (letters, digits, _ . -, up to 100, not ending in .git)", "my-glue-repo", /^(?!.*\.git$)[\w.-]{1,100}$/),
    branch: branch.optional(),
  },
  "a source",
  "type: codecommit",
);
const connectionSource = closedObject(
  {
    type: z.literal("codestar"),
    connectionArn: text(
      "a CodeStar connection ARN",
      "arn:aws:codeconnections:eu-west-1:123456789012:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      new RegExp(`^${PARTITION_ARN}:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+$`),
    ),
    repository: text("owner/repo", "acme/glue-pipelines", /^[\w.-]{1,100}\/[\w.-]{1,100}$/),
    branch: branch.optional(),
    provider: oneOf(SOURCE_PROVIDERS, "source provider").optional(),
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
    terraformTokenSecret: text("a Secrets Manager secret name (letters, digits and / _ + = . @ -)", "glue-cdktf/terraform-token", /^[A-Za-z0-9/_+=.@-]{1,512}$/).optional(),
    notificationEmail: z.email({ error: (i) => expectedMessage(i.input, "an email address", "data-platform@example.com") }).optional(),
    terraformPlanTokenSecret: text("a Secrets Manager secret name (letters, digits and / _ + = . @ -)", "glue-cdktf/terraform-plan-token", /^[A-Za-z0-9/_+=.@-]{1,512}$/).optional(),
    driftCheck: closedObject(
      {
        enabled: bool("enabled").optional(),
        schedule: text("an EventBridge schedule", "cron(0 6 * * ? *)", undefined, driftScheduleProblem).optional(),
      },
      "drift check settings (enabled, schedule)",
      "schedule: cron(0 6 * * ? *)",
    ).optional(),
  },
  "pipeline settings",
  "notificationEmail: data-platform@example.com",
);

/** The check of every pull request into the pipeline's branch (README "Reviewing changes"). */
const pullRequests = closedObject(
  { enabled: bool("enabled").optional(), targetBranch: branch.optional() },
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
      .optional(),
  },
  "data plan settings (costCeilingPerRun)",
  "costCeilingPerRun: 10",
);

export const configSchema = closedObject(
  {
    pipelineAccount: account,
    devAccount: account,
    prodAccount: account,
    backend,
    source,
    pipeline: pipelineSettings.optional(),
    pullRequests: pullRequests.optional(),
    tags: tags.optional(),
    jobScriptsDir: text("a directory path, relative to this file", "job_scripts", /^[^\0]+$/).optional(),
    pythonLibraries: pythonLibraries.optional(),
    dataPlan: dataPlan.optional(),
    jobs: jobMap.nullable().optional(),
    stages: closedObject({ dev: stage("dev"), prod: stage("prod") }, "the stages dev and prod", "{ dev: {}, prod: {} }"),
  },
  "a mapping of config keys",
  "pipelineAccount: {...}",
);
export type ConfigInput = z.infer<typeof configSchema>;
