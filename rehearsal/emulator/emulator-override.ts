/**
 * Points a synthesized stack, and the AWS CLI and SDKs, at the emulator.
 *
 *   writeEmulatorOverride(ws.stackDir("pipeline"), emulator);  // emulator_override.tf.json next to cdk.tf.json
 *   const env = awsClientEnv(emulator, admin, { dir, region: "eu-west-1", profiles: { "glue-dev": devAdmin } });
 *
 * The override is a Terraform override file: Terraform merges it into every `aws` provider block of the
 * stack (aliased ones too, matched by alias). It sets an endpoint for every AWS service the stack's
 * resources and data sources use, plus STS and IAM for the provider itself, so no call leaves for AWS;
 * an unknown resource type is an error, not a silent call to AWS. It also sets path-style S3, the
 * emulator's CA, no instance-metadata lookups and few retries. It lives only in the rehearsal's copy.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AwsCredentials, Emulator } from "./emulator";

export const OVERRIDE_FILE = "emulator_override.tf.json";

/** Resource/data type prefix → the provider's endpoint key. Longest prefix wins. */
export const ENDPOINT_OF_TYPE: Readonly<Record<string, string>> = {
  aws_s3_: "s3",
  aws_s3control_: "s3control",
  aws_iam_: "iam",
  aws_kms_: "kms",
  aws_glue_: "glue",
  aws_cloudwatch_log_: "logs",
  aws_cloudwatch_event_: "events",
  aws_cloudwatch_metric_alarm: "cloudwatch",
  aws_cloudwatch_dashboard: "cloudwatch",
  aws_athena_: "athena",
  aws_codebuild_: "codebuild",
  aws_codepipeline: "codepipeline",
  aws_codecommit_: "codecommit",
  aws_codestarconnections_: "codestarconnections",
  aws_codeconnections_: "codeconnections",
  aws_sns_: "sns",
  aws_sqs_: "sqs",
  aws_secretsmanager_: "secretsmanager",
  aws_ssm_: "ssm",
  aws_caller_identity: "sts",
};
/** Types that make no AWS call. */
export const LOCAL_TYPES: ReadonlySet<string> = new Set(["aws_region", "aws_partition", "aws_iam_policy_document", "aws_default_tags"]);
/** What the provider itself calls: STS for the account, IAM for it as a fallback. */
export const PROVIDER_ENDPOINTS = ["sts", "iam"] as const;

interface StackJson {
  provider?: { aws?: Array<{ alias?: string }> };
  resource?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

export function endpointOfType(type: string): string | undefined {
  if (LOCAL_TYPES.has(type)) return undefined;
  const prefix = Object.keys(ENDPOINT_OF_TYPE)
    .filter((p) => type.startsWith(p))
    .sort((a, b) => b.length - a.length)[0];
  if (!prefix) throw new Error(`no emulator endpoint is known for ${type}: add it to ENDPOINT_OF_TYPE in emulator-override.ts`);
  return ENDPOINT_OF_TYPE[prefix];
}

/** The endpoint keys a stack needs, sorted. */
export function endpointsOf(stack: StackJson): string[] {
  const keys = new Set<string>(PROVIDER_ENDPOINTS);
  for (const type of [...Object.keys(stack.resource ?? {}), ...Object.keys(stack.data ?? {})]) {
    if (!type.startsWith("aws_")) continue;
    const key = endpointOfType(type);
    if (key) keys.add(key);
  }
  return [...keys].sort();
}

export interface EmulatorTarget {
  readonly endpoint: string;
  readonly caBundle: string;
}

/** The override file's content for a stack. */
export function emulatorOverride(stack: StackJson, emulator: EmulatorTarget): { provider: { aws: Array<Record<string, unknown>> } } {
  const endpoints = Object.fromEntries(endpointsOf(stack).map((key) => [key, emulator.endpoint]));
  const blocks = stack.provider?.aws ?? [{}];
  return {
    provider: {
      aws: blocks.map((block) => ({
        ...(block.alias ? { alias: block.alias } : {}),
        endpoints: [endpoints],
        s3_use_path_style: true,
        custom_ca_bundle: emulator.caBundle,
        skip_metadata_api_check: "true",
        max_retries: 2,
      })),
    },
  };
}

export function writeEmulatorOverride(stackDir: string, emulator: EmulatorTarget | Emulator): string {
  const stack = JSON.parse(readFileSync(join(stackDir, "cdk.tf.json"), "utf8")) as StackJson;
  const file = join(stackDir, OVERRIDE_FILE);
  writeFileSync(file, JSON.stringify(emulatorOverride(stack, emulator), null, 2));
  return file;
}

export interface AwsClientEnvOptions {
  /** Where the AWS config and credentials files are written; @default <emulator.dir>/aws/<access key id> */
  readonly dir?: string;
  /** @default eu-west-1 */
  readonly region?: string;
  /** Named profiles, e.g. { "glue-dev": credentials of an administrator in the dev account } */
  readonly profiles?: Readonly<Record<string, AwsCredentials>>;
  /** Regions of the named profiles; @default region */
  readonly profileRegions?: Readonly<Record<string, string>>;
  /**
   * Put `credentials` in AWS_ACCESS_KEY_ID/... and the default profile; false when the process finds its
   * credentials elsewhere (e.g. a container credentials endpoint), which static ones would shadow.
   * @default true
   */
  readonly staticCredentials?: boolean;
}

function profileSection(name: string, region: string): string {
  const header = name === "default" ? "[default]" : `[profile ${name}]`;
  return `${header}\nregion = ${region}\ns3 =\n  addressing_style = path\n`;
}

function credentialsSection(name: string, credentials: AwsCredentials): string {
  return [
    `[${name}]`,
    `aws_access_key_id = ${credentials.accessKeyId}`,
    `aws_secret_access_key = ${credentials.secretAccessKey}`,
    ...(credentials.sessionToken ? [`aws_session_token = ${credentials.sessionToken}`] : []),
    "",
  ].join("\n");
}

/**
 * Environment for the AWS CLI, the SDKs and terraform, signed with `credentials`, against the
 * emulator: endpoint, CA (AWS_CA_BUNDLE for Python and Go, NODE_EXTRA_CA_CERTS for Node), region,
 * and an AWS config file with path-style S3 and the named profiles.
 */
export function awsClientEnv(emulator: EmulatorTarget & { readonly dir?: string }, credentials: AwsCredentials, options: AwsClientEnvOptions = {}): Record<string, string> {
  const region = options.region ?? "eu-west-1";
  const dir = options.dir ?? (emulator.dir ? join(emulator.dir, "aws", credentials.accessKeyId) : undefined);
  if (!dir) throw new Error("awsClientEnv: give options.dir, or an emulator from startEmulator");
  mkdirSync(dir, { recursive: true });
  const configFile = join(dir, "aws-config");
  const credentialsFile = join(dir, "aws-credentials");
  const inline = options.staticCredentials ?? true;
  const profiles: Record<string, AwsCredentials> = { ...(inline ? { default: credentials } : {}), ...(options.profiles ?? {}) };
  const configured = ["default", ...Object.keys(options.profiles ?? {})];
  writeFileSync(configFile, configured.map((name) => profileSection(name, options.profileRegions?.[name] ?? region)).join("\n"));
  writeFileSync(credentialsFile, Object.entries(profiles).map(([name, creds]) => credentialsSection(name, creds)).join("\n"), { mode: 0o600 });
  return {
    ...(inline
      ? {
          AWS_ACCESS_KEY_ID: credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
          ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
        }
      : {}),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: emulator.endpoint,
    AWS_CA_BUNDLE: emulator.caBundle,
    NODE_EXTRA_CA_CERTS: emulator.caBundle,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
}
