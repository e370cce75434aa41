/** Turns a schema-valid config into the typed `AppConfig`: merges stage overrides, applies defaults, checks across keys and files. */
import * as path from "path";
import { STAGE_NAMES, StageName } from "../constants/glue";
import { artifactBucketName, glueStackName, roleBoundaryArn, stageBucketName, stageDatabaseName } from "../names";
import { accountProblems } from "./check-accounts";
import { libraryProblem, scriptsDirProblem } from "./check-files";
import type { ConfigProblem } from "./config-error";
import { resolveStageJobs } from "./resolve-jobs";
import { ConfigInput, MAX_CONFIG_TAGS } from "./schema";
import { DEFAULT_BYTES_SCANNED_CUTOFF } from "./schema-orchestration";
import type { AppConfig, AwsAccount, BackendConfig, SourceConfig, StageConfig } from "./types";

const DEFAULT_WORKSPACES = { pipeline: "glue-pipeline", "dev-glue": "glue-dev", "prod-glue": "glue-prod" };
const DEFAULT_TERRAFORM_TOKEN_SECRET = "glue-cdktf/terraform-token";
/** Every day at 06:00 UTC: drift found overnight is in the morning's mail. */
const DEFAULT_DRIFT_SCHEDULE = "cron(0 6 * * ? *)";
/** USD: ten times what the default job (2 × G.1X for its 60-minute timeout, STANDARD) could cost. */
const DEFAULT_COST_CEILING_PER_RUN = 10;

export function resolveConfig(
  input: ConfigInput,
  file: string,
  projectDir: string,
): { config?: AppConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [...accountProblems(input)];
  const jobScriptsDir = input.jobScriptsDir ? path.resolve(path.dirname(file), input.jobScriptsDir) : path.join(projectDir, "job_scripts");
  const dirProblem = scriptsDirProblem(jobScriptsDir);
  if (dirProblem) return { problems: [...problems, { path: "jobScriptsDir", message: dirProblem }] };
  const pythonLibraries = input.pythonLibraries ?? [];
  pythonLibraries.forEach((library, i) => {
    const problem = libraryProblem(jobScriptsDir, library);
    if (problem) problems.push({ path: `pythonLibraries.${i}`, message: problem });
  });
  const backend = resolveBackend(input.backend, problems);

  const accounts: Record<StageName, AwsAccount> = { dev: input.devAccount, prod: input.prodAccount };
  const buckets = Object.fromEntries(STAGE_NAMES.map((stage) => [stage, stageBucketName(stage, accounts[stage])])) as Record<StageName, string>;
  const stages = {} as Record<StageName, StageConfig>;
  for (const stage of STAGE_NAMES) {
    const stageInput = input.stages[stage];
    const account = accounts[stage];
    const allowFlex = stageInput.allowFlex ?? stage === "dev";
    const tagCount = Object.keys({ ...input.tags, ...stageInput.tags }).length;
    if (tagCount > MAX_CONFIG_TAGS) {
      problems.push({
        path: `stages.${stage}.tags`,
        message: `found ${tagCount} tags with the top-level tags; at most ${MAX_CONFIG_TAGS} fit, because AWS allows 50 per resource and the stacks add up to 7 of their own`,
      });
    }
    const protectedBuckets: Record<string, string> = {
      [artifactBucketName(input.pipelineAccount)]: "the pipeline's artifact bucket",
      ...Object.fromEntries(STAGE_NAMES.filter((other) => other !== stage).map((other) => [buckets[other], `the ${other} stage's bucket`])),
      ...(backend.type === "s3" ? { [backend.bucket]: "the Terraform state bucket" } : {}),
    };
    const jobs = resolveStageJobs(input.jobs ?? {}, stageInput.jobs ?? {}, {
      stage,
      jobScriptsDir,
      allowFlex,
      stageBucket: buckets[stage],
      protectedBuckets,
      placeholders: { stageBucket: buckets[stage] },
      databaseName: stageDatabaseName(stage),
      qualityOnFailure: stageInput.quality?.onFailure,
    }, problems);
    stages[stage] = {
      name: stage,
      stackName: glueStackName(stage),
      account,
      deployRoleArn: stageInput.deployRoleArn,
      allowFlex,
      roleBoundaryArn: stageInput.roleBoundary === false ? undefined : roleBoundaryArn(stage, account),
      bucketName: buckets[stage],
      schedule: stageInput.schedule,
      databaseName: stageDatabaseName(stage),
      athena: { bytesScannedCutoffPerQuery: stageInput.athena?.bytesScannedCutoffPerQuery ?? DEFAULT_BYTES_SCANNED_CUTOFF },
      tags: stageInput.tags ?? {},
      jobs,
      alerts: { email: asList(stageInput.alerts?.email), https: asList(stageInput.alerts?.https) },
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
      backend,
      source: resolveSource(input.source),
      pullRequests: { enabled: input.pullRequests?.enabled ?? true, targetBranch: input.pullRequests?.targetBranch ?? input.source.branch ?? "main" },
      pipeline: {
        terraformTokenSecret: input.pipeline?.terraformTokenSecret ?? DEFAULT_TERRAFORM_TOKEN_SECRET,
        terraformPlanTokenSecret: input.pipeline?.terraformPlanTokenSecret ?? input.pipeline?.terraformTokenSecret ?? DEFAULT_TERRAFORM_TOKEN_SECRET,
        notificationEmail: input.pipeline?.notificationEmail,
        driftCheck: {
          enabled: input.pipeline?.driftCheck?.enabled ?? true,
          schedule: input.pipeline?.driftCheck?.schedule ?? DEFAULT_DRIFT_SCHEDULE,
        },
      },
      tags: input.tags ?? {},
      jobScriptsDir,
      pythonLibraries,
      dataPlan: { costCeilingPerRun: input.dataPlan?.costCeilingPerRun ?? DEFAULT_COST_CEILING_PER_RUN },
      stages,
    },
  };
}

function resolveBackend(backend: ConfigInput["backend"], problems: ConfigProblem[]): BackendConfig {
  switch (backend.type) {
    case "cloud": {
      const workspaces = { ...DEFAULT_WORKSPACES, ...backend.workspaces };
      const owners = new Map<string, string>();
      for (const [stack, workspace] of Object.entries(workspaces)) {
        const other = owners.get(workspace.toLowerCase());
        if (other) {
          problems.push({
            path: `backend.workspaces.${stack}`,
            message: `found ${workspace}, the workspace of ${other} too: both stacks would share one state and overwrite each other; expected a workspace per stack, for example glue-${stack.replace(/-glue$/, "")}`,
          });
        }
        owners.set(workspace.toLowerCase(), stack);
      }
      return { type: "cloud", organization: backend.organization, hostname: backend.hostname ?? "app.terraform.io", project: backend.project, workspaces };
    }
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
  const branch = source.branch ?? "main";
  return source.type === "codestar" ? { ...source, branch, provider: source.provider ?? "github" } : { ...source, branch };
}

function asList<T>(value: T | readonly T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? [...new Set(value as T[])] : [value as T];
}
