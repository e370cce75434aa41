/**
 * The largest policy of each kind, as a share of AWS's limit, for a stage of 300 jobs with the longest
 * names the schema allows, in one account and in three. Run: node --require tsx/cjs bench/policy-sizes.ts
 */
import { checkAcceptance, measuredPolicies, synthesizedApp, type MeasuredPolicy } from "../stacks/acceptance";
import { everyOptionalKey, manyLongJobs, threeAccountsCodestarS3 } from "../testkit/acceptance-configs";
import { synthApp } from "../testkit/synth-app";
import { writeTempProject } from "../testkit/temp-project";

const JOBS = 300;

/** A role is named by what it is for: `glue-job-<stage>-*`, `glue-pipeline-build`, ... */
function groupOf(m: MeasuredPolicy, names: Map<string, string>): string {
  const name = names.get(`${m.stack} ${m.address}`) ?? m.address;
  if (/^glue-job-/.test(name)) return `${m.kind}: job roles`;
  if (/-role-boundary$/.test(name)) return `${m.kind}: role boundaries`;
  if (/^glue-deploy-/.test(name)) return `${m.kind}: deploy roles`;
  if (/^glue-test-/.test(name)) return `${m.kind}: integration-test roles`;
  if (/^glue-pipeline-/.test(name)) return `${m.kind}: pipeline roles`;
  return m.kind;
}

function report(title: string, config: Record<string, any>): void {
  const started = Date.now();
  const stacks = synthApp(writeTempProject(config));
  const synthSeconds = (Date.now() - started) / 1000;
  const checkStarted = Date.now();
  const findings = checkAcceptance(stacks);
  const checkMs = Date.now() - checkStarted;
  const app = synthesizedApp(stacks);
  const names = new Map(app.resources.filter((r) => typeof r.block.name === "string").map((r) => [`${r.stack} ${r.address}`, r.block.name as string]));
  const largest = new Map<string, MeasuredPolicy>();
  for (const m of measuredPolicies(app)) {
    const group = groupOf(m, names);
    if (!largest.has(group) || largest.get(group)!.size < m.size) largest.set(group, m);
  }
  console.log(`\n${title}: synth ${synthSeconds.toFixed(2)} s, acceptance rules ${checkMs} ms, ${findings.length} finding(s)`);
  console.log(`${"largest policy".padEnd(40)} ${"size".padStart(6)} ${"limit".padStart(6)}  share  where`);
  for (const [group, m] of [...largest.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const share = ((100 * m.size) / m.limit.limit).toFixed(1);
    const name = names.get(`${m.stack} ${m.address}`);
    const where = `${m.stack} ${m.address}${name ? ` (${name})` : ""}`;
    console.log(`${group.padEnd(40)} ${String(m.size).padStart(6)} ${String(m.limit.limit).padStart(6)} ${share.padStart(5)}%  ${where}`);
  }
}

const oneAccount = manyLongJobs(JOBS);
for (const key of ["pipelineAccount", "devAccount", "prodAccount"]) oneAccount[key] = { awsAccountId: "123456789012", awsRegion: "ap-southeast-5" };
report(`${JOBS} jobs, one account`, oneAccount);
report(`${JOBS} jobs, three accounts, codestar, s3 backend`, { ...threeAccountsCodestarS3(), jobs: manyLongJobs(JOBS).jobs, stages: { dev: { jobs: {} }, prod: { jobs: {} } } });
report(`every optional key, ${JOBS} jobs`, { ...everyOptionalKey(), jobs: { ...everyOptionalKey().jobs, ...manyLongJobs(JOBS).jobs } });
