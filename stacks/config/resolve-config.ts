/** Turns a schema-valid config into the typed `AppConfig`: merges stage overrides, applies defaults, checks files. */
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_EXECUTION_CLASS, JOB_DEFAULTS, RESERVED_JOB_ARGUMENTS, STAGE_NAMES, StageName } from "../constants/glue";
import { glueStackName, roleBoundaryArn, stageBucketName } from "../names";
import type { ConfigProblem } from "./config-error";
import type { ConfigInput, JobInput } from "./schema";
import type { AppConfig, AwsAccount, BackendConfig, JobConfig, SourceConfig, StageConfig } from "./types";

const PLACEHOLDER = /\{([^{}]*)\}/g;
const DEFAULT_WORKSPACES = { pipeline: "glue-pipeline", "dev-glue": "glue-dev", "prod-glue": "glue-prod" };
const DEFAULT_TERRAFORM_TOKEN_SECRET = "glue-cdktf/terraform-token";

export function resolveConfig(
  input: ConfigInput,
  file: string,
  projectDir: string,
): { config?: AppConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const jobScriptsDir = input.jobScriptsDir
    ? path.resolve(path.dirname(file), input.jobScriptsDir)
    : path.join(projectDir, "job_scripts");
  if (!isDirectory(jobScriptsDir)) {
    problems.push({ path: "jobScriptsDir", message: `directory ${jobScriptsDir} does not exist; create it or fix jobScriptsDir` });
  }
  const pythonLibraries = input.pythonLibraries ?? [];
  pythonLibraries.forEach((library, i) => {
    if (!fs.existsSync(path.join(jobScriptsDir, library, "__init__.py"))) {
      problems.push({
        path: `pythonLibraries.${i}`,
        message: `${path.join(jobScriptsDir, library)} is not a Python package (no __init__.py); create it or remove it from the list`,
      });
    }
  });

  const accounts: Record<StageName, AwsAccount> = { dev: input.devAccount, prod: input.prodAccount };
  const stages = {} as Record<StageName, StageConfig>;
  for (const stage of STAGE_NAMES) {
    const stageInput = input.stages[stage];
    const account = accounts[stage];
    const bucketName = stageBucketName(stage, account);
    const allowFlex = stageInput.allowFlex ?? stage === "dev";
    const jobs: Record<string, JobConfig> = {};
    const names = new Set([...Object.keys(input.jobs ?? {}), ...Object.keys(stageInput.jobs ?? {})]);
    for (const name of names) {
      const shared = input.jobs?.[name];
      const override = stageInput.jobs?.[name];
      const merged = mergeJob(shared, override);
      if (merged.enabled === false) continue;
      const where = override ? `stages.${stage}.jobs.${name}` : `jobs.${name}`;
      const job = resolveJob(name, merged, { stage, bucketName, jobScriptsDir, allowFlex, where }, problems);
      if (job) jobs[name] = job;
    }
    stages[stage] = {
      name: stage,
      stackName: glueStackName(stage),
      account,
      deployRoleArn: stageInput.deployRoleArn,
      allowFlex,
      roleBoundaryArn: stageInput.roleBoundary === false ? undefined : roleBoundaryArn(stage, account),
      bucketName,
      tags: stageInput.tags ?? {},
      jobs,
    };
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    config: {
      file,
      pipelineAccount: input.pipelineAccount,
      devAccount: input.devAccount,
      prodAccount: input.prodAccount,
      backend: resolveBackend(input.backend),
      source: resolveSource(input.source),
      pipeline: {
        terraformTokenSecret: input.pipeline?.terraformTokenSecret ?? DEFAULT_TERRAFORM_TOKEN_SECRET,
        notificationEmail: input.pipeline?.notificationEmail,
      },
      tags: input.tags ?? {},
      jobScriptsDir,
      pythonLibraries,
      stages,
    },
  };
}

/** A stage's override wins field by field; the argument maps merge key by key. */
function mergeJob(shared: JobInput | undefined, override: JobInput | undefined): JobInput {
  const base = shared ?? {};
  const over = override ?? {};
  return {
    ...base,
    ...over,
    inputs: { ...base.inputs, ...over.inputs },
    outputs: { ...base.outputs, ...over.outputs },
    arguments: { ...base.arguments, ...over.arguments },
  };
}

interface JobContext {
  readonly stage: StageName;
  readonly bucketName: string;
  readonly jobScriptsDir: string;
  readonly allowFlex: boolean;
  /** Key path of the block that defines the job, for messages. */
  readonly where: string;
}

function resolveJob(name: string, job: JobInput, ctx: JobContext, problems: ConfigProblem[]): JobConfig | undefined {
  const before = problems.length;
  if (!job.script) {
    problems.push({ path: `${ctx.where}.script`, message: "every job needs a script; add script: my_job.py (a file in job_scripts/)" });
  } else if (!fs.existsSync(path.join(ctx.jobScriptsDir, job.script))) {
    problems.push({
      path: `${ctx.where}.script`,
      message: `script ${path.join(ctx.jobScriptsDir, job.script)} does not exist; create it or fix the file name`,
    });
  }
  const executionClass = job.executionClass ?? DEFAULT_EXECUTION_CLASS[ctx.stage];
  if (executionClass === "FLEX" && !ctx.allowFlex) {
    problems.push({
      path: `${ctx.where}.executionClass`,
      message: `FLEX jobs may start late, so ${ctx.stage} does not allow them; use STANDARD, or set stages.${ctx.stage}.allowFlex: true`,
    });
  }
  const seen = new Map<string, string>();
  const groups = { inputs: job.inputs ?? {}, outputs: job.outputs ?? {}, arguments: job.arguments ?? {} };
  const resolved = { inputs: {}, outputs: {}, arguments: {} } as Record<keyof typeof groups, Record<string, string>>;
  for (const [group, values] of Object.entries(groups) as [keyof typeof groups, Record<string, string>][]) {
    for (const [key, value] of Object.entries(values)) {
      const keyWhere = `${ctx.where}.${group}.${key}`;
      if (RESERVED_JOB_ARGUMENTS.includes(key)) {
        problems.push({ path: keyWhere, message: `--${key} is set by the stack itself; remove it from the config` });
      }
      if (seen.has(key)) {
        problems.push({ path: keyWhere, message: `--${key} is already given under ${seen.get(key)}; use one name once` });
      }
      seen.set(key, group);
      resolved[group][key] = value.replace(PLACEHOLDER, (whole, placeholder: string) => {
        if (placeholder === "stageBucket") return ctx.bucketName;
        problems.push({ path: keyWhere, message: `unknown placeholder ${whole}; the only placeholder is {stageBucket}` });
        return whole;
      });
    }
  }
  if (problems.length > before || !job.script) return undefined;
  return {
    name,
    glueJobName: `${ctx.stage}-${name}`,
    script: job.script,
    scriptPath: path.join(ctx.jobScriptsDir, job.script),
    description: job.description,
    ...resolved,
    glueVersion: job.glueVersion ?? JOB_DEFAULTS.glueVersion,
    workerType: job.workerType ?? JOB_DEFAULTS.workerType,
    numberOfWorkers: job.numberOfWorkers ?? JOB_DEFAULTS.numberOfWorkers,
    executionClass,
    timeoutMinutes: job.timeoutMinutes ?? JOB_DEFAULTS.timeoutMinutes,
    maxRetries: job.maxRetries ?? JOB_DEFAULTS.maxRetries,
    maxConcurrentRuns: job.maxConcurrentRuns ?? JOB_DEFAULTS.maxConcurrentRuns,
  };
}

function resolveBackend(backend: ConfigInput["backend"]): BackendConfig {
  switch (backend.type) {
    case "cloud":
      return {
        type: "cloud",
        organization: backend.organization,
        hostname: backend.hostname ?? "app.terraform.io",
        project: backend.project,
        workspaces: { ...DEFAULT_WORKSPACES, ...backend.workspaces },
      };
    case "s3":
      return {
        type: "s3",
        bucket: backend.bucket,
        region: backend.region,
        keyPrefix: backend.keyPrefix ?? "glue-cdktf",
        kmsKeyId: backend.kmsKeyId,
        roleArn: backend.roleArn,
      };
    case "local":
      return { type: "local", directory: backend.directory ?? "terraform-state" };
  }
}

function resolveSource(source: ConfigInput["source"]): SourceConfig {
  return { ...source, branch: source.branch ?? "main" };
}

function isDirectory(dir: string): boolean {
  return fs.existsSync(dir) && fs.statSync(dir).isDirectory();
}
