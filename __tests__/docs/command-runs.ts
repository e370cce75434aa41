/**
 * Who runs each command that README.md and docs/ tell a reader to run. `commands.test.ts` fails for a
 * command of the docs with no entry here, and checks each entry against the file it names: that the file
 * exists and mentions the command (or, for `npm run X`, the file that script runs).
 *
 * - `test`: a jest or pytest test file runs it.
 * - `rehearsal`: `npm run rehearse` runs it, in the step named; `file` is where the command is written
 *   (the rehearsal's own code, or the buildspec source whose commands the rehearsal runs).
 * - `npm test`: a script of package.json's `test`, the command CI (`.ci/run`) and the pipeline's Build run.
 * - `not run`: nothing here can run it (it needs a real account, or it is a measurement); `why` says so.
 */
export type CommandRun =
  | { readonly kind: "test"; readonly file: string; readonly mentions?: string }
  | { readonly kind: "rehearsal"; readonly step: string; readonly file: string; readonly mentions?: string }
  | { readonly kind: "npm test"; readonly script: string; readonly file?: string; readonly mentions?: string }
  | { readonly kind: "ci"; readonly file: string; readonly mentions: string }
  | { readonly kind: "not run"; readonly why: string };

/** Where the rehearsal's code lives; the layout may move it. */
export const REHEARSAL_DIRS = ["rehearsal", "__tests__/rehearsal"];

export const COMMAND_RUNS: Readonly<Record<string, readonly CommandRun[]>> = {
  "npm ci": [{ kind: "ci", file: ".ci/setup", mentions: "npm ci --no-audit --no-fund" }],
  "npm test": [{ kind: "ci", file: ".ci/run", mentions: "npm test" }],
  "npm run setup": [{ kind: "npm test", script: "setup" }],
  "npm run typecheck": [{ kind: "npm test", script: "typecheck" }],
  "npm run test:ts": [{ kind: "npm test", script: "test:ts" }],
  "npm run test:py": [{ kind: "npm test", script: "test:py" }],
  "bash .ci/pytest": [{ kind: "npm test", script: "test:py", file: ".ci/pytest", mentions: "pytest" }],
  "npx jest": [{ kind: "npm test", script: "test:ts" }],
  "npm run scan": [{ kind: "npm test", script: "scan" }],
  "npm run rehearse:all": [{ kind: "npm test", script: "rehearse:all" }],
  "npm run rehearse": [{ kind: "npm test", script: "rehearse:all", file: "rehearsal/both-topologies.ts", mentions: "rehearsal/cli.ts" }],
  "npm run docs:config": [{ kind: "test", file: "__tests__/docs/config-reference.test.ts" }],
  "npm run job": [{ kind: "test", file: "__tests__/run-job.integration.test.ts" }],
  "npm run integ": [
    { kind: "test", file: "__tests__/integ/cli.integration.test.ts" },
    { kind: "rehearsal", step: "IntegTest", file: "stacks/pipeline/pipeline-stages.ts", mentions: "npm run integ" },
  ],
  "npm run diff": [
    { kind: "test", file: "__tests__/plan-review/diff-cli.integration.test.ts" },
    { kind: "rehearsal", step: "npm run diff, config changed", file: "rehearsal/laptop-diff.ts" },
    { kind: "rehearsal", step: "PlanProd", file: "stacks/pipeline/step-commands.ts", mentions: "npm run --silent diff" },
  ],
  "npm run drift": [{ kind: "rehearsal", step: "glue-pipeline-drift-check", file: "stacks/pipeline/drift-check-step.ts", mentions: "npm run --silent drift" }],
  "npx cdktf synth": [
    { kind: "test", file: "__tests__/main.integration.test.ts", mentions: "CDKTF_CONTEXT_JSON" },
    { kind: "rehearsal", step: "Build", file: "stacks/pipeline/pipeline-stages.ts", mentions: "npx cdktf synth" },
  ],
  "npx cdktf deploy": [{ kind: "rehearsal", step: "DeployDev", file: "stacks/pipeline/pipeline-stages.ts", mentions: "npx cdktf deploy" }],
  "npx cdktf login": [{ kind: "not run", why: "it stores a token of an HCP Terraform account; the rehearsal uses the local backend" }],
  "npm run bench": [{ kind: "not run", why: "a measurement of about half an hour, run on demand; each thing it times (synth, jest, pytest, a local run, the rehearsal) is run by npm test" }],
  "npm run check:cdktn": [
    { kind: "not run", why: "it installs CDK Terrain from npm into a temporary copy, 40 to 100 s; npm run bench runs it (bench/run.ts), and __tests__/check-cdktn/ tests its comparison" },
  ],
  "node bench/policy-sizes.ts": [
    { kind: "not run", why: "it prints figures; the measurement is stacks/acceptance/policy-sizes.ts, which __tests__/acceptance/policy-sizes.test.ts tests" },
  ],
  "npm run perf": [
    { kind: "not run", why: "it measures jobs on generated data at growing scales, minutes per job; npm run bench runs it (bench/perf-baseline.ts), and __tests__/perf/ tests its parts" },
  ],
  "node bench/data-plan.ts": [{ kind: "not run", why: "a measurement of one changed job's data plan that npm run bench runs; __tests__/data-plan/data-plan.integration.test.ts runs the data plan itself" }],
  "node bench/perf-baseline.ts": [{ kind: "not run", why: "a measurement against perf/baseline.json that npm run bench runs; __tests__/perf/baseline.test.ts tests the comparison" }],
  "python -m pytest": [{ kind: "npm test", script: "test:py", file: ".ci/pytest", mentions: "-m pytest -q perf/spark/tests" }],
  "python job_scripts/make_sample_data.py": [{ kind: "test", file: "job_scripts/tests/test_make_sample_data.py", mentions: "make_sample_data.main" }],
  "python job_scripts/process_legislators.py": [{ kind: "test", file: "job_scripts/tests/test_process_legislators.py", mentions: "process_legislators.main" }],
  "aws athena start-query-execution": [{ kind: "not run", why: "it queries the deployed tables with Athena; the emulator runs no SQL" }],
  "aws athena get-query-results": [{ kind: "not run", why: "it reads the results of an Athena query; the emulator runs no SQL" }],
};
