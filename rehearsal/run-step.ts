/**
 * Runs one CodeBuild action of the synthesized pipeline as CodeBuild would: in a fresh copy of its input
 * artifact, with its buildspec's variables and secrets, its action's variables, and the credentials of
 * its own role (served as a container's credentials), its commands in one bash session, stopping at the
 * first that fails. Install commands that need the internet are replaced by the local tools and listed.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ARTIFACTS } from "../stacks/pipeline/constants";
import { installTerraform, NPM_CI } from "../stacks/pipeline/step-commands";
import { serveContainerCredentials } from "./container-credentials";
import type { AwsCredentials, Emulator } from "./emulator/emulator";
import { resolvePipelineVariables, type PipelineAction } from "./pipeline-definition";

type CodeBuildAction = Extract<PipelineAction, { kind: "codebuild" }>;

/** Commands the rehearsal does not run, and why: each is named in the report. */
const NOT_REHEARSED = new Map<string, string>([
  ...installTerraform().map((command): [string, string] => [command, "the Terraform download (the local terraform runs instead)"]),
  [NPM_CI, "npm ci (node_modules is linked from the project)"],
  ["npm test", "npm test (the rehearsal runs inside it)"],
]);

/** Commands left out by what they call: the emulator does not have it (emulator-gaps.ts). */
const NOT_REHEARSED_CALLS: readonly [RegExp, string][] = [
  [/aws codecommit post-comment-for-pull-request/, "posting the summary on the pull request (moto has no CodeCommit pull requests; the comment's body is plan-review/summary.md, which the step wrote)"],
];

function notRehearsedReason(command: string): string | undefined {
  return NOT_REHEARSED.get(command) ?? NOT_REHEARSED_CALLS.find(([pattern]) => pattern.test(command))?.[1];
}

/** Directories of a copied artifact that a fresh CodeBuild container would not have. */
const LEFT_BEHIND = new Set([".terraform", "terraform-state"]);
/** The source artifact is the repository: no synthesized output in it. */
const NOT_IN_SOURCE = new Set([...LEFT_BEHIND, "cdktf.out"]);

export interface StepRunContext {
  readonly emulator: Emulator;
  readonly accountId: string;
  readonly region: string;
  /** Administrator credentials in the pipeline account: the rehearsal assumes each step's role with them. */
  readonly admin: AwsCredentials;
  /** Steps' directories go here: <runDir>/<stage>/{src,home,step.log}. */
  readonly runDir: string;
  /** Artifact name to the directory that holds it; a step's outputs are added. */
  readonly artifacts: Map<string, string>;
  /** Pipeline variables such as `codepipeline.PipelineExecutionId`. */
  readonly pipelineVariables: Readonly<Record<string, string>>;
  /** Tools and emulator settings every step gets (terraform's CLI config, the endpoint, the CA bundle, PATH). */
  readonly toolEnv: Readonly<Record<string, string>>;
}

export interface StepResult {
  readonly name: string;
  readonly result: "passed" | "failed";
  readonly seconds: number;
  /** What ran, in a few words. */
  readonly ran: string;
  readonly notRehearsed: readonly string[];
  readonly error?: string;
  /** The buildspec's exported variables as the build left them. */
  readonly exported: Readonly<Record<string, string>>;
  readonly roleArn: string;
  /** Calls the step made are those with fromSeq < seq <= toSeq. */
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly logFile: string;
}

export async function runCodeBuildStep(action: CodeBuildAction, ctx: StepRunContext): Promise<StepResult> {
  const started = Date.now();
  const stepDir = join(ctx.runDir, action.stage);
  const srcDir = join(stepDir, "src");
  const home = join(stepDir, "home");
  const logFile = join(stepDir, "step.log");
  rmSync(stepDir, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  const input = ctx.artifacts.get(action.inputs[0]);
  if (!input) throw new Error(`${action.stage}: its input artifact ${action.inputs[0]} was not produced by an earlier step`);
  const leftBehind = action.inputs[0] === ARTIFACTS.source ? NOT_IN_SOURCE : LEFT_BEHIND;
  cpSync(input, srcDir, { recursive: true, verbatimSymlinks: true, filter: (source) => !leftBehind.has(basename(source)) });
  // The AWS config a CodeBuild image starts with: path-style S3 for the emulator; steps may append profiles.
  mkdirSync(join(home, ".aws"));
  writeFileSync(join(home, ".aws", "config"), "[default]\ns3 =\n  addressing_style = path\n");

  const roleArn = `arn:aws:iam::${ctx.accountId}:role/${action.roleName}`;
  const credentials = await ctx.emulator.assumeRole(roleArn, ctx.admin, `AWSCodeBuild-${action.projectName}`);
  // The step's own calls start after CodeBuild (here: the rehearsal) took its role's credentials.
  const fromSeq = ctx.emulator.lastSeq();
  const container = await serveContainerCredentials(credentials);
  const notRehearsed: string[] = [];
  try {
    const variables = Object.fromEntries(
      Object.entries(action.actionVariables).map(([name, value]) => [name, resolvePipelineVariables(value, ctx.pipelineVariables)]),
    );
    const baseEnv: Record<string, string> = {
      ...action.buildSpec.variables,
      ...variables,
      ...container.env,
      AWS_REGION: ctx.region,
      AWS_DEFAULT_REGION: ctx.region,
      CODEBUILD_SRC_DIR: srcDir,
      CODEBUILD_BUILD_ID: `${action.projectName}:${ctx.pipelineVariables["codepipeline.PipelineExecutionId"]}`,
      CODEBUILD_RESOLVED_SOURCE_VERSION: ctx.pipelineVariables["SourceVariables.CommitId"] ?? "",
      CODEBUILD_INITIATOR: `codepipeline/${action.projectName}`,
      CODEBUILD_BUILD_URL: `https://${ctx.region}.console.aws.amazon.com/codesuite/codebuild/projects/${action.projectName}/build/${action.projectName}:${action.stage}`,
      HOME: home,
      LANG: "C.UTF-8",
      // The rehearsal's own tools and endpoint win over the buildspec's (e.g. its plugin cache path).
      ...ctx.toolEnv,
    };
    const secrets = readSecrets(action.buildSpec.secrets, baseEnv);
    const env = { ...baseEnv, ...secrets };
    const rehearsed = (commands: readonly string[]) =>
      commands.filter((command) => {
        const why = notRehearsedReason(command);
        if (why) notRehearsed.push(why);
        return !why;
      });
    const commands = rehearsed([...action.buildSpec.install, ...action.buildSpec.build]);
    const postBuild = rehearsed(action.buildSpec.postBuild);
    const timeoutMs = action.timeoutMinutes * 60_000;
    const exportedFile = join(stepDir, "exported.json");
    let error = await runInBash(commands, { cwd: srcDir, env, logFile, timeoutMs, exported: { names: action.buildSpec.exportedVariables, file: exportedFile } });
    // post_build runs whether the build passed or failed, and is told which.
    const postError = postBuild.length
      ? await runInBash(postBuild, { cwd: srcDir, env: { ...env, CODEBUILD_BUILD_SUCCEEDING: error ? "0" : "1" }, logFile: `${logFile}.post`, timeoutMs })
      : undefined;
    error ??= postError;
    if (!error) error = collectOutputs(action, srcDir, stepDir, ctx.artifacts);
    return {
      name: action.stage,
      result: error ? "failed" : "passed",
      seconds: (Date.now() - started) / 1000,
      ran: `${commands.length} command(s) of ${action.projectName} as ${action.roleName}`,
      notRehearsed: [...new Set(notRehearsed)],
      error,
      exported: existsSync(exportedFile) ? (JSON.parse(readFileSync(exportedFile, "utf8")) as Record<string, string>) : {},
      roleArn,
      fromSeq,
      toSeq: ctx.emulator.lastSeq(),
      logFile,
    };
  } finally {
    await container.close();
  }
}

/** The buildspec's `secrets-manager` variables, read with the step's own credentials, as CodeBuild does. */
function readSecrets(secrets: Readonly<Record<string, string>>, env: Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, reference] of Object.entries(secrets)) {
    const [secretId, jsonKey] = reference.split(":");
    const read = spawnSync("aws", ["secretsmanager", "get-secret-value", "--secret-id", secretId, "--query", "SecretString", "--output", "text"], {
      env,
      encoding: "utf8",
    });
    if (read.status !== 0) throw new Error(`reading secret ${secretId} for ${name} failed: ${read.stderr.trim().split("\n").at(-1)}`);
    const text = read.stdout.replace(/\n$/, "");
    values[name] = jsonKey ? String(JSON.parse(text)[jsonKey]) : text;
  }
  return values;
}

interface BashRun {
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly logFile: string;
  readonly timeoutMs: number;
  /** After the last command, these variables' values are written to `file` as JSON (CodeBuild's exported variables). */
  readonly exported?: { readonly names: readonly string[]; readonly file: string };
}

/** Runs the commands in one bash session, as CodeBuild's buildspec 0.2 does; returns the first failure. */
function runInBash(commands: readonly string[], run: BashRun): Promise<string | undefined> {
  const exports = run.exported?.names.length
    ? [`node -e 'const o={}; for (const n of process.argv.slice(1)) o[n]=process.env[n] ?? ""; require("fs").writeFileSync(${JSON.stringify(run.exported.file)}, JSON.stringify(o))' ${run.exported.names.join(" ")}`]
    : [];
  const script = [
    ...commands.map((command, i) => [`echo "[rehearsal] Running command ${i + 1}: "${shellQuote(command)}`, command, `rc=$?; if [ $rc -ne 0 ]; then echo "[rehearsal] Command ${i + 1} exited with $rc"; exit $rc; fi`].join("\n")),
    ...exports,
  ].join("\n");
  const scriptFile = `${run.logFile}.sh`;
  writeFileSync(scriptFile, `${script}\n`);
  const log = createWriteStream(run.logFile);
  return new Promise((resolve) => {
    const child = spawn("bash", [scriptFile], { cwd: run.cwd, env: run.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), run.timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      log.end(() => {
        if (code === 0) return resolve(undefined);
        resolve(failureOf(run.logFile, signal ? `killed by ${signal} (timeout ${run.timeoutMs / 60_000} min)` : `exit code ${code}`));
      });
    });
  });
}

/** The failing command and the last lines it printed. */
function failureOf(logFile: string, how: string): string {
  // Without Terraform's colours, which a log file does not render.
  const lines = readFileSync(logFile, "utf8").replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  const start = lines.map((line) => line.startsWith("[rehearsal] Running command")).lastIndexOf(true);
  const command = start >= 0 ? lines[start].replace(/^\[rehearsal\] Running command \d+: /, "") : "(none)";
  const tail = lines.slice(Math.max(start + 1, lines.length - 15)).filter((line) => line.trim() && !line.startsWith("[rehearsal]"));
  return `${command}: ${how}\n${tail.join("\n")}`;
}

/** A step's output artifact: Build's is its whole directory; others keep the files their buildspec names. */
function collectOutputs(action: CodeBuildAction, srcDir: string, stepDir: string, artifacts: Map<string, string>): string | undefined {
  for (const output of action.outputs) {
    if (action.buildSpec.artifactFiles.includes("**/*")) {
      artifacts.set(output, srcDir);
      continue;
    }
    const dir = join(stepDir, "artifacts", output);
    mkdirSync(dir, { recursive: true });
    for (const file of action.buildSpec.artifactFiles) {
      const from = join(srcDir, file);
      if (!existsSync(from)) return `the buildspec's artifact file ${file} was not written`;
      cpSync(from, join(dir, file));
    }
    artifacts.set(output, dir);
  }
  return undefined;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
