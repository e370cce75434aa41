/**
 * Synth's use of the pack: every stack of the app is checked before anything is written, and what AWS
 * would refuse stops synth with the findings (IAM actions are checked by npm run scan, which has the
 * action database).
 */
import { type App, TerraformStack } from "../cdktf";
import { InputError } from "../config";
import { checkAcceptance } from "./check-acceptance";
import { formatFindings } from "./format-findings";

export function refuseWhatAwsWouldRefuse(app: App): void {
  const stacks = app.node.findAll().filter(TerraformStack.isStack) as TerraformStack[];
  const findings = checkAcceptance(Object.fromEntries(stacks.map((stack) => [stack.node.id, stack.toTerraform()])));
  if (findings.length > 0) {
    throw new InputError(`AWS would refuse what this config synthesizes; nothing was written:\n${formatFindings(findings)}`);
  }
}
