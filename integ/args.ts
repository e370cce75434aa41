import { parseArgs } from "node:util";

/** How the stage's jobs run: `auto` runs the stage's workflow when a job of it waits for another, else each job on its own. */
export const INTEG_MODES = ["auto", "workflow", "jobs"] as const;
export type IntegMode = (typeof INTEG_MODES)[number];

/** What the integration test was asked to do, validated. */
export interface IntegOptions {
  /** AWS account that holds the stage's Glue jobs (12 digits). */
  readonly account: string;
  /** AWS region of the stage, e.g. eu-west-1. */
  readonly region: string;
  /** Stage whose jobs run: jobs tagged stack_name = `<stage>-glue`. */
  readonly stageName: string;
  /** Role to assume first, e.g. arn:aws:iam::<account>:role/glue-test-dev. @default the ambient credentials */
  readonly roleArn?: string;
  /** AWS endpoint override (an emulator). @default env AWS_ENDPOINT_URL, else the real AWS endpoints */
  readonly endpointUrl?: string;
  /** Longest wait for one run to finish. @default 30 */
  readonly maxWaitMinutes: number;
  /** A successful run must take fewer seconds than this. @default 600 */
  readonly maxDurationSeconds: number;
  /** Runs started and followed at once. @default 10 */
  readonly concurrency: number;
  /** Report file; `.json` writes JSON, `.xml` writes JUnit XML. @default no report */
  readonly reportPath?: string;
  /** Workflow run, each job on its own, or chosen from the stage's workflow. @default auto */
  readonly mode: IntegMode;
}

/** Bad command-line input; the message names the argument and the fix. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const DEFAULT_MAX_WAIT_MINUTES = 30;
export const DEFAULT_MAX_DURATION_SECONDS = 600;
export const DEFAULT_CONCURRENCY = 10;
/** Above this, StartJobRun and GetJobRun calls start hitting Glue's API rate limits. */
export const MAX_CONCURRENCY = 50;

export const USAGE = `Usage: npm run integ -- --account <12 digits> --region <aws-region> --stage-name <stage> [options]

Runs every Glue job tagged stack_name=<stage>-glue and checks that each one SUCCEEDED in time.
When a job of the stage's workflow (<stage>-glue-workflow) runs after another, it starts one run of
the workflow instead and also checks that every job is in it and started only after the jobs it
waits for had finished.

Options:
  --mode auto|workflow|jobs     workflow run, or each job on its own; auto picks the workflow when a
                                job of it runs after another (default auto)
  --role-arn <arn>              role to assume first (the stage's glue-test-<stage> role)
  --endpoint-url <url>          AWS endpoint override, e.g. a local emulator (env AWS_ENDPOINT_URL)
  --max-wait-minutes <n>        longest wait for one run; a workflow run, this times its longest chain (default ${DEFAULT_MAX_WAIT_MINUTES})
  --max-duration-seconds <n>    a run must finish in under n seconds (default ${DEFAULT_MAX_DURATION_SECONDS})
  --concurrency <n>             runs in flight at once, 1-${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})
  --report <file.json|file.xml> write a JSON or JUnit XML report
  --help                        show this text

Exit codes: 0 all jobs passed; 1 a job failed or no job matched the stage;
            2 bad arguments; 3 AWS access failed (credentials, role, API).`;

const ACCOUNT_PATTERN = /^\d{12}$/;
// Partition prefix, optional qualifiers, a number: us-east-1, us-gov-west-1, ap-southeast-5.
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const STAGE_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Parses argv (without node and script); returns "help" when --help was asked for. */
export function parseIntegArgs(argv: readonly string[], env: NodeJS.ProcessEnv): IntegOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        account: { type: "string" },
        region: { type: "string" },
        "stage-name": { type: "string" },
        "role-arn": { type: "string" },
        "endpoint-url": { type: "string" },
        "max-wait-minutes": { type: "string" },
        "max-duration-seconds": { type: "string" },
        concurrency: { type: "string" },
        report: { type: "string" },
        mode: { type: "string" },
        help: { type: "boolean" },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help for the options.`);
  }
  const values = parsed.values;
  if (values.help) return "help";

  const account = required(values.account, "--account", "the 12-digit AWS account ID of the stage");
  if (!ACCOUNT_PATTERN.test(account)) {
    throw new UsageError(`--account must be a 12-digit AWS account ID, got "${account}"`);
  }
  const region = required(values.region, "--region", "the stage's AWS region, e.g. eu-west-1");
  if (!REGION_PATTERN.test(region)) {
    throw new UsageError(
      `--region must be an AWS region such as eu-west-1 or us-gov-west-1, got "${region}"` +
        (ACCOUNT_PATTERN.test(region) ? " (that looks like an account ID: pass it as --account)" : ""),
    );
  }
  const stageName = required(values["stage-name"], "--stage-name", "the stage to test, e.g. dev");
  if (!STAGE_PATTERN.test(stageName)) {
    throw new UsageError(`--stage-name must be lower-case letters, digits and dashes, e.g. dev; got "${stageName}"`);
  }
  const roleArn = values["role-arn"];
  if (roleArn !== undefined && !ROLE_ARN_PATTERN.test(roleArn)) {
    throw new UsageError(`--role-arn must be an IAM role ARN such as arn:aws:iam::${account}:role/glue-test-${stageName}, got "${roleArn}"`);
  }
  const reportPath = values.report;
  if (reportPath !== undefined && !/\.(json|xml)$/i.test(reportPath)) {
    throw new UsageError(`--report must end in .json (JSON report) or .xml (JUnit XML report), got "${reportPath}"`);
  }
  const mode = values.mode ?? "auto";
  if (!(INTEG_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--mode must be one of ${INTEG_MODES.join(", ")}, got "${mode}"`);
  }
  return {
    mode: mode as IntegMode,
    account,
    region,
    stageName,
    roleArn,
    endpointUrl: endpointUrl(values["endpoint-url"] ?? nonEmpty(env.AWS_ENDPOINT_URL)),
    maxWaitMinutes: positiveNumber(values["max-wait-minutes"], "--max-wait-minutes", DEFAULT_MAX_WAIT_MINUTES),
    maxDurationSeconds: positiveNumber(values["max-duration-seconds"], "--max-duration-seconds", DEFAULT_MAX_DURATION_SECONDS),
    concurrency: concurrency(values.concurrency),
    reportPath,
  };
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined || value.trim() === "") {
    throw new UsageError(`${flag} is required: pass ${what}. Run with --help for the options.`);
  }
  return value.trim();
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function positiveNumber(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} must be a positive number, got "${raw}"`);
  }
  return value;
}

function concurrency(raw: string | undefined): number {
  const value = positiveNumber(raw, "--concurrency", DEFAULT_CONCURRENCY);
  if (!Number.isInteger(value) || value > MAX_CONCURRENCY) {
    throw new UsageError(`--concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}, got "${raw}"`);
  }
  return value;
}

/** Plain http would expose the session token, so it is allowed only for a local emulator. */
function endpointUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint-url (or AWS_ENDPOINT_URL) must be a URL such as http://127.0.0.1:5000, got "${raw}"`);
  }
  const secure = url.protocol === "https:";
  const localHttp = url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
  if (!secure && !localHttp) {
    throw new UsageError(`--endpoint-url (or AWS_ENDPOINT_URL) must use https, or http on a loopback host (localhost, 127.0.0.1); got "${raw}"`);
  }
  return raw;
}
