/** Shell commands the pipeline's steps share. No `${...}`: the buildspec builder refuses it (Terraform syntax). */
import { PIPELINE_NAME, TERRAFORM_PLUGIN_CACHE, TERRAFORM_VERSION } from "./constants";

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
}

/**
 * Writes AWS config profiles that assume a role from the build's own credentials. Terraform and the AWS
 * CLI then reach another account through `profile = <name>` or `AWS_PROFILE=<name>`.
 */
export function writeProfiles(profiles: readonly AssumedProfile[]): string[] {
  if (profiles.length === 0) return [];
  const lines = profiles.flatMap((p) => [
    `[profile ${p.name}]`,
    `role_arn = ${p.roleArn}`,
    "credential_source = EcsContainer",
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
 * PlanProd: a saved plan of the stack, its text for the approver, both copied under `planUri` (no
 * extension) so DeployProd can apply exactly what was approved. `as` runs Terraform under a profile.
 */
export function savePlan(stackDir: string, planUri: string, textFile: string, as = ""): string[] {
  const tf = `${as}terraform -chdir=${stackDir}`;
  return [
    `${tf} init -input=false`,
    `set -o pipefail; ${tf} plan -input=false -no-color -out=approved.tfplan 2>&1 | tee ${textFile}`,
    `aws s3 cp ${textFile} "${planUri}.txt"`,
    `aws s3 cp ${stackDir}/approved.tfplan "${planUri}.tfplan"`,
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
