/**
 * The launcher's IAM enforcement judges each request against the ARNs it acts on, evaluates KMS key
 * policies, and judges the KMS keys S3 uses as the caller with SSE-KMS: first case by case in one Python
 * process (moto_support/resources.py and policy_evaluator.decide), then for real against the launcher.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VENV_PYTHON } from "../../rehearsal/emulator/moto-server";
import { EMULATOR_DIR, startEmulator, type AwsCredentials, type Emulator, type RecordedCall } from "../../rehearsal/emulator/emulator";
import { runBoto3Steps } from "./boto3-steps";

const ACCOUNT = "111111111111";
const REGION = "eu-west-1";
const arn = (service: string, rest: string, region = REGION, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${rest}`;

describe("resources_of: the ARNs a request is authorized against", () => {
  /** [action, params, expected resources (null: only the action can be judged)] */
  const CASES: Array<[string, Record<string, unknown>, string[] | null]> = [
    ["logs:CreateLogGroup", { logGroupName: "/aws/codebuild/p" }, [arn("logs", "log-group:/aws/codebuild/p:log-stream:")]],
    ["logs:PutRetentionPolicy", { logGroupName: "/a", retentionInDays: 1 }, [arn("logs", "log-group:/a:log-stream:")]],
    ["logs:DescribeLogStreams", { logGroupIdentifier: `${arn("logs", "log-group:/a")}:*` }, [arn("logs", "log-group:/a:log-stream:")]],
    ["logs:PutLogEvents", { logGroupName: "/a", logStreamName: "s/1" }, [arn("logs", "log-group:/a:log-stream:s/1")]],
    ["logs:ListTagsForResource", { resourceArn: arn("logs", "log-group:/a") }, [arn("logs", "log-group:/a")]],
    ["logs:DescribeLogGroups", { logGroupNamePrefix: "/a" }, [arn("logs", "log-group::log-stream:")]],
    ["codebuild:BatchGetProjects", { names: ["p", arn("codebuild", "project/q")] }, [arn("codebuild", "project/p"), arn("codebuild", "project/q")]],
    ["codebuild:BatchGetBuilds", { ids: ["p:1", "p:2", arn("codebuild", "build/q:3")] }, [arn("codebuild", "project/p"), arn("codebuild", "project/q")]],
    ["codebuild:StartBuild", { projectName: "p" }, [arn("codebuild", "project/p")]],
    ["codebuild:DeleteProject", { name: arn("codebuild", "project/p") }, [arn("codebuild", "project/p")]],
    ["codebuild:CreateReportGroup", { name: "g", type: "TEST" }, [arn("codebuild", "report-group/g")]],
    ["codebuild:ListProjects", {}, ["*"]],
    ["codepipeline:CreatePipeline", { pipeline: { name: "x", roleArn: "r" } }, [arn("codepipeline", "x")]],
    ["codepipeline:StartPipelineExecution", { name: "x" }, [arn("codepipeline", "x")]],
    ["codepipeline:PutApprovalResult", { pipelineName: "x", stageName: "S", actionName: "A" }, [arn("codepipeline", "x/S/A")]],
    ["codepipeline:ListPipelines", {}, ["*"]],
    ["sns:CreateTopic", { Name: "t" }, [arn("sns", "t")]],
    ["sns:Publish", { TopicArn: arn("sns", "t") }, [arn("sns", "t")]],
    ["sns:ListTagsForResource", { ResourceArn: arn("sns", "t") }, [arn("sns", "t")]],
    ["sns:GetSubscriptionAttributes", { SubscriptionArn: arn("sns", "t:8a21d249") }, [arn("sns", "*")]],
    ["sns:Unsubscribe", { SubscriptionArn: arn("sns", "t:8a21d249") }, [arn("sns", "*")]],
    ["events:PutRule", { Name: "r" }, [arn("events", "rule/r")]],
    ["events:DescribeRule", { Name: "r", EventBusName: "default" }, [arn("events", "rule/r")]],
    ["events:PutRule", { Name: "r", EventBusName: "bus" }, [arn("events", "rule/bus/r")]],
    ["events:PutTargets", { Rule: "r", EventBusName: arn("events", "event-bus/bus"), Targets: [] }, [arn("events", "rule/bus/r")]],
    ["events:ListTagsForResource", { ResourceARN: arn("events", "rule/r") }, [arn("events", "rule/r")]],
    ["glue:StartJobRun", { JobName: "j" }, [arn("glue", "job/j")]],
    ["glue:GetJobRun", { JobName: "j", RunId: "jr_1" }, [arn("glue", "job/j")]],
    ["glue:GetJobs", {}, ["*"]],
    ["glue:CreateSecurityConfiguration", { Name: "s" }, ["*"]],
    ["glue:GetTags", { ResourceArn: arn("glue", "job/j") }, [arn("glue", "job/j")]],
    ["glue:StartWorkflowRun", { Name: "w" }, [arn("glue", "workflow/w")]],
    ["glue:GetTrigger", { Name: "t" }, [arn("glue", "trigger/t")]],
    ["glue:CreateDatabase", { DatabaseInput: { Name: "d" } }, [arn("glue", "catalog"), arn("glue", "database/d")]],
    ["glue:GetTable", { DatabaseName: "d", Name: "t" }, [arn("glue", "catalog"), arn("glue", "database/d"), arn("glue", "table/d/t")]],
    ["glue:CreateTable", { CatalogId: "222222222222", DatabaseName: "d", TableInput: { Name: "t" } }, [arn("glue", "catalog", REGION, "222222222222"), arn("glue", "database/d", REGION, "222222222222"), arn("glue", "table/d/t", REGION, "222222222222")]],
    ["kms:CreateKey", { Policy: "{}" }, ["*"]],
    ["kms:ListAliases", {}, ["*"]],
    ["kms:Encrypt", { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, [arn("kms", "key/1234abcd-12ab-34cd-56ef-1234567890ab")]],
    ["kms:GenerateDataKey", { KeyId: arn("kms", "key/abc", "us-east-1", "222222222222") }, [arn("kms", "key/abc", "us-east-1", "222222222222")]],
    ["kms:Encrypt", { KeyId: "alias/nowhere" }, null],
    ["secretsmanager:ListSecrets", {}, ["*"]],
    ["secretsmanager:CreateSecret", { Name: "s" }, null],
    ["cloudwatch:PutMetricData", { Namespace: "Glue" }, ["*"]],
    ["cloudwatch:PutDashboard", { DashboardName: "glue-dev" }, ["arn:aws:cloudwatch::111111111111:dashboard/glue-dev"]],
    ["cloudwatch:DeleteDashboards", { "DashboardNames.member.1": "a", "DashboardNames.member.2": "b" }, ["arn:aws:cloudwatch::111111111111:dashboard/a", "arn:aws:cloudwatch::111111111111:dashboard/b"]],
    ["cloudwatch:PutMetricAlarm", { AlarmName: "al" }, [arn("cloudwatch", "alarm:al")]],
    ["athena:CreateWorkGroup", { Name: "glue-dev" }, [arn("athena", "workgroup/glue-dev")]],
    ["athena:StartQueryExecution", { QueryString: "SELECT 1", WorkGroup: "glue-dev" }, [arn("athena", "workgroup/glue-dev")]],
    ["athena:StartQueryExecution", { QueryString: "SELECT 1" }, [arn("athena", "workgroup/primary")]],
    ["athena:GetQueryResults", { QueryExecutionId: "not-started" }, null],
    ["athena:GetDataCatalog", { Name: "AwsDataCatalog" }, [arn("athena", "datacatalog/AwsDataCatalog")]],
    ["athena:ListWorkGroups", {}, ["*"]],
  ];
  const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
from moto_support.request_context import RequestContext
from moto_support.resources import resources_of
out = []
for action, params in json.load(sys.stdin):
    service = {"cloudwatch": "monitoring"}.get(action.split(":")[0], action.split(":")[0])
    ctx = RequestContext(None, "${ACCOUNT}", None, service, "${REGION}", action, "POST", "/", params, params)
    out.append(resources_of(ctx, params, "aws"))
print(json.dumps(out))
`;
  const results: Array<string[] | null> = JSON.parse(
    execFileSync(VENV_PYTHON, ["-c", PROGRAM, EMULATOR_DIR], { input: JSON.stringify(CASES.map(([action, params]) => [action, params])), encoding: "utf8" }),
  );

  test.each(CASES.map(([action, params], i) => [`${action} ${JSON.stringify(params)}`, i] as const))("%s", (_name, index) => {
    expect(results[index]).toEqual(CASES[index][2]);
  });
});

describe("policy_evaluator.decide with a key policy or a bucket policy", () => {
  const ROLE = `arn:aws:iam::${ACCOUNT}:role/r`;
  const OTHER = "999999999999";
  const allow = (principal: unknown, action = "kms:Encrypt") => ({ Effect: "Allow", Principal: principal, Action: action, Resource: "*" });
  const ROOT = allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
  const IDENTITY = [{ Statement: [{ Effect: "Allow", Action: "kms:Encrypt", Resource: "*" }] }];
  /** [name, identity policies, resource policy statements, resource account, key policy (required), expected reason] */
  const CASES: Array<[string, unknown[], unknown[], string, boolean, string]> = [
    ["key policy delegates to the account, identity allows", IDENTITY, [ROOT], ACCOUNT, true, "allowed"],
    ["key policy delegates to the account, no identity policy", [], [ROOT], ACCOUNT, true, "no identity policy allows it"],
    ["key policy names the role itself, no identity policy", [], [allow({ AWS: ROLE })], ACCOUNT, true, "allowed"],
    ["key policy names another principal only, identity allows", IDENTITY, [allow({ AWS: `arn:aws:iam::${ACCOUNT}:role/admin` })], ACCOUNT, true, "the key policy does not allow it"],
    ["key policy denies, identity allows", IDENTITY, [ROOT, { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }], ACCOUNT, true, "explicit Deny in the key policy"],
    ["key of another account names the caller's account, identity allows", IDENTITY, [allow({ AWS: ACCOUNT })], OTHER, true, "allowed"],
    ["key of another account names the role, no identity policy", [], [allow({ AWS: ROLE })], OTHER, true, "no identity policy allows it"],
    ["key of another account does not name the caller", IDENTITY, [allow({ AWS: `arn:aws:iam::${OTHER}:root` })], OTHER, true, "the key policy does not allow it"],
    ["bucket policy granting the account, no identity policy", [], [allow({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, "s3:GetObject")], ACCOUNT, false, "no identity policy allows it"],
    ["bucket policy granting the role, no identity policy", [], [allow({ AWS: ROLE }, "s3:GetObject")], ACCOUNT, false, "allowed"],
    ["bucket policy granting everyone, no identity policy", [], [allow("*", "s3:GetObject")], ACCOUNT, false, "allowed"],
  ];
  const PROGRAM = `
import json, sys
sys.path.insert(0, sys.argv[1])
from moto_support.policy_evaluator import Request, decide
from moto_support.principals import Principal
principal = Principal("${ACCOUNT}", "aws", "arn:aws:sts::${ACCOUNT}:assumed-role/r/s", "arn:aws:iam::${ACCOUNT}:role/r")
out = []
for identity, statements, account, key_policy in json.load(sys.stdin):
    action = "kms:Encrypt" if key_policy else "s3:GetObject"
    resource = "arn:aws:kms:${REGION}:" + account + ":key/k" if key_policy else "arn:aws:s3:::b/k"
    decision = decide(Request(action, resource, principal, {}), identity, None, {"Statement": statements}, account, key_policy, "key policy")
    out.append(decision.reason)
print(json.dumps(out))
`;
  const results: string[] = JSON.parse(
    execFileSync(VENV_PYTHON, ["-c", PROGRAM, EMULATOR_DIR], { input: JSON.stringify(CASES.map((c) => c.slice(1, 5))), encoding: "utf8" }),
  );

  test.each(CASES.map((c, i) => [c[0], i] as const))("%s", (_name, index) => {
    expect(results[index]).toBe(CASES[index][5]);
  });
});

describe("the launcher judges resources, key policies and S3's use of KMS keys", () => {
  const A = "606060606060";
  const B = "707070707070";
  const BUCKET = `sse-kms-test-${A}`;
  let workDir: string;
  let emulator: Emulator;
  let setup: Record<string, string>;
  let worker: Record<string, string>;
  let writer: Record<string, string>;
  let dataKeyOnly: Record<string, string>;
  let calls: RecordedCall[];

  /** Runs boto3 steps as the given credentials, with `c` for boto3.client; each step's outcome is "ok", the error code, or a value it sets. */
  function boto3(credentials: AwsCredentials, script: string, region = REGION): Promise<Record<string, string>> {
    return runBoto3Steps(emulator, credentials, `c = boto3.client\n${script}`, { dir: join(workDir, "boto3", credentials.accessKeyId), region });
  }
  const doc = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
  const rootOf = (account: string) => ({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" });
  const decisionOf = (action: string, match: (c: RecordedCall) => boolean) => calls.filter((c) => c.action === action && match(c));

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "iam-resources-test-"));
    emulator = await startEmulator({ workDir });
    const adminA = await emulator.adminCredentials(A);
    const adminB = await emulator.adminCredentials(B);
    const trust = doc([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "sts:AssumeRole" }]);
    const keyB = await boto3(
      adminB,
      `
kms = c('kms')
out['toA'] = kms.create_key(Policy='''${doc([rootOf(B), { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: "kms:Encrypt", Resource: "*" }])}''')['KeyMetadata']['Arn']
out['notToA'] = kms.create_key(Policy='''${doc([rootOf(B)])}''')['KeyMetadata']['Arn']
`,
    );
    setup = await boto3(
      adminA,
      `
kms = c('kms'); iam = c('iam'); s3 = c('s3'); sm = c('secretsmanager')
key = lambda policy: kms.create_key(Policy=policy)['KeyMetadata']['Arn']
root = '''${doc([rootOf(A)])}'''
out['keyA'] = key(root); out['keyB'] = key(root); out['bucketKey'] = key(root)
out['noRoot'] = key('''${doc([{ Effect: "Allow", Principal: { AWS: role(A, "rehearsal-admin") }, Action: "kms:*", Resource: "*" }])}''')
out['namesWorker'] = key('''${doc([rootOf(A), { Effect: "Allow", Principal: { AWS: role(A, "worker") }, Action: "kms:Encrypt", Resource: "*" }])}''')
out['denies'] = key('''${doc([rootOf(A), { Effect: "Deny", Principal: { AWS: role(A, "worker") }, Action: "kms:Encrypt", Resource: "*" }])}''')
kms.create_alias(AliasName='alias/team-a-key', TargetKeyId=out['keyA'])
kms.create_alias(AliasName='alias/team-b-key', TargetKeyId=out['keyB'])
import base64
out['cipherA'] = base64.b64encode(kms.encrypt(KeyId=out['keyA'], Plaintext=b'a')['CiphertextBlob']).decode()
out['cipherB'] = base64.b64encode(kms.encrypt(KeyId=out['keyB'], Plaintext=b'b')['CiphertextBlob']).decode()
s3.create_bucket(Bucket='${BUCKET}', CreateBucketConfiguration={'LocationConstraint': '${REGION}'})
s3.put_bucket_encryption(Bucket='${BUCKET}', ServerSideEncryptionConfiguration={'Rules': [{'ApplyServerSideEncryptionByDefault': {'SSEAlgorithm': 'aws:kms', 'KMSMasterKeyID': out['bucketKey']}, 'BucketKeyEnabled': True}]})
s3.put_object(Bucket='${BUCKET}', Key='data/existing', Body=b'x')
out['secretA'] = sm.create_secret(Name='team-a/token', SecretString='a')['ARN']
athena = c('athena')
for team in ('a', 'b'):
    athena.create_work_group(Name=f'team-{team}-wg', Configuration={'ResultConfiguration': {'OutputLocation': 's3://${BUCKET}/athena/'}})
    out[f'query{team.upper()}'] = athena.start_query_execution(QueryString='SELECT 1', WorkGroup=f'team-{team}-wg')['QueryExecutionId']
sm.create_secret(Name='team-b/token', SecretString='b')
iam.create_role(RoleName='worker', AssumeRolePolicyDocument='''${trust}''')
iam.put_role_policy(RoleName='worker', PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Action': ['kms:Encrypt', 'kms:Decrypt', 'kms:CreateAlias'], 'Resource': [out['keyA'], out['noRoot'], out['denies']]},
    {'Effect': 'Allow', 'Action': 'kms:CreateAlias', 'Resource': '${arn("kms", "alias/team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'kms:Encrypt', 'Resource': ['${arn("kms", "key/*", REGION, B)}']},
    {'Effect': 'Allow', 'Action': ['s3:PutObject', 's3:GetObject'], 'Resource': 'arn:aws:s3:::${BUCKET}/*'},
    {'Effect': 'Allow', 'Action': ['logs:CreateLogGroup', 'logs:DescribeLogGroups'], 'Resource': '${arn("logs", "log-group:/team-a/*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'codebuild:BatchGetProjects', 'Resource': '${arn("codebuild", "project/team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': ['sns:GetTopicAttributes', 'sns:GetSubscriptionAttributes'], 'Resource': '${arn("sns", "team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'events:DescribeRule', 'Resource': '${arn("events", "rule/team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'secretsmanager:GetSecretValue', 'Resource': '${arn("secretsmanager", "secret:team-a/token-??????", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'codepipeline:GetPipeline', 'Resource': '${arn("codepipeline", "team-a-pipeline", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'glue:GetJob', 'Resource': '${arn("glue", "job/team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'athena:GetQueryExecution', 'Resource': '${arn("athena", "workgroup/team-a-*", REGION, A)}'},
    {'Effect': 'Allow', 'Action': 'glue:GetTable', 'Resource': ['${arn("glue", "catalog", REGION, A)}', '${arn("glue", "database/team_a", REGION, A)}', '${arn("glue", "table/team_a/*", REGION, A)}']},
]}))
iam.create_role(RoleName='writer', AssumeRolePolicyDocument='''${trust}''')
iam.put_role_policy(RoleName='writer', PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Action': ['s3:PutObject', 's3:GetObject'], 'Resource': 'arn:aws:s3:::${BUCKET}/*'},
    {'Effect': 'Allow', 'Action': ['kms:GenerateDataKey', 'kms:Decrypt'], 'Resource': out['bucketKey']},
]}))
iam.create_role(RoleName='data-key-only', AssumeRolePolicyDocument='''${trust}''')
iam.put_role_policy(RoleName='data-key-only', PolicyName='p', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [
    {'Effect': 'Allow', 'Action': 's3:PutObject', 'Resource': 'arn:aws:s3:::${BUCKET}/*'},
    {'Effect': 'Allow', 'Action': 'kms:GenerateDataKey', 'Resource': out['bucketKey']},
]}))
`,
    );
    setup = { ...setup, keyToA: keyB.toA, keyNotToA: keyB.notToA };
    worker = await boto3(
      await emulator.assumeRole(role(A, "worker"), adminA),
      `
import base64
kms = c('kms'); s3 = c('s3'); logs = c('logs'); cb = c('codebuild'); sns = c('sns'); ev = c('events'); sm = c('secretsmanager'); cp = c('codepipeline'); glue = c('glue'); athena = c('athena')
step('encrypt A', lambda: kms.encrypt(KeyId='${setup.keyA}', Plaintext=b'x'))
step('encrypt B', lambda: kms.encrypt(KeyId='${setup.keyB}', Plaintext=b'x'))
step('encrypt by alias of A', lambda: kms.encrypt(KeyId='alias/team-a-key', Plaintext=b'x'))
step('encrypt by alias of B', lambda: kms.encrypt(KeyId='alias/team-b-key', Plaintext=b'x'))
step('decrypt cipher of A', lambda: kms.decrypt(CiphertextBlob=base64.b64decode('${setup.cipherA}')))
step('decrypt cipher of B', lambda: kms.decrypt(CiphertextBlob=base64.b64decode('${setup.cipherB}')))
step('encrypt, key policy without the account', lambda: kms.encrypt(KeyId='${setup.noRoot}', Plaintext=b'x'))
step('encrypt, key policy names the role', lambda: kms.encrypt(KeyId='${setup.namesWorker}', Plaintext=b'x'))
step('encrypt, key policy denies', lambda: kms.encrypt(KeyId='${setup.denies}', Plaintext=b'x'))
step('encrypt, key of B names A', lambda: kms.encrypt(KeyId='${setup.keyToA}', Plaintext=b'x'))
step('encrypt, key of B does not name A', lambda: kms.encrypt(KeyId='${setup.keyNotToA}', Plaintext=b'x'))
step('alias team-a to A', lambda: kms.create_alias(AliasName='alias/team-a-new', TargetKeyId='${setup.keyA}'))
step('alias team-a to B', lambda: kms.create_alias(AliasName='alias/team-a-other', TargetKeyId='${setup.keyB}'))
step('alias team-b to A', lambda: kms.create_alias(AliasName='alias/team-b-new', TargetKeyId='${setup.keyA}'))
step('put into the SSE-KMS bucket', lambda: s3.put_object(Bucket='${BUCKET}', Key='data/w', Body=b'x'))
step('put with SSE-S3', lambda: s3.put_object(Bucket='${BUCKET}', Key='data/aes', Body=b'x', ServerSideEncryption='AES256'))
step('get an SSE-KMS object', lambda: s3.get_object(Bucket='${BUCKET}', Key='data/existing'))
step('head an SSE-KMS object', lambda: s3.head_object(Bucket='${BUCKET}', Key='data/existing'))
step('start a multipart upload', lambda: s3.create_multipart_upload(Bucket='${BUCKET}', Key='data/big'))
step('log group in Resource', lambda: logs.create_log_group(logGroupName='/team-a/x'))
step('log group outside Resource', lambda: logs.create_log_group(logGroupName='/team-b/x'))
step('log group with tags, without logs:TagResource', lambda: logs.create_log_group(logGroupName='/team-a/tagged', tags={'team': 'a'}))
step('describe log groups, allowed on groups only', lambda: logs.describe_log_groups(logGroupNamePrefix='/team-a/'))
step('projects in Resource', lambda: cb.batch_get_projects(names=['team-a-build']))
step('projects partly outside Resource', lambda: cb.batch_get_projects(names=['team-a-build', 'team-b-build']))
step('topic in Resource', lambda: sns.get_topic_attributes(TopicArn='${arn("sns", "team-a-topic", REGION, A)}'))
step('topic outside Resource', lambda: sns.get_topic_attributes(TopicArn='${arn("sns", "team-b-topic", REGION, A)}'))
step('subscription of a topic in Resource', lambda: sns.get_subscription_attributes(SubscriptionArn='${arn("sns", "team-a-topic:0d3f6b4a-1c2e-4d5f-8a9b-0c1d2e3f4a5b", REGION, A)}'))
step('rule in Resource', lambda: ev.describe_rule(Name='team-a-rule'))
step('rule outside Resource', lambda: ev.describe_rule(Name='team-b-rule'))
step('secret in Resource', lambda: sm.get_secret_value(SecretId='team-a/token'))
step('secret outside Resource', lambda: sm.get_secret_value(SecretId='team-b/token'))
step('pipeline in Resource', lambda: cp.get_pipeline(name='team-a-pipeline'))
step('pipeline outside Resource', lambda: cp.get_pipeline(name='team-b-pipeline'))
step('job in Resource', lambda: glue.get_job(JobName='team-a-job'))
step('job outside Resource', lambda: glue.get_job(JobName='team-b-job'))
step('table in Resource', lambda: glue.get_table(DatabaseName='team_a', Name='t'))
step('table outside Resource', lambda: glue.get_table(DatabaseName='team_b', Name='t'))
step('query of a workgroup in Resource', lambda: athena.get_query_execution(QueryExecutionId='${setup.queryA}'))
step('query of a workgroup outside Resource', lambda: athena.get_query_execution(QueryExecutionId='${setup.queryB}'))
`,
    );
    writer = await boto3(
      await emulator.assumeRole(role(A, "writer"), adminA),
      `
s3 = c('s3')
step('put into the SSE-KMS bucket', lambda: s3.put_object(Bucket='${BUCKET}', Key='data/by-writer', Body=b'x'))
step('get an SSE-KMS object', lambda: s3.get_object(Bucket='${BUCKET}', Key='data/existing'))
def multipart():
    upload = s3.create_multipart_upload(Bucket='${BUCKET}', Key='data/big')['UploadId']
    part = s3.upload_part(Bucket='${BUCKET}', Key='data/big', UploadId=upload, PartNumber=1, Body=b'x')
    s3.complete_multipart_upload(Bucket='${BUCKET}', Key='data/big', UploadId=upload, MultipartUpload={'Parts': [{'ETag': part['ETag'], 'PartNumber': 1}]})
step('multipart upload', multipart)
`,
    );
    dataKeyOnly = await boto3(
      await emulator.assumeRole(role(A, "data-key-only"), adminA),
      `
s3 = c('s3')
step('put into the SSE-KMS bucket', lambda: s3.put_object(Bucket='${BUCKET}', Key='data/by-data-key-only', Body=b'x'))
upload = s3.create_multipart_upload(Bucket='${BUCKET}', Key='data/big2')['UploadId']
step('upload a part', lambda: s3.upload_part(Bucket='${BUCKET}', Key='data/big2', UploadId=upload, PartNumber=1, Body=b'x'))
`,
    );
    calls = emulator.readCalls();
  }, 120_000);

  afterAll(async () => {
    await emulator?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const DENIED = /^(AccessDenied|AccessDeniedException)$/;

  test("a role allowed kms:Encrypt on key A is denied it on key B, by ARN, alias or ciphertext", () => {
    expect(worker["encrypt A"]).toBe("ok");
    expect(worker["encrypt B"]).toMatch(DENIED);
    expect(worker["encrypt by alias of A"]).toBe("ok");
    expect(worker["encrypt by alias of B"]).toMatch(DENIED);
    expect(worker["decrypt cipher of A"]).toBe("ok");
    expect(worker["decrypt cipher of B"]).toMatch(DENIED);
    const [encryptB] = decisionOf("kms:Encrypt", (c) => c.iamResource === setup.keyB);
    expect(encryptB).toMatchObject({ iamDecision: "denied: no identity policy allows it", roleArn: role(A, "worker") });
  });

  test("the key policy decides: without the account's delegation IAM cannot allow, naming the role needs no IAM, a Deny wins", () => {
    expect(worker["encrypt, key policy without the account"]).toMatch(DENIED);
    expect(decisionOf("kms:Encrypt", (c) => c.iamResource === setup.noRoot)[0].iamDecision).toBe("denied: the key policy does not allow it");
    expect(worker["encrypt, key policy names the role"]).toBe("ok");
    expect(worker["encrypt, key policy denies"]).toMatch(DENIED);
    expect(decisionOf("kms:Encrypt", (c) => c.iamResource === setup.denies)[0].iamDecision).toBe("denied: explicit Deny in the key policy");
  });

  test("a key of another account needs its key policy and the caller's identity policy", () => {
    expect(decisionOf("kms:Encrypt", (c) => c.iamResource === setup.keyToA)[0].iamDecision).toBe("allowed");
    expect(worker["encrypt, key of B does not name A"]).toMatch(DENIED);
    expect(decisionOf("kms:Encrypt", (c) => c.iamResource === setup.keyNotToA)[0].iamDecision).toBe("denied: the key policy does not allow it");
  });

  test("CreateAlias is judged on the alias and on the key it points to", () => {
    expect(worker["alias team-a to A"]).toBe("ok");
    expect(worker["alias team-a to B"]).toMatch(DENIED);
    expect(worker["alias team-b to A"]).toMatch(DENIED);
    const [toB] = decisionOf("kms:CreateAlias", (c) => c.params.AliasName === "alias/team-a-other");
    expect(toB.iamResource).toEqual([arn("kms", "alias/team-a-other", REGION, A), setup.keyB]);
    expect(toB.iamDecision).toBe(`denied: on resource ${setup.keyB} because no identity policy allows it`);
  });

  test("PutObject into an SSE-KMS bucket needs kms:GenerateDataKey on the bucket's key; GetObject needs kms:Decrypt", () => {
    expect(writer["put into the SSE-KMS bucket"]).toBe("ok");
    expect(worker["put into the SSE-KMS bucket"]).toBe("AccessDenied");
    expect(worker["put with SSE-S3"]).toBe("ok");
    expect(writer["get an SSE-KMS object"]).toBe("ok");
    expect(worker["get an SSE-KMS object"]).toBe("AccessDenied");
    expect(worker["head an SSE-KMS object"]).toBe("ok");
    const [put] = decisionOf("s3:PutObject", (c) => c.params.Key === "data/w");
    expect(put).toMatchObject({
      iamResource: `arn:aws:s3:::${BUCKET}/data/w`,
      iamDecision: `denied: kms:GenerateDataKey on resource ${setup.bucketKey} because no identity policy allows it`,
      kmsDecisions: [{ action: "kms:GenerateDataKey", resource: setup.bucketKey, decision: "denied: no identity policy allows it" }],
    });
    const [allowedPut] = decisionOf("s3:PutObject", (c) => c.params.Key === "data/by-writer");
    expect(allowedPut.kmsDecisions).toEqual([{ action: "kms:GenerateDataKey", resource: setup.bucketKey, decision: "allowed" }]);
    expect(decisionOf("s3:PutObject", (c) => c.params.Key === "data/aes")[0].kmsDecisions).toBeUndefined();
    expect(decisionOf("s3:GetObject", (c) => c.roleArn === role(A, "worker"))[0].kmsDecisions).toEqual([
      { action: "kms:Decrypt", resource: setup.bucketKey, decision: "denied: no identity policy allows it" },
    ]);
  });

  test("a multipart upload needs kms:GenerateDataKey to start and kms:Decrypt for each part", () => {
    expect(writer["multipart upload"]).toBe("ok");
    expect(worker["start a multipart upload"]).toBe("AccessDenied");
    expect(dataKeyOnly["put into the SSE-KMS bucket"]).toBe("ok");
    expect(dataKeyOnly["upload a part"]).toBe("AccessDenied");
  });

  test("a log group outside the role's Resource is denied; DescribeLogGroups is not scoped to a group", () => {
    expect(worker["log group in Resource"]).toBe("ok");
    expect(worker["log group outside Resource"]).toMatch(DENIED);
    expect(worker["describe log groups, allowed on groups only"]).toMatch(DENIED);
    expect(decisionOf("logs:CreateLogGroup", (c) => c.params.logGroupName === "/team-a/x")[0].iamResource).toBe(arn("logs", "log-group:/team-a/x:log-stream:", REGION, A));
  });

  test("creating with tags also needs the service's tagging action", () => {
    expect(worker["log group with tags, without logs:TagResource"]).toMatch(DENIED);
    expect(decisionOf("logs:CreateLogGroup", (c) => c.params.logGroupName === "/team-a/tagged")[0].iamDecision).toBe(
      `denied: logs:TagResource on resource ${arn("logs", "log-group:/team-a/tagged", REGION, A)} because no identity policy allows it`,
    );
  });

  test("CodeBuild, SNS, EventBridge, Secrets Manager, CodePipeline, Glue and Athena requests are judged on their ARNs", () => {
    for (const [inside, outside] of [
      ["projects in Resource", "projects partly outside Resource"],
      ["topic in Resource", "topic outside Resource"],
      ["rule in Resource", "rule outside Resource"],
      ["secret in Resource", "secret outside Resource"],
      ["pipeline in Resource", "pipeline outside Resource"],
      ["job in Resource", "job outside Resource"],
      ["table in Resource", "table outside Resource"],
      ["query of a workgroup in Resource", "query of a workgroup outside Resource"],
    ]) {
      expect([inside, worker[inside]]).not.toEqual([inside, expect.stringMatching(DENIED)]);
      expect([outside, worker[outside]]).toEqual([outside, expect.stringMatching(DENIED)]);
    }
    expect(decisionOf("secretsmanager:GetSecretValue", (c) => c.params.SecretId === "team-a/token")[0].iamResource).toBe(setup.secretA);
    expect(decisionOf("codebuild:BatchGetProjects", (c) => c.iamDecision?.startsWith("denied") ?? false)[0].iamResource).toEqual([
      arn("codebuild", "project/team-a-build", REGION, A),
      arn("codebuild", "project/team-b-build", REGION, A),
    ]);
  });

  test("an action without resource-level permissions is not allowed by a statement scoped to a resource", () => {
    expect(worker["subscription of a topic in Resource"]).toMatch(DENIED);
    expect(decisionOf("sns:GetSubscriptionAttributes", () => true)[0].iamResource).toBe(arn("sns", "*", REGION, A));
  });

  test("every enforced call line names what was judged", () => {
    const enforced = calls.filter((c) => c.iamDecision !== undefined);
    expect(enforced.length).toBeGreaterThan(30);
    for (const call of enforced) expect(call).toHaveProperty("iamResource");
    expect(calls.filter((c) => c.iamDecision === undefined).every((c) => !("iamResource" in c))).toBe(true);
  });
});
