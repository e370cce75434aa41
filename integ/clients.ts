import { GlueClient } from "@aws-sdk/client-glue";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { IntegOptions } from "./args";
import { describeError } from "./types";

/** The role could not be assumed, or it gave no credentials. */
export class AssumeRoleError extends Error {
  override readonly name = "AssumeRoleError";
}

/** Temporary credentials in the shape the SDK clients accept. */
export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type RoleCredentialsProvider = () => Promise<RoleCredentials>;

/** The credentials are for another account than --account. */
export class WrongAccountError extends Error {
  override readonly name = "WrongAccountError";
}

/** Just the STS calls this module makes, so tests can inject a fake. */
export interface StsApi {
  send(command: AssumeRoleCommand): Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } }>;
  send(command: GetCallerIdentityCommand): Promise<{ Account?: string; Arn?: string }>;
}

/** Makes an STS client that signs with `credentials`, or with the default chain. */
export type StsFactory = (credentials?: RoleCredentialsProvider) => StsApi;

// Every call is bounded: a dead endpoint fails in seconds instead of hanging the pipeline.
const CLIENT_SETTINGS = {
  maxAttempts: 5,
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
} as const;
/** Role sessions are capped at 1 h when chained from CodeBuild's role; the provider renews them. */
const SESSION_SECONDS = 3600;
/** Renew this long before expiry so no call is signed with credentials about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;

type ClientTarget = Pick<IntegOptions, "region" | "endpointUrl">;

/** An STS client for the stage's region (regional STS endpoint). */
export function createStsClient(options: ClientTarget, credentials?: RoleCredentialsProvider): STSClient {
  return new STSClient({ region: options.region, endpoint: options.endpointUrl, credentials, ...CLIENT_SETTINGS });
}

/**
 * Fails early when the credentials belong to another account than --account:
 * every job ARN would name the wrong account and the test could only fail
 * later, less clearly. GetCallerIdentity needs no IAM permission.
 */
export async function verifyCallerAccount(
  sts: StsApi,
  expected: Pick<IntegOptions, "account" | "stageName" | "roleArn">,
): Promise<void> {
  const { Account: account, Arn: arn } = await sts.send(new GetCallerIdentityCommand({}));
  if (account !== expected.account) {
    const fix = expected.roleArn
      ? "Pass a --role-arn in the stage's account, or fix --account."
      : `Pass --role-arn arn:aws:iam::${expected.account}:role/glue-test-${expected.stageName}, or fix --account.`;
    throw new WrongAccountError(
      `the credentials are for account ${account ?? "unknown"} (${arn ?? "unknown principal"}), not --account ${expected.account}. ${fix}`,
    );
  }
}

/**
 * Credentials of `roleArn`, renewed before they expire. The first call happens
 * here, so a denied AssumeRole fails at start-up with a clear message.
 */
export async function assumeRoleCredentials(
  sts: StsApi,
  roleArn: string,
  sessionName: string,
  now: () => number = Date.now,
): Promise<RoleCredentialsProvider> {
  let current = await assumeRole(sts, roleArn, sessionName);
  return async () => {
    const expiresAt = current.expiration?.getTime() ?? Infinity;
    if (expiresAt - now() < RENEW_BEFORE_MS) current = await assumeRole(sts, roleArn, sessionName);
    return current;
  };
}

async function assumeRole(sts: StsApi, roleArn: string, sessionName: string): Promise<RoleCredentials> {
  let response;
  try {
    response = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: SESSION_SECONDS }),
    );
  } catch (error) {
    throw new AssumeRoleError(
      `cannot assume ${roleArn} (${describeError(error)}). Check that the role exists, that its trust policy ` +
        `allows the caller (the pipeline's IntegTest CodeBuild role), and that --role-arn names the stage's account.`,
    );
  }
  const credentials = response.Credentials;
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new AssumeRoleError(`AssumeRole on ${roleArn} returned no credentials`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
    expiration: credentials.Expiration,
  };
}

/**
 * The Glue client the test runs with: the assumed role's credentials when
 * --role-arn was given, otherwise the SDK's default chain (env, profile, CodeBuild).
 */
export async function createGlueClient(
  options: IntegOptions,
  stsFor: StsFactory = (credentials) => createStsClient(options, credentials),
): Promise<GlueClient> {
  const credentials = options.roleArn
    ? await assumeRoleCredentials(stsFor(), options.roleArn, `glue-integ-${options.stageName}-${Date.now()}`)
    : undefined;
  await verifyCallerAccount(stsFor(credentials), options);
  return new GlueClient({ region: options.region, endpoint: options.endpointUrl, credentials, ...CLIENT_SETTINGS });
}
