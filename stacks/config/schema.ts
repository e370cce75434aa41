/**
 * The schema of the config file. It describes what may be written; `resolve-config.ts` turns a
 * parsed file into the typed, defaulted `AppConfig` that the stacks use.
 */
import { z } from "zod";
import { AWS_REGIONS } from "../constants/aws-regions";
import { EXECUTION_CLASSES, GLUE_VERSIONS, WORKER_TYPES } from "../constants/glue";
import { closestMatch } from "./did-you-mean";

/** A closed object: an unknown key is an error, with a hint when it looks like a typo. */
function closedObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== "unrecognized_keys") return undefined;
      const hints = issue.keys.map((key) => {
        const guess = closestMatch(key, known);
        return guess ? `"${key}" (did you mean "${guess}"?)` : `"${key}"`;
      });
      return `unknown key ${hints.join(", ")}; allowed keys: ${known.join(", ")}`;
    },
  });
}

/** A long list of choices is named by examples and the file that keeps it, not printed whole. */
interface LongList {
  readonly examples: string;
  readonly listedIn: string;
}

/** An enum whose message lists the choices (or, for a long list, where they are kept). */
function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string, long?: LongList) {
  const choices = long ? `a name such as ${long.examples} (every ${what} is listed in ${long.listedIn})` : `one of: ${values.join(", ")}`;
  return z.enum(values, {
    error: (issue) => {
      if (issue.input === undefined) return `required key is missing; expected ${choices}`;
      const given = String(issue.input);
      const guess = closestMatch(given, values);
      const hint = guess ? ` (did you mean "${guess}"?)` : "";
      return `"${given}" is not a known ${what}${hint}; expected ${choices}`;
    },
  });
}

const nonEmpty = (what: string) =>
  z.string({ error: `expected ${what} as a string` }).trim().min(1, { error: `${what} must not be empty` });

const accountId = z
  .union([z.string(), z.number()], { error: 'expected a 12-digit AWS account ID, for example "123456789012"' })
  .transform(String)
  .pipe(
    z.string().regex(/^\d{12}$/, {
      error: (issue) =>
        `"${issue.input}" is not a 12-digit AWS account ID; write all 12 digits in quotes, for example "012345678901"`,
    }),
  );

export const regionSchema = oneOf(AWS_REGIONS, "AWS region", {
  examples: "us-east-1 or eu-west-1",
  listedIn: "stacks/constants/aws-regions.ts",
});

const account = closedObject({ awsAccountId: accountId, awsRegion: regionSchema });

const bool = (what: string) => z.boolean({ error: `expected true or false for ${what}` });
const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `expected a whole number for ${what}` })
    .int({ error: `expected a whole number for ${what}` })
    .min(min, { error: `${what} must be at least ${min}` })
    .max(max, { error: `${what} must be at most ${max}` });

/** Unquoted YAML `5.1` is a number; accept it, and `4.0` which YAML reads as 4. */
const glueVersion = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toFixed(1) : v))
  .pipe(oneOf(GLUE_VERSIONS, "Glue version"));

const ARGUMENT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,127}$/;
const argumentMap = (what: string, value: z.ZodType<string>) =>
  z.record(
    z.string().regex(ARGUMENT_NAME, { error: `${what} names start with a letter and use letters, digits, _ or -` }),
    value,
  );
const s3Location = z
  .string({ error: "expected an S3 location such as s3://bucket/prefix/" })
  .regex(/^s3:\/\/[^/\s]+(\/\S*)?$/, { error: (i) => `"${i.input}" is not an S3 location; write s3://bucket/prefix/` });
const scalarArgument = z
  .union([z.string(), z.number(), z.boolean()], { error: "expected a string, number or boolean" })
  .transform(String);

export const JOB_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;

/** A job as written, at the top level or as a stage's override: every field is optional here. */
export const jobSchema = closedObject({
  script: z
    .string({ error: "expected a script file name such as my_job.py" })
    .regex(/^[A-Za-z0-9_-]+\.py$/, { error: (i) => `"${i.input}" is not a script file name; write my_job.py (a file in job_scripts/)` })
    .optional(),
  description: z.string({ error: "expected text" }).max(2048).optional(),
  enabled: bool("enabled").optional(),
  inputs: argumentMap("input", s3Location).optional(),
  outputs: argumentMap("output", s3Location).optional(),
  arguments: argumentMap("argument", scalarArgument).optional(),
  glueVersion: glueVersion.optional(),
  workerType: oneOf(WORKER_TYPES, "Glue worker type").optional(),
  numberOfWorkers: int("numberOfWorkers", 2, 299).optional(),
  executionClass: oneOf(EXECUTION_CLASSES, "execution class").optional(),
  timeoutMinutes: int("timeoutMinutes", 1, 2880).optional(),
  maxRetries: int("maxRetries", 0, 10).optional(),
  maxConcurrentRuns: int("maxConcurrentRuns", 1, 1000).optional(),
});
export type JobInput = z.infer<typeof jobSchema>;

const jobMap = z.record(
  z.string().regex(JOB_NAME_PATTERN, {
    error: (i) => `"${i.input}" is not a valid job name; start with a letter, then up to 47 letters, digits, _ or -`,
  }),
  jobSchema,
);

const roleArn = z
  .string({ error: "expected an IAM role ARN" })
  .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
    error: (i) => `"${i.input}" is not an IAM role ARN; write arn:aws:iam::123456789012:role/name`,
  });

const tags = z.record(z.string().min(1).max(128), z.string().max(256), { error: "expected a map of tag names to strings" });

const stage = closedObject({
  jobs: jobMap.nullable().optional(),
  deployRoleArn: roleArn.optional(),
  allowFlex: bool("allowFlex").optional(),
  roleBoundary: bool("roleBoundary").optional(),
  tags: tags.optional(),
});

const workspaceName = z.string().regex(/^[A-Za-z0-9_-]{1,90}$/, { error: "workspace names use letters, digits, _ and -" });

const cloudBackend = closedObject({
  type: z.literal("cloud"),
  organization: nonEmpty("the HCP Terraform organization"),
  hostname: nonEmpty("the HCP Terraform hostname").optional(),
  project: nonEmpty("the HCP Terraform project").optional(),
  workspaces: closedObject({
    pipeline: workspaceName.optional(),
    "dev-glue": workspaceName.optional(),
    "prod-glue": workspaceName.optional(),
  }).optional(),
});

const s3Backend = closedObject({
  type: z.literal("s3"),
  bucket: nonEmpty("the state bucket name"),
  region: regionSchema,
  keyPrefix: nonEmpty("the state key prefix").optional(),
  encrypt: z.literal(true, { error: "state must be encrypted: set encrypt: true (or leave it out)" }).optional(),
  useLockfile: z.literal(true, { error: "state must be locked: set useLockfile: true (or leave it out)" }).optional(),
  kmsKeyId: nonEmpty("the KMS key ARN").optional(),
  roleArn: roleArn.optional(),
});

const localBackend = closedObject({
  type: z.literal("local"),
  directory: nonEmpty("the state directory").optional(),
});

const BACKEND_TYPES = ["cloud", "s3", "local"] as const;
/** `type` may be left out: HCP Terraform is the default. */
const backend = z.preprocess(
  (value) => (value && typeof value === "object" && !("type" in value) ? { ...value, type: "cloud" } : value),
  z.discriminatedUnion("type", [cloudBackend, s3Backend, localBackend], {
    error: (i) =>
      i.code === "invalid_union" ? `unknown backend type; expected one of: ${BACKEND_TYPES.join(", ")}` : undefined,
  }),
);

const codeCommitSource = closedObject({
  type: z.literal("codecommit"),
  repositoryName: z.string().regex(/^[\w.-]{1,100}$/, { error: "expected a CodeCommit repository name" }),
  branch: nonEmpty("the branch").optional(),
});
const connectionSource = closedObject({
  type: z.literal("codestar"),
  connectionArn: z
    .string()
    .regex(/^arn:aws(-cn|-us-gov)?:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/, {
      error: "expected a CodeStar connection ARN: arn:aws:codeconnections:REGION:ACCOUNT:connection/ID",
    }),
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repo" }),
  branch: nonEmpty("the branch").optional(),
});
const source = z.discriminatedUnion("type", [codeCommitSource, connectionSource], {
  error: (i) => (i.code === "invalid_union" ? "unknown source type; expected codecommit or codestar" : undefined),
});

/** Settings of the pipeline stack; every key is optional. */
const pipelineSettings = closedObject({
  terraformTokenSecret: z
    .string({ error: "expected a Secrets Manager secret name" })
    .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, {
      error: (i) => `"${i.input}" is not a Secrets Manager secret name; use letters, digits and /_+=.@- (e.g. glue-cdktf/terraform-token)`,
    })
    .optional(),
  notificationEmail: z.email({ error: (i) => `"${i.input}" is not an email address; write name@example.com` }).optional(),
});

export const configSchema = closedObject({
  pipelineAccount: account,
  devAccount: account,
  prodAccount: account,
  backend,
  source,
  pipeline: pipelineSettings.optional(),
  tags: tags.optional(),
  jobScriptsDir: nonEmpty("the job scripts directory").optional(),
  pythonLibraries: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "expected a Python package name" })).optional(),
  jobs: jobMap.nullable().optional(),
  stages: closedObject({ dev: stage, prod: stage }),
});
export type ConfigInput = z.infer<typeof configSchema>;
