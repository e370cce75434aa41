/** How the rehearsal judges the drift check's two runs, from what it wrote and what it published. */
import type { RecordedCall } from "../../rehearsal/emulator/emulator";
import { judgeDriftFound, judgeNoDrift, OUT_OF_BAND, publishedNotices } from "../../rehearsal/drift-steps";

const call = (action: string, status: number): RecordedCall =>
  ({ seq: 1, time: 0, accessKeyId: null, accountId: "111111111111", principalArn: null, roleArn: null, service: action.split(":")[0], action, region: "eu-west-1", method: "POST", path: "/", params: {}, status }) as RecordedCall;
const published = [call("sns:Publish", 200)];
const resource = (name: string, path: string, was: string, now: string) => ({
  address: `aws_glue_job.${name}`,
  type: "aws_glue_job",
  name,
  drift: "changed",
  attributes: [{ path, was, now }],
});
const driftJson = (drifted: unknown[], errors: unknown[] = []) =>
  JSON.stringify({ drifts: [{ stack: "dev-glue", drifted, pending: { add: 0, change: 1, replace: 0, destroy: 0 } }, { stack: "prod-glue", drifted: [], pending: {} }], errors });
const change = { from: 2, to: OUT_OF_BAND.workers };

describe("the check after the change made by hand", () => {
  test("passes when it names exactly the changed job's workers, was and now, and published one notice", () => {
    expect(judgeDriftFound({ driftJson: driftJson([resource(OUT_OF_BAND.job, "number_of_workers", "2", "5")]), published }, change)).toBeUndefined();
  });

  test("fails on missing, wrong or extra drift, naming what it found", () => {
    expect(judgeDriftFound({ driftJson: driftJson([]), published }, change)).toMatch(/found none$/);
    expect(judgeDriftFound({ driftJson: driftJson([resource(OUT_OF_BAND.job, "number_of_workers", "2", "6")]), published }, change)).toContain("is now 6");
    const spurious = driftJson([resource(OUT_OF_BAND.job, "number_of_workers", "2", "5"), resource("dev-JoinLegislators", "timeout", "60", "2880")]);
    expect(judgeDriftFound({ driftJson: spurious, published }, change)).toContain('"dev-JoinLegislators" timeout: was 60, is now 2880');
  });

  test("fails when it wrote nothing, could not plan, or published no notice", () => {
    expect(judgeDriftFound({ published }, change)).toBe("the drift check wrote no drift/drift.json");
    expect(judgeDriftFound({ driftJson: driftJson([], [{ stack: "prod-glue", error: "AccessDenied" }]), published }, change)).toContain("prod-glue: AccessDenied");
    expect(judgeDriftFound({ driftJson: driftJson([resource(OUT_OF_BAND.job, "number_of_workers", "2", "5")]), published: [] }, change)).toBe("expected one notice published, found 0");
  });
});

describe("the check after the re-apply", () => {
  test("passes with no drift and nothing published", () => {
    expect(judgeNoDrift({ driftJson: driftJson([]), published: [] })).toBeUndefined();
  });

  test("fails on drift left, or on a notice published anyway", () => {
    expect(judgeNoDrift({ driftJson: driftJson([resource(OUT_OF_BAND.job, "number_of_workers", "2", "5")]), published: [] })).toContain(`dev-glue: aws_glue_job.${OUT_OF_BAND.job}`);
    expect(judgeNoDrift({ driftJson: driftJson([]), published })).toContain("1 notice(s) were published");
  });
});

test("only successful SNS Publish calls count as notices", () => {
  expect(publishedNotices([call("sns:Publish", 200), call("sns:Publish", 403), call("sns:ListTopics", 200)])).toHaveLength(1);
});
