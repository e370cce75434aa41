/**
 * Glue's worker types, FLEX rules and job run states live once (stacks/constants/); the config and the
 * acceptance rules read them, and AWS's own API model (the SDK generated from it) names the same values.
 */
import { ExecutionClass, JobRunState, WorkerType as SdkWorkerType } from "@aws-sdk/client-glue";
import { execFileSync } from "child_process";
import { glueExecutionClass } from "../stacks/acceptance/rules/glue-execution-class";
import { glueWorkerType } from "../stacks/acceptance/rules/glue-worker-type";
import { ConfigError, loadConfig } from "../stacks/config";
import { EXECUTION_CLASSES } from "../stacks/constants/glue";
import { FINAL_JOB_RUN_STATES, GLUE_JOB_RUN_STATES, isFinalJobRunState, JOB_RUN_STATES } from "../stacks/constants/glue-job-run-states";
import { ETL_WORKER_TYPES, FLEX_RULES, FLEX_WORKER_TYPES, GLUE_WORKER_TYPES, STREAMING_ONLY_WORKER_TYPES, WORKER_TYPES } from "../stacks/constants/glue-worker-types";
import { FINAL_STATES } from "../integ/wait-for-run";
import { EMULATOR_DIR } from "../rehearsal/emulator/emulator";
import { VENV_PYTHON } from "../rehearsal/emulator/moto-server";
import { baseConfig, writeTempProject } from "../testkit/temp-project";
import { runOne } from "./acceptance/fixtures";

const NAMES = Object.keys(GLUE_WORKER_TYPES);
const sorted = (values: Iterable<string>) => [...values].sort();

describe("GLUE_WORKER_TYPES", () => {
  it("names the worker types of Glue's API model, no more and no fewer", () => {
    expect(sorted(NAMES)).toEqual(sorted(Object.values(SdkWorkerType)));
    expect(sorted(EXECUTION_CLASSES)).toEqual(sorted(Object.values(ExecutionClass)));
  });

  it("sizes each worker in DPUs of 4 vCPUs and 16 GB, or M-DPUs of 4 vCPUs and 32 GB (R types, Z.2X)", () => {
    for (const [name, w] of Object.entries(GLUE_WORKER_TYPES)) {
      if (name === "G.025X") {
        expect([w.dpu, w.vcpus, w.memoryGb]).toEqual([0.25, 2, 4]); // the streaming worker: its own shape
        continue;
      }
      expect([name, w.vcpus]).toEqual([name, 4 * w.dpu]);
      expect([name, w.memoryGb]).toEqual([name, (/^[RZ]\./.test(name) ? 32 : 16) * w.dpu]);
    }
  });

  it("derives the config's lists: Spark worker types but the legacy one, streaming-only G.025X, FLEX on G.1X and G.2X", () => {
    expect(WORKER_TYPES).toEqual(["G.025X", "G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X", "R.4X", "R.8X"]);
    expect(ETL_WORKER_TYPES).toEqual(WORKER_TYPES.filter((t) => t !== "G.025X"));
    expect(STREAMING_ONLY_WORKER_TYPES).toEqual(["G.025X"]);
    expect(FLEX_WORKER_TYPES).toEqual(["G.1X", "G.2X"]);
    expect(FLEX_RULES).toEqual({ commands: ["glueetl"], minGlueVersion: "3.0", workerTypes: ["G.1X", "G.2X"] });
  });
});

describe("the config and the acceptance rules read the same table", () => {
  const glueJob = (workerType: string, extra: Record<string, unknown> = {}) => ({
    name: `dev-${workerType}`,
    command: { name: "glueetl", script_location: "s3://b/a.py" },
    glue_version: "5.1",
    worker_type: workerType,
    ...extra,
  });
  const idOf = (workerType: string) => workerType.replace(".", "_");

  it("glue-worker-type accepts on a Glue 5.1 glueetl job exactly the worker types whose commands include glueetl", () => {
    const findings = runOne(glueWorkerType, { aws_glue_job: Object.fromEntries(NAMES.map((t) => [idOf(t), glueJob(t)])) });
    const refused = sorted(new Set(findings.map((f) => f.address.replace("aws_glue_job.", ""))));
    const notEtl = NAMES.filter((t) => !(GLUE_WORKER_TYPES as Record<string, { commands: readonly string[] }>)[t].commands.includes("glueetl"));
    expect(refused).toEqual(sorted(notEtl.map(idOf)));
  });

  it("glue-worker-type asks for each worker type's first Glue version", () => {
    for (const [name, w] of Object.entries(GLUE_WORKER_TYPES)) {
      if (!("minGlueVersion" in w) || !w.commands.includes("glueetl" as never)) continue;
      const before = (Number.parseFloat(w.minGlueVersion) - 1).toFixed(1);
      const findings = runOne(glueWorkerType, { aws_glue_job: { j: glueJob(name, { glue_version: before }) } });
      expect(findings.map((f) => f.message)).toEqual([`worker_type "${name}" needs Glue ${w.minGlueVersion} or later, not ${before}`]);
    }
  });

  it("glue-execution-class accepts FLEX exactly on FLEX_RULES.workerTypes", () => {
    const findings = runOne(glueExecutionClass, { aws_glue_job: Object.fromEntries(NAMES.map((t) => [idOf(t), glueJob(t, { execution_class: "FLEX" })])) });
    const accepted = NAMES.filter((t) => !findings.some((f) => f.address === `aws_glue_job.${idOf(t)}`));
    expect(accepted).toEqual([...FLEX_RULES.workerTypes]);
  });

  /** The config's problems with one FLEX job (on dev and prod) per worker type named. */
  function configProblems(workerTypes: readonly string[]): string[] {
    const config = baseConfig();
    const template = config.jobs.JoinLegislators;
    config.jobs = Object.fromEntries(
      workerTypes.map((t) => [`J${idOf(t)}`, { ...structuredClone(template), workerType: t, executionClass: "FLEX", outputs: { output_path: `s3://{stageBucket}/output/${idOf(t)}/` } }]),
    );
    config.stages = { dev: { jobs: {}, allowFlex: true }, prod: { jobs: {}, allowFlex: true } };
    try {
      loadConfig(writeTempProject(config));
      return [];
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    }
  }

  it("the config's schema offers WORKER_TYPES and no other worker type", () => {
    const problems = configProblems(NAMES);
    const refused = NAMES.filter((t) => problems.some((p) => p.startsWith(`jobs.J${idOf(t)}.workerType: "${t}" is not a known`)));
    expect(refused).toEqual(NAMES.filter((t) => !(WORKER_TYPES as readonly string[]).includes(t)));
  });

  it("the config refuses G.025X for these ETL jobs, and FLEX where glue-execution-class would", () => {
    const problems = configProblems(WORKER_TYPES);
    const streaming = WORKER_TYPES.filter((t) => problems.some((p) => p.startsWith(`jobs.J${idOf(t)}.workerType: found ${t}, which Glue runs only for streaming jobs`)));
    expect(streaming).toEqual([...STREAMING_ONLY_WORKER_TYPES]);
    const flexRefused = (t: string) => problems.some((p) => p.includes(`J${idOf(t)}.executionClass`) && p.includes(`found FLEX with workerType ${t}`));
    expect(ETL_WORKER_TYPES.filter((t) => !flexRefused(t))).toEqual([...FLEX_RULES.workerTypes]);
  });
});

describe("GLUE_JOB_RUN_STATES", () => {
  it("names the JobRunState values of Glue's API model", () => {
    expect(sorted(JOB_RUN_STATES)).toEqual(sorted(Object.values(JobRunState)));
  });

  it("counts as final the states no other state follows, which the integration test stops polling at", () => {
    expect(FINAL_JOB_RUN_STATES).toEqual(["STOPPED", "SUCCEEDED", "FAILED", "TIMEOUT", "ERROR", "EXPIRED"]);
    expect(sorted(FINAL_STATES)).toEqual(sorted(FINAL_JOB_RUN_STATES));
    expect(JOB_RUN_STATES.filter((s) => isFinalJobRunState(s))).toEqual(FINAL_JOB_RUN_STATES);
    expect(isFinalJobRunState(undefined)).toBe(false);
    expect(Object.values(GLUE_JOB_RUN_STATES).every((s) => s.meaning.length > 0)).toBe(true);
  });

  it("is what the emulator's job runs use (moto_support/glue_job_run.py)", () => {
    const program = "import json, sys\nsys.path.insert(0, sys.argv[1])\nfrom moto_support.glue_job_run import ACTIVE_STATES, FINAL_STATES\nprint(json.dumps([sorted(ACTIVE_STATES), sorted(FINAL_STATES)]))";
    const [active, final] = JSON.parse(execFileSync(VENV_PYTHON, ["-c", program, EMULATOR_DIR], { encoding: "utf8" }));
    expect(final).toEqual(sorted(FINAL_JOB_RUN_STATES));
    expect(active).toEqual(sorted(JOB_RUN_STATES.filter((s) => !isFinalJobRunState(s))));
  });
});
