/** Shell commands the pipeline's steps share. No `${...}`: the buildspec builder refuses it (Terraform syntax). */
import { PIPELINE_NAME } from "../names";
import { TERRAFORM_PLUGIN_CACHE, TERRAFORM_VERSION } from "./constants";

export const NPM_CI = "npm ci --no-audit --no-fund";

/** Installs the pinned Terraform, checked against HashiCorp's published SHA-256 sums. */
export function installTerraform(version: string = TERRAFORM_VERSION): string[] {
  const zip = `terraform_${version}_linux_amd64.zip`;
  const base = `https://releases.hashicorp.com/terraform/${version}`;
  return [
    `curl -fsSLo /tmp/${zip} ${base}/${zip}`,
    `curl -fsSLo /tmp/terraform.sha256 ${base}/terraform_${version}_SHA256SUMS`,
    `(cd /tmp && grep " ${zip}$" terraform.sha256 | sha256sum -c -)`,
    `unzip -oq /tmp/${zip} -d /usr/local/bin && terraform version`,
    `mkdir -p ${TERRAFORM_PLUGIN_CACHE}`,
  ];
}

export interface AssumedProfile {
  readonly name: string;
  readonly roleArn: string;
  readonly region: string;
  /** A profile whose credentials assume the role. @default the build's own (its container credentials) */
  readonly sourceProfile?: string;
}

/**
 * Writes AWS config profiles that assume a role from the build's own credentials (or another profile's).
 * Terraform and the AWS CLI then reach another account through `profile = <name>` or `AWS_PROFILE=<name>`.
 */
export function writeProfiles(profiles: readonly AssumedProfile[]): string[] {
  if (profiles.length === 0) return [];
  const lines = profiles.flatMap((p) => [
    `[profile ${p.name}]`,
    `role_arn = ${p.roleArn}`,
    p.sourceProfile ? `source_profile = ${p.sourceProfile}` : "credential_source = EcsContainer",
    `region = ${p.region}`,
    `role_session_name = ${PIPELINE_NAME}`,
  ]);
  return ["mkdir -p ~/.aws", `printf '%s\\n' ${lines.map((l) => `'${l}'`).join(" ")} >> ~/.aws/config`];
}

/**
 * Self-mutation: plans the `pipeline` stack as Build synthesized it. No change: nothing to do. A change:
 * apply it, start a new execution on the new definition, and stop this one. Each line fails the build on
 * error; `terraform plan -detailed-exitcode` exits 0 (no change), 1 (error) or 2 (changes).
 */
export function updatePipeline(stackDir: string): string[] {
  const tf = `terraform -chdir=${stackDir}`;
  const restart = [
    `${tf} apply -input=false update.tfplan`,
    `aws codepipeline start-pipeline-execution --name ${PIPELINE_NAME}`,
    `aws codepipeline stop-pipeline-execution --pipeline-name ${PIPELINE_NAME} --pipeline-execution-id "$PIPELINE_EXECUTION_ID" --abandon --reason "The pipeline changed itself; a new execution runs the new definition"`,
  ].join(" && ");
  return [
    `${tf} init -input=false`,
    `status=0; ${tf} plan -input=false -detailed-exitcode -out=update.tfplan || status=$?; echo "$status" > update.status; [ "$status" -ne 1 ]`,
    `if [ "$(cat update.status)" = 2 ]; then ${restart}; else echo "The pipeline is up to date."; fi`,
  ];
}

/**
 * DeployProd: applies the plan saved by PlanProd of the same execution. Terraform refuses a saved plan
 * whose state has changed since, so nothing the approver did not read can be applied.
 */
export function applySavedPlan(stackDir: string, planUri: string, as = ""): string[] {
  const tf = `${as}terraform -chdir=${stackDir}`;
  return [
    `aws s3 cp "${planUri}.tfplan" ${stackDir}/approved.tfplan`,
    `${tf} init -input=false`,
    `${tf} apply -input=false approved.tfplan`,
  ];
}

/** Where `npm run diff -- --out` writes: summary.md, summary.json, headline.txt and each stack's plan as text. */
export const PLAN_REVIEW_DIR = "plan-review";

export interface PlanReviewOptions {
  /** Stacks to plan. @default every stack */
  readonly stacks?: readonly string[];
  /** Name of the saved plan in each stack's directory. @default the diff's own */
  readonly planFile?: string;
  /** The full plans' address, linked from the summary. @default none */
  readonly plansUrl?: string;
  /**
   * A variable holding the commit the data plan compares with (`--base`), when it is set and not empty.
   * @default none: the merge base with the pipeline's branch
   */
  readonly baseVariable?: string;
}

/**
 * Plans the stacks Build (or this build) synthesized through the read-only plan roles, without a lock, and
 * writes the summary to PLAN_REVIEW_DIR. Changes (exit 2) pass; an error (exit 1, or anything else) fails.
 */
export function planReview(options: PlanReviewOptions = {}): string {
  const args = [
    ...(options.stacks ?? []),
    "--skip-synth",
    "--plan-roles",
    `--out ${PLAN_REVIEW_DIR}`,
    ...(options.planFile ? [`--plan-file ${options.planFile}`] : []),
    ...(options.plansUrl ? [`--plans-url "${options.plansUrl}"`] : []),
    ...(options.baseVariable ? ["$base"] : []),
  ];
  const base = options.baseVariable ? `base=""; if [ -n "$${options.baseVariable}" ]; then base="--base $${options.baseVariable}"; fi; ` : "";
  return `${base}status=0; npm run --silent diff -- ${args.join(" ")} || status=$?; [ "$status" -eq 0 ] || [ "$status" -eq 2 ]`;
}

/**
 * Reads the HCP Terraform token the plans use as `profile` (the pipeline's plan role), so that the build's
 * own role never holds it. Cloud backend only.
 */
export function readTokenAs(profile: string, variable: string, secretName: string): string {
  return `${variable}="$(aws secretsmanager get-secret-value --profile ${profile} --secret-id ${secretName} --query SecretString --output text)" && export ${variable}`;
}
