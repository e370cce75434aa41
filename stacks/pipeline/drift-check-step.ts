/**
 * `glue-pipeline-drift-check`: on the config's schedule, checks that every deployed stack still is what its
 * state and the branch say (`npm run drift`), through the read-only plan roles. Drift or an error is
 * published to the pipeline's notice topic, with the build's log one link away; no drift publishes nothing.
 * Drift passes the build (the notice is the result); an error fails it.
 *
 * The project checks out the pipeline's branch itself, so it checks what the next deploy would deploy.
 */
import type { AppConfig } from "../config";
import type { CodeBuildStepSpec } from "./codebuild-step";
import { PIPELINE_NAME } from "../names";
import { CACHE_PATHS, COMPUTE_TYPES, RUNTIMES, TERRAFORM_VARIABLES } from "./constants";
import { assumePlanRoleStatement, planProfiles, readPlanToken } from "./plan-access";
import { repositorySource, sourceStatements } from "./pr-check-step";
import { installTerraform, NPM_CI, writeProfiles } from "./step-commands";

export const DRIFT_CHECK_ID = "drift-check";
/** Where `npm run drift -- --out` writes subject.txt, notice.txt and drift.json, and the build its exit status. */
export const DRIFT_DIR = "drift";

export interface DriftCheckContext {
  readonly config: AppConfig;
  /** The topic the notices go to, as plain text (the topic's policy names this step's role in turn). */
  readonly noticeTopicArn: string;
  /** The topic's KMS key: publishing encrypts with it. */
  readonly noticeKeyArn: string;
}

/** The step, or undefined when `pipeline.driftCheck.enabled` is false. */
export function driftCheckStep(ctx: DriftCheckContext): CodeBuildStepSpec | undefined {
  const { config } = ctx;
  const { enabled, schedule } = config.pipeline.driftCheck;
  if (!enabled) return undefined;
  const { awsRegion: region, awsAccountId: accountId } = config.pipelineAccount;
  const token = readPlanToken(config);
  // A scheduled build reports no status on the branch's head commit: that status belongs to its pull request.
  const { statusContext: _none, ...checkout } = repositorySource(config.source, region);
  return {
    id: DRIFT_CHECK_ID,
    stage: "DriftCheck",
    description: `checks every stack for changes made outside Terraform, read-only, on ${schedule}`,
    computeType: COMPUTE_TYPES.small,
    timeoutMinutes: 60,
    source: { ...checkout, sourceVersion: config.source.branch },
    assumesPlanRoles: true,
    buildSpec: {
      runtimes: RUNTIMES,
      variables: { ...TERRAFORM_VARIABLES },
      install: [...installTerraform(), NPM_CI, ...writeProfiles(planProfiles(config))],
      build: [`mkdir -p ${DRIFT_DIR}`, "npx cdktf synth", ...token, checkDrift()],
      postBuild: [publishNotice(ctx.noticeTopicArn)],
      cachePaths: CACHE_PATHS,
    },
    statements: [
      assumePlanRoleStatement(config),
      ...sourceStatements(config.source, region, accountId, false),
      { Sid: "PublishNotice", Effect: "Allow", Action: "sns:Publish", Resource: ctx.noticeTopicArn },
      { Sid: "EncryptNotice", Effect: "Allow", Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: ctx.noticeKeyArn },
    ],
  };
}

/** Exit status of `npm run drift` (0 no drift, 2 drift, 1 error) kept for post_build; only an error fails the build. */
function checkDrift(): string {
  return `status=0; npm run --silent drift -- --skip-synth --plan-roles --out ${DRIFT_DIR} || status=$?; echo "$status" > ${DRIFT_DIR}/status; [ "$status" -ne 1 ]`;
}

/**
 * After the build, passed or failed: anything but "no drift" is published. A build that failed before the
 * check wrote its notice (synth, the token, a crash) publishes an error notice of its own.
 */
function publishNotice(topicArn: string): string {
  const dir = DRIFT_DIR;
  return [
    `mkdir -p ${dir}; status="$(cat ${dir}/status 2>/dev/null || echo 1)";`,
    `if [ "$status" != 0 ]; then`,
    `if [ ! -s ${dir}/notice.txt ]; then echo "${PIPELINE_NAME}: the drift check failed" > ${dir}/subject.txt;`,
    `echo "The drift check failed before it could plan the stacks." > ${dir}/notice.txt; fi;`,
    `printf '\\n%s\\n' "Log of the check: $CODEBUILD_BUILD_URL" >> ${dir}/notice.txt;`,
    `aws sns publish --topic-arn ${topicArn} --subject "$(head -n 1 ${dir}/subject.txt)" --message file://${dir}/notice.txt; fi`,
  ].join(" ");
}
