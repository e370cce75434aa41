import { iamActionResourceScope } from "../../stacks/acceptance/rules";
import { ACTIONS_WITHOUT_RESOURCE_LEVEL } from "../../stacks/iam/actions-without-resource-level";
import { allow, policy, runOne } from "./fixtures";
import { projectActionCatalog } from "./project-catalog";

const rule = () => iamActionResourceScope(projectActionCatalog());
const inline = (...statements: Record<string, unknown>[]) => ({ aws_iam_role_policy: { p: { role: "r", name: "p", policy: policy(...statements) } } });

describe("iam-action-resource-scope", () => {
  test("refuses an action without resource-level permissions granted on an ARN: the grant never applies", () => {
    const findings = runOne(rule(), inline(allow({ Sid: "Subs", Action: ["sns:Unsubscribe", "sns:GetTopicAttributes"], Resource: "arn:aws:sns:eu-west-1:111111111111:t*" })));
    expect(findings).toHaveLength(1);
    expect(findings[0].address).toBe("aws_iam_role_policy.p");
    expect(findings[0].message).toMatch(/statement Subs grants sns:Unsubscribe on .*arn:aws:sns.*, but sns:Unsubscribe has no resource-level permissions/);
  });

  test("accepts it on *, scoped actions on ARNs, wildcards and Deny statements", () => {
    expect(
      runOne(
        rule(),
        inline(
          allow({ Action: "sns:Unsubscribe", Resource: "*" }),
          allow({ Action: "sns:GetTopicAttributes", Resource: "arn:aws:sns:eu-west-1:111111111111:t" }),
          allow({ Action: "sns:Get*", Resource: "arn:aws:sns:eu-west-1:111111111111:t" }),
          { Effect: "Deny", Action: "sns:Unsubscribe", Resource: "arn:aws:sns:eu-west-1:111111111111:t" },
        ),
      ),
    ).toEqual([]);
  });

  test("the project's own list of actions that take only * agrees with AWS's reference", () => {
    const { unscoped } = projectActionCatalog();
    expect(ACTIONS_WITHOUT_RESOURCE_LEVEL.filter((action) => !unscoped.has(action.toLowerCase()))).toEqual([]);
  });
});
