import type { RecordedCall } from "../../rehearsal/emulator/emulator";
import { checkStepPermissions } from "../../rehearsal/permission-check";

const ROLE = "arn:aws:iam::123456789012:role/glue-pipeline-deploy-dev";
let seq = 0;
function call(extra: Partial<RecordedCall>): RecordedCall {
  seq += 1;
  return {
    seq,
    time: 0,
    accessKeyId: "ASIA",
    accountId: "123456789012",
    principalArn: `arn:aws:sts::123456789012:assumed-role/glue-pipeline-deploy-dev/s`,
    roleArn: ROLE,
    service: "glue",
    action: "glue:GetJob",
    region: "eu-west-1",
    method: "POST",
    path: "/",
    params: {},
    status: 200,
    iamDecision: "allowed",
    iamResource: "arn:aws:glue:eu-west-1:123456789012:job/dev-A",
    ...extra,
  };
}

describe("checkStepPermissions", () => {
  test("a step whose every call its role allowed has no finding, and its role's use is summed up", () => {
    const { findings, roles } = checkStepPermissions("DeployDev", ROLE, [call({}), call({ action: "glue:CreateJob" }), call({ action: "sts:GetCallerIdentity", iamDecision: undefined })]);
    expect(findings).toEqual([]);
    expect(roles).toEqual([
      { step: "DeployDev", role: "123456789012:role/glue-pipeline-deploy-dev (the step's role)", calls: 3, denied: 0, actions: ["glue:CreateJob", "glue:GetJob", "sts:GetCallerIdentity"] },
    ]);
  });

  test("a denied call is a finding naming the step, the role, the action and the resource", () => {
    const { findings } = checkStepPermissions("DeployDev", ROLE, [
      call({ action: "glue:DeleteJob", iamDecision: "denied: on resource arn:aws:glue:eu-west-1:123456789012:job/prod-A because no statement allows it", iamResource: "arn:aws:glue:eu-west-1:123456789012:job/prod-A" }),
    ]);
    expect(findings).toEqual([
      {
        step: "DeployDev",
        role: ROLE,
        action: "glue:DeleteJob",
        resource: "arn:aws:glue:eu-west-1:123456789012:job/prod-A",
        problem: "denied: on resource arn:aws:glue:eu-west-1:123456789012:job/prod-A because no statement allows it",
      },
    ]);
  });

  test("a call made without the step's role credentials, or not judged, is a finding too", () => {
    const { findings } = checkStepPermissions("IntegTest", ROLE, [
      call({ roleArn: null, principalArn: null, accessKeyId: "AKIAADMIN" }),
      call({ iamDecision: undefined, action: "glue:GetJobs" }),
    ]);
    expect(findings.map((f) => f.problem)).toEqual([
      "made without the step's role credentials (an administrator or unknown key)",
      "not judged: the emulator did not enforce IAM for this role",
    ]);
  });
});
