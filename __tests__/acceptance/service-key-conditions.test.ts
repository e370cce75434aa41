/** service-key-conditions: key-policy statements for service principals fit what each service sends to KMS. */
import { serviceKeyConditions } from "../../stacks/acceptance/rules/service-key-conditions";
import { SERVICE_KEY_USES } from "../../stacks/constants/service-key-conditions";
import { synthPipelineJson } from "../helpers/pipeline-json";
import { synthGlueStack } from "../helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";
import { policy, run, runOne } from "./fixtures";

const admin = { Sid: "AccountAdministersKeyThroughIam", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "kms:*", Resource: "*" };
const grant = (service: string, condition?: Record<string, unknown>) => ({
  Sid: "ServiceUsesKey",
  Effect: "Allow",
  Principal: { Service: service },
  Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
  Resource: "*",
  ...(condition ? { Condition: condition } : {}),
});

/** A key with `statement`, and a resource of `userType` that uses it. */
function keyUsedBy(userType: string, statement: Record<string, unknown>, attribute = "kms_master_key_id") {
  return {
    aws_kms_key: { key_1: { description: "k", policy: policy(admin, statement) } },
    aws_kms_alias: { alias_1: { name: "alias/k", target_key_id: "${aws_kms_key.key_1.key_id}" } },
    [userType]: { user_1: { name: "n", [attribute]: "${aws_kms_key.key_1.arn}" } },
  };
}

describe("service-key-conditions", () => {
  test("refuses the job alerts' key policy as it was: EventBridge under aws:SourceArn, on a key that encrypts an SNS topic", () => {
    const before = grant("events.amazonaws.com", { ArnEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:111111111111:rule/glue-dev-job-alerts" } });
    const findings = runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", before));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: "service-key-conditions", address: "aws_kms_key.key_1" });
    expect(findings[0].message).toContain('"ServiceUsesKey" grants events.amazonaws.com under aws:SourceArn');
    expect(findings[0].message).toContain("https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html");
    expect(findings[0].fix).toContain("remove aws:SourceArn");
  });

  test.each(["aws:SourceAccount", "aws:SourceOrgID"])("refuses EventBridge to an encrypted topic under %s too", (key) => {
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("events.amazonaws.com", { StringEquals: { [key]: "x" } })))).toHaveLength(1);
  });

  test("accepts EventBridge on a topic key with no condition, and on an event-bus key under aws:SourceArn", () => {
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("events.amazonaws.com")))).toEqual([]);
    const bus = grant("events.amazonaws.com", { StringEquals: { "aws:SourceArn": "arn:aws:events:eu-west-1:111111111111:event-bus/b" } });
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_cloudwatch_event_bus", bus, "kms_key_identifier"))).toEqual([]);
  });

  test("judges a topic that names the key through its alias", () => {
    const resources = keyUsedBy("aws_sns_topic", grant("events.amazonaws.com", { ArnEquals: { "aws:SourceArn": "x" } }));
    resources.aws_sns_topic!.user_1!.kms_master_key_id = "${aws_kms_alias.alias_1.arn}";
    expect(runOne(serviceKeyConditions, resources)).toHaveLength(1);
  });

  test("CodeStar Notifications may be narrowed by kms:ViaService, not by aws:SourceArn; CloudWatch alarms by aws:SourceArn", () => {
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("codestar-notifications.amazonaws.com", { StringEquals: { "kms:ViaService": "sns.eu-west-1.amazonaws.com" } })))).toEqual([]);
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("codestar-notifications.amazonaws.com", { ArnLike: { "aws:SourceArn": "x" } })))).toHaveLength(1);
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("cloudwatch.amazonaws.com", { ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:*" } })))).toEqual([]);
  });

  test("CloudWatch Logs of any region is narrowed by its encryption context; a key it does not send is refused", () => {
    const logs = (condition: Record<string, unknown>) => ({ aws_kms_key: { key_1: { description: "k", policy: policy(admin, grant("logs.eu-central-1.amazonaws.com", condition)) } } });
    expect(runOne(serviceKeyConditions, logs({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-central-1:111111111111:log-group:/aws-glue/*" } }))).toEqual([]);
    const refused = runOne(serviceKeyConditions, logs({ StringEquals: { "aws:PrincipalOrgID": "o-1234567890" } }));
    expect(refused.map((f) => f.message)).toEqual([expect.stringContaining("logs.eu-central-1.amazonaws.com under aws:PrincipalOrgID")]);
    // The Logs guide documents the encryption context, not aws:SourceArn, for the logs principal.
    expect(runOne(serviceKeyConditions, logs({ ArnLike: { "aws:SourceArn": "arn:aws:logs:eu-central-1:111111111111:log-group:*" } }))).toHaveLength(1);
  });

  test("refuses granting S3 itself on a bucket's SSE-KMS key: S3 calls KMS with the requester's credentials", () => {
    const findings = runOne(serviceKeyConditions, keyUsedBy("aws_s3_bucket_server_side_encryption_configuration", grant("s3.amazonaws.com"), "kms_master_key_id"));
    expect(findings.map((f) => f.fix)).toEqual([expect.stringContaining("grant the role that makes the request")]);
  });

  test("refuses a service the table does not know, and a service on a key none of its uses has", () => {
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_sns_topic", grant("example.amazonaws.com")))[0].fix).toContain("stacks/constants/service-key-conditions.ts");
    expect(runOne(serviceKeyConditions, keyUsedBy("aws_s3_bucket_server_side_encryption_configuration", grant("events.amazonaws.com")))[0].message).toContain(
      "the key is used by aws_s3_bucket_server_side_encryption_configuration",
    );
  });

  test("finds nothing in the synthesized stacks of one account and of three", () => {
    const oneAccount = (c: Record<string, any>) => {
      for (const key of ["pipelineAccount", "devAccount", "prodAccount"]) c[key] = { awsAccountId: "111111111111", awsRegion: "eu-west-1" };
    };
    for (const edit of [() => {}, oneAccount]) {
      const input = baseConfig();
      edit(input);
      const project = writeTempProject(input);
      const stacks = { pipeline: synthPipelineJson(edit), "dev-glue": synthGlueStack(project, "dev").json, "prod-glue": synthGlueStack(project, "prod").json };
      expect(run(serviceKeyConditions, stacks)).toEqual([]);
    }
  });
});

describe("SERVICE_KEY_USES", () => {
  test("covers EventBridge to SNS, CodeStar Notifications, CloudWatch alarms, CloudWatch Logs, S3 and Glue, each row with its AWS source", () => {
    const ids = SERVICE_KEY_USES.map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["eventbridge-sns", "codestar-notifications-sns", "cloudwatch-alarms-sns", "cloudwatch-logs", "s3-sse-kms", "glue-job"]));
    for (const row of SERVICE_KEY_USES) {
      expect(row.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(row.source.guide.length * row.source.section.length).toBeGreaterThan(0);
    }
  });
});
