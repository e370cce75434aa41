/**
 * The whole lifecycle, offline: synth as a person does on a laptop, bootstrap the `pipeline` stack as an
 * administrator, run the pipeline's own steps from its synthesized definition (Source, Build,
 * UpdatePipeline, DeployDev, IntegTest, PlanProd, Approval, DeployProd; then the pull-request check and the
 * drift check, before and after a change made out of band), check every AWS call each step
 * made against its role, then destroy everything and check that nothing is left.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { loadConfig, PROJECT_DIR } from "../stacks/config";
import { PIPELINE_NAME } from "../stacks/names";
import { stepResourceName } from "../stacks/pipeline/constants";
import { noticeTopicName } from "../stacks/pipeline/failure-notice";
import { DRIFT_CHECK_ID } from "../stacks/pipeline/drift-check-step";
import { PR_CHECK_ID } from "../stacks/pipeline/pr-check-step";
import { OUT_OF_BAND, rehearseDriftCheck, type RunCheck } from "./drift-steps";
import { emptyStackBuckets } from "./empty-bucket";
import { laptopDiff } from "./laptop-diff";
import { collectNotices, driftNoticeStep, jobFailureAlertStep, pipelineFailureAlertStep, subscribeNotices } from "./alert-steps";
import { ADMIN_ROLE_NAME, startEmulator, type Emulator } from "./emulator/emulator";
import { EMULATOR_GAPS } from "./emulator/emulator-gaps";
import { rehearsalGrantsUsed, type StepCalls } from "./grants-used";
import { GLUE_JOB_RUNS_ENV, rehearsalGlueJobRuns } from "./glue-job-runs-setting";
import { integTestReportFiles, readJobRuns } from "./integ-job-runs";
import { withS3Calls } from "./job-run-s3-calls";
import { jobOutputsStep, seedSampleDataStep } from "./job-run-steps";
import { projectResourcesLeft } from "./emulator/emulator-inventory";
import { checkStepPermissions, type PermissionFinding, type RoleUse } from "./permission-check";
import { pipelineActions, resolvePipelineVariables, scheduledBuild, type PipelineAction } from "./pipeline-definition";
import { judgeDataPlan, PULL_REQUEST_ARTIFACT, startPullRequestCheck } from "./pull-request-steps";
import { duplicatedRunOf, NO_DUPLICATED_RUN, qualityFailureAlertStep } from "./quality-alert-step";
import { createSourceRepository, exportSource, openPullRequest, type SourceRepository } from "./source-repository";
import { stateStep, type StateBucketRun } from "./state-steps";
import type { RehearsalReport, StepReport } from "./report";
import { OFFLINE_LOCK_MARKER, OFFLINE_LOCK_NOTE, writeOfflineTerraform } from "./offline-terraform";
import { runCodeBuildStep } from "./run-step";
import { applyStack, destroyStack } from "./terraform-run";
import { pointStackAtEmulator } from "./point-stack";
import { adaptationReport, type AppliedAdaptation } from "./provider-adaptations";
import { findTerraformTools, terraformEnv, type TerraformTools } from "./terraform-tools";
import { adminEnv, homeOf, topologyOf, type StackName, type Topology } from "./topology";
import { prepareWorkspace } from "./workspace";

type CodeBuildAction = Extract<PipelineAction, { kind: "codebuild" }>;

export interface RehearseOptions {
  readonly configFile: string;
  /** Leave the stacks applied and the run's files in place. @default false */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

interface Run {
  readonly tools: TerraformTools;
  readonly emulator: Emulator;
  readonly workDir: string;
  readonly topology: Topology;
  readonly log: (line: string) => void;
  readonly steps: StepReport[];
  readonly findings: PermissionFinding[];
  readonly roles: RoleUse[];
  /** The calls of each pipeline step and destroy, for granted against used. */
  readonly stepCalls: StepCalls[];
  readonly changes: Set<string>;
  readonly adaptations: AppliedAdaptation[];
}

export async function rehearse(options: RehearseOptions): Promise<RehearsalReport | { skipped: string }> {
  const log = options.log ?? ((line: string) => console.log(line));
  const tools = findTerraformTools();
  if ("missing" in tools) return { skipped: tools.missing };
  const started = Date.now();
  const workDir = mkdtempSync(join(tmpdir(), "glue-rehearsal-"));
  log(`rehearsal: terraform ${tools.terraformVersion}, AWS provider ${tools.provider.version} (${tools.provider.foundBy}); files in ${workDir}`);
  // Each Glue job run runs its script on local Spark, unless REHEARSAL_GLUE_JOB_RUNS=moto.
  const glueJobRuns = rehearsalGlueJobRuns();
  const emulator = await startEmulator({ workDir, glueJobRuns });
  log(`rehearsal: emulator on ${emulator.endpoint}${emulator.glueRunsDir ? `; Glue job runs on local Spark, each in a folder under ${emulator.glueRunsDir}` : ""}`);
  const steps: StepReport[] = [];
  try {
    const synthStart = Date.now();
    const workspace = await prepareWorkspace({ configFile: options.configFile, dir: join(workDir, "project"), stateDir: join(workDir, "state"), asDefaultConfig: true });
    const topology = topologyOf(workspace.configFile);
    const run: Run = { tools, emulator, workDir, topology, log, steps, findings: [], roles: [], stepCalls: [], changes: new Set(), adaptations: [] };
    prepareStacks(run, workspace.outDir);
    record(run, { name: "Synth (laptop)", result: "passed", seconds: (Date.now() - synthStart) / 1000, ran: "node main.ts with the config, backend local", notRehearsed: [] });
    const config = loadConfig(workspace.configFile);
    const repository = createSourceRepository({ workspaceDir: workspace.dir, dir: join(workDir, "git"), branch: config.source.branch });
    const state: StateBucketRun = { emulator, config, topology, fromSeq: emulator.lastSeq() };
    if (config.backend.type === "s3") record(run, await stateStep(state, "create"));
    if (glueJobRuns === "local-spark") record(run, await seedSampleDataStep(emulator, config, workDir));
    else run.changes.add(`Glue job runs are moto's (${GLUE_JOB_RUNS_ENV}=moto): each SUCCEEDED at once, no script ran`);

    const bootstrapped = await terraformStep(run, "Bootstrap: apply pipeline (administrator)", "pipeline", workspace.outDir, "apply");
    const executionId = randomUUID();
    if (bootstrapped) await runPipeline(run, repository, workspace.outDir, executionId);
    if (bootstrapped && config.backend.type === "s3") record(run, await stateStep(state, "check"));
    const integTest = integTestReportFiles(pipelineActions(JSON.parse(readFileSync(join(workspace.outDir, "stacks", "pipeline", "cdk.tf.json"), "utf8"))), join(workDir, "steps"));
    const jobRuns = withS3Calls(integTest ? readJobRuns(integTest.files) : [], emulator.glueRunsDir);
    if (glueJobRuns === "local-spark" && steps.some((s) => s.name === integTest?.stage && s.result === "passed")) record(run, await jobOutputsStep(emulator, config, workDir, log));
    // Alerts followed to a subscriber, once everything is deployed: a failed job run, a failed data-quality rule, a failed execution, and successes that send none.
    const deployed = bootstrapped && steps.every((s) => s.result === "passed");
    const notRun = (name: string, why: string) => record(run, { name, result: "not run", seconds: 0, ran: why, notRehearsed: [] });
    if (deployed && glueJobRuns === "local-spark") record(run, await jobFailureAlertStep(emulator, config, topology.stages.dev, workDir));
    else notRun("JobFailureAlert", deployed ? `Glue job runs are moto's (${GLUE_JOB_RUNS_ENV}=moto): no run fails, none sends an event` : "an earlier step failed");
    const duplicated = glueJobRuns === "local-spark" ? duplicatedRunOf(config) : undefined;
    if (deployed && duplicated) record(run, await qualityFailureAlertStep(emulator, duplicated, topology.stages.dev, workDir));
    else if (glueJobRuns === "local-spark" && !duplicated) run.changes.add(NO_DUPLICATED_RUN);
    else notRun("QualityFailureAlert", deployed ? `Glue job runs are moto's (${GLUE_JOB_RUNS_ENV}=moto): no rule is evaluated` : "an earlier step failed");
    if (deployed) record(run, await pipelineFailureAlertStep(emulator, topology.pipeline, executionId, workDir));
    else notRun("PipelineFailureAlert", "an earlier step failed");
    // A person's `npm run diff` after changing the config, against what the pipeline deployed.
    if (bootstrapped && steps.every((s) => s.result === "passed")) {
      run.log("rehearsal: npm run diff after a change to the config (administrator)");
      record(run, await laptopDiff({ ...run, projectDir: workspace.dir, configFile: workspace.configFile, terraformBin: join(workDir, "bin") }));
    }
    if (!options.keep) await destroyAll(run, lastOutDir(run, workspace.outDir));
    if (!options.keep && config.backend.type === "s3") record(run, await stateStep(state, "delete"));
    if (!options.keep) await nothingLeft(run);
    const grantsUsed = await rehearsalGrantsUsed(lastOutDir(run, workspace.outDir), run.stepCalls);
    return {
      passed: steps.every((s) => s.result === "passed") && run.findings.length === 0,
      config: options.configFile,
      steps,
      emulatorGaps: EMULATOR_GAPS,
      adaptations: adaptationReport(run.adaptations),
      permissionFindings: run.findings,
      roles: run.roles,
      grantsUsed,
      rehearsalChanges: [...run.changes],
      ...(jobRuns.length > 0 ? { jobRuns } : {}),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await emulator.stop();
    if (options.keep) log(`rehearsal: stacks and files kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Points every synthesized stack at the emulator, with the provider pin the local mirror has: in this copy only. */
function prepareStacks(run: Run, outDir: string): void {
  for (const stack of readdirSync(join(outDir, "stacks"))) {
    const { pin, adaptations } = pointStackAtEmulator(join(outDir, "stacks", stack), run.emulator, run.tools.provider.version);
    if (pin) run.changes.add(`AWS provider pin ${pin.from} -> ${pin.to} (the local mirror's version)`);
    run.adaptations.push(...adaptations);
    run.changes.add(`emulator_override.tf.json next to each stack: endpoints, path-style S3, the run's CA`);
  }
}

function record(run: Run, step: StepReport): void {
  run.steps.push(step);
  run.log(`rehearsal: ${step.name}: ${step.result} in ${step.seconds.toFixed(1)} s${step.error ? `\n${step.error.split("\n").map((l) => `  ${l}`).join("\n")}` : ""}`);
}

async function terraformStep(run: Run, name: string, stack: StackName, outDir: string, verb: "apply" | "destroy"): Promise<boolean> {
  const step = await terraformRun(run, name, stack, outDir, verb);
  record(run, step);
  return step.result === "passed";
}

/** A stack applied or destroyed as its administrator; `pluginCacheDir` for a run beside others (see ownPluginCache). */
async function terraformRun(run: Run, name: string, stack: StackName, outDir: string, verb: "apply" | "destroy", pluginCacheDir?: string): Promise<StepReport> {
  run.log(`rehearsal: ${name}`);
  const env = { ...(await adminEnv(run.emulator, run.workDir, run.tools, stack, run.topology)), ...(pluginCacheDir ? { TF_PLUGIN_CACHE_DIR: pluginCacheDir } : {}) };
  const fromSeq = run.emulator.lastSeq();
  const result = await (verb === "apply" ? applyStack : destroyStack)({ tools: run.tools, stackDir: join(outDir, "stacks", stack), env, name: stack, onProgress: run.log });
  // The administrator's calls in the stack's account while it ran: prod-glue and dev-glue are destroyed side by side, so in one
  // account each is credited with the other's calls too, which are the same actions on the same resource types.
  if (verb === "destroy") run.stepCalls.push({ step: name, calls: run.emulator.readCalls(fromSeq).filter((c) => c.roleArn?.endsWith(`/${ADMIN_ROLE_NAME}`) && homeOf(run.topology, stack).accountId === c.accountId) });
  return { name, result: result.ok ? "passed" : "failed", seconds: result.seconds, ran: `terraform ${verb} of ${stack}`, notRehearsed: [], error: result.error, logFile: result.logFile };
}

/**
 * A plugin cache of its own for a Terraform run beside others: hard links to the shared cache's files
 * (no copy), since Terraform does not make its plugin cache safe for concurrent inits
 * (https://developer.hashicorp.com/terraform/cli/config/config-file#provider-plugin-cache).
 */
function ownPluginCache(run: Run, name: string): string {
  const shared = terraformEnv(run.tools, run.workDir).TF_PLUGIN_CACHE_DIR;
  const own = `${shared}-${name}`;
  rmSync(own, { recursive: true, force: true });
  execFileSync("cp", ["-al", shared, own]);
  return own;
}

/** Runs the pipeline's stages in their synthesized order; a failed step stops the pipeline, as CodePipeline does. */
async function runPipeline(run: Run, repository: SourceRepository, bootstrapOutDir: string, executionId: string): Promise<void> {
  const stack = JSON.parse(readFileSync(join(bootstrapOutDir, "stacks", "pipeline", "cdk.tf.json"), "utf8"));
  const actions = pipelineActions(stack);
  const { pipeline } = run.topology;
  const admin = await run.emulator.adminCredentials(pipeline.accountId);
  // The Source action's artifact: the branch's files (CODE_ZIP) from the rehearsal's repository.
  const sourceDir = join(run.workDir, "source");
  const pipelineVariables: Record<string, string> = { "codepipeline.PipelineExecutionId": executionId, "SourceVariables.CommitId": exportSource(repository, sourceDir) };
  const artifacts = new Map<string, string>();
  const terraform = terraformEnv(run.tools, run.workDir);
  const toolEnv = {
    PATH: [writeOfflineTerraform(run.tools, join(run.workDir, "bin"), run.emulator), join(PROJECT_DIR, ".venv", "bin"), dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(delimiter),
    TF_CLI_CONFIG_FILE: terraform.TF_CLI_CONFIG_FILE,
    TF_PLUGIN_CACHE_DIR: terraform.TF_PLUGIN_CACHE_DIR,
    AWS_ENDPOINT_URL: run.emulator.endpoint,
    AWS_CA_BUNDLE: run.emulator.caBundle,
    NODE_EXTRA_CA_CERTS: run.emulator.caBundle,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_PAGER: "",
  };
  /** Runs the action as its role; `judge` (from its step directory and calls) may fail a step that itself passed, and explains one that failed. */
  const codeBuild = async (action: CodeBuildAction, variables: Readonly<Record<string, string>>, judge?: Parameters<RunCheck>[1]): Promise<boolean> => {
    const name = action.stage;
    run.log(`rehearsal: ${name}: ${action.projectName} as ${action.roleName}`);
    const result = await runCodeBuildStep(action, {
      emulator: run.emulator,
      accountId: pipeline.accountId,
      region: pipeline.region,
      admin,
      runDir: join(run.workDir, "steps"),
      artifacts,
      pipelineVariables: variables,
      toolEnv,
    });
    // Build's output is what every later step deploys: point it at the emulator, as the bootstrap's copy is.
    if (result.result === "passed" && action.outputs.includes("build")) prepareStacks(run, join(artifacts.get("build")!, "cdktf.out"));
    // Later actions read its exported variables through its namespace, e.g. #{PlanProdVariables.PLAN_HEADLINE}.
    for (const [variable, value] of Object.entries(result.exported)) if (action.namespace) pipelineVariables[`${action.namespace}.${variable}`] = value;
    const calls = run.emulator.readCalls(result.fromSeq).filter((c) => c.seq <= result.toSeq);
    const permissions = checkStepPermissions(name, result.roleArn, calls);
    run.findings.push(...permissions.findings);
    run.roles.push(...permissions.roles);
    run.stepCalls.push({ step: name, calls });
    const notRehearsed = readFileSync(result.logFile, "utf8").includes(OFFLINE_LOCK_MARKER) ? [...result.notRehearsed, OFFLINE_LOCK_NOTE] : result.notRehearsed;
    // Judged whether it passed or not: on a failure the judge's words say what the step itself found.
    const problem = judge?.(join(run.workDir, "steps", name), calls);
    const error = [result.error, problem].filter(Boolean).join("\n") || undefined;
    record(run, { name, result: problem ? "failed" : result.result, seconds: result.seconds, ran: result.ran, notRehearsed, error, logFile: result.logFile });
    return result.result === "passed" && !problem;
  };
  let stopped = false;
  for (const action of actions) {
    const name = action.stage;
    if (stopped) {
      record(run, { name, result: "not run", seconds: 0, ran: "an earlier step failed", notRehearsed: [] });
      continue;
    }
    if (action.kind === "source") {
      artifacts.set("source", sourceDir);
      const commit = pipelineVariables["SourceVariables.CommitId"].slice(0, 12);
      record(run, { name, result: "passed", seconds: 0, ran: `${repository.branch} at ${commit} from the rehearsal's git repository (CODE_ZIP)`, notRehearsed: [`${action.provider} itself: the branch comes from a local git repository`] });
      continue;
    }
    if (action.kind === "approval") {
      // What the approver reads: every variable resolved, within CodePipeline's 500 characters.
      const text = resolvePipelineVariables(action.customData, pipelineVariables);
      run.log(`rehearsal: ${name}: ${text}`);
      const problem = /#\{/.test(text) ? "the approval's text names a variable no earlier action set" : text.length > 500 ? `the approval's text is ${text.length} characters; CodePipeline allows 500` : undefined;
      record(run, { name, result: problem ? "failed" : "passed", seconds: 0, ran: "approved by the rehearsal", notRehearsed: ["a person's approval"], error: problem && `${problem}: ${text}` });
      stopped = !!problem;
      continue;
    }
    if (!(await codeBuild(action, pipelineVariables))) stopped = true;
  }

  // A pull request, as its EventBridge rule starts the check: on the source, with the ids its target passes;
  // after DeployProd, so that every stack exists and each plan refreshes all of it through the plan roles.
  // The pull request changes a job's script, so its data plan has something to show.
  const pr = openPullRequest(repository, join(run.workDir, PULL_REQUEST_ARTIFACT));
  const check = startPullRequestCheck(stack, stepResourceName(PR_CHECK_ID), loadConfig(join(sourceDir, "default-config.yaml")).source, pr, pipeline.accountId);
  if (!check) return;
  if (stopped) {
    record(run, { name: check.action.stage, result: "not run", seconds: 0, ran: "an earlier step failed", notRehearsed: [] });
    return;
  }
  run.log(`rehearsal: pull request ${pr.branch} (${pr.changedFile}) into ${pr.targetBranch}, started as ${check.startedBy} would`);
  artifacts.set(PULL_REQUEST_ARTIFACT, pr.checkoutDir);
  if (!(await codeBuild(check.action, { ...pipelineVariables, ...check.variables }, (stepDir) => judgeDataPlan(stepDir)))) return;

  // The drift check, as its schedule starts it: a change made out of band is found and named; after a re-apply, nothing.
  if (!scheduledBuild(stack, stepResourceName(DRIFT_CHECK_ID), "DriftCheck")) return;
  // A subscriber on the notice topic for both checks: the drift found must reach it, once.
  const driftStarted = Date.now();
  const noticeTopicArn = `arn:aws:sns:${pipeline.region}:${pipeline.accountId}:${noticeTopicName(PIPELINE_NAME)}`;
  const notices = await subscribeNotices(run.emulator, pipeline, noticeTopicArn, "rehearsal-drift-notices", run.workDir);
  await rehearseDriftCheck({
    emulator: run.emulator,
    devAccount: run.topology.stages.dev,
    runCheck: (stage, judge) => codeBuild(scheduledBuild(stack, stepResourceName(DRIFT_CHECK_ID), stage)!, pipelineVariables, judge),
    reapplyDev: () => terraformStep(run, "Re-apply dev-glue (administrator)", "dev-glue", lastOutDir(run, bootstrapOutDir), "apply"),
    log: run.log,
  });
  record(run, driftNoticeStep(await collectNotices(run.emulator, notices, run.workDir), driftStarted, { job: OUT_OF_BAND.job, attribute: "number_of_workers" }));
}

/** Build's synth when Build ran, else the laptop's: both point at the same state. */
function lastOutDir(run: Run, bootstrapOutDir: string): string {
  const built = join(run.workDir, "steps", "Build", "src", "cdktf.out");
  return existsSync(join(built, "stacks", "pipeline")) ? built : bootstrapOutDir;
}

/** Tears everything down as a person would: empty the buckets of what Terraform does not manage, destroy in reverse. */
async function destroyAll(run: Run, outDir: string): Promise<void> {
  const destroyOne = async (stack: StackName, pluginCacheDir?: string) => {
    const home = homeOf(run.topology, stack);
    const admin = await run.emulator.adminCredentials(home.accountId);
    await emptyStackBuckets(run.emulator, admin, join(outDir, "stacks", stack), home.region);
    return terraformRun(run, `Destroy ${stack} (administrator)`, stack, outDir, "destroy", pluginCacheDir);
  };
  // The two stages share nothing, so their destroys run side by side, each with a plugin cache of its own;
  // they are recorded in the order a person would run them. The pipeline goes last.
  const [prod, dev] = await Promise.all((["prod-glue", "dev-glue"] as const).map((stack) => destroyOne(stack, ownPluginCache(run, stack))));
  record(run, prod);
  record(run, dev);
  record(run, await destroyOne("pipeline"));
}

/** The emulator's inventory once everything is destroyed, the s3 backend's state bucket included. */
async function nothingLeft(run: Run): Promise<void> {
  const started = Date.now();
  const left = await projectResourcesLeft(run.emulator, run.topology.accounts);
  record(run, {
    name: "Nothing of the project left",
    result: left.length === 0 ? "passed" : "failed",
    seconds: (Date.now() - started) / 1000,
    ran: "the emulator's inventory of the topology's accounts",
    notRehearsed: [],
    error: left.length === 0 ? undefined : left.map((r) => `${r.service} ${r.type} ${r.name} (${r.account} ${r.region})`).join("\n"),
  });
}
