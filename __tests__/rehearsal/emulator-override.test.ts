import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsClientEnv, emulatorOverride, endpointOfType, endpointsOf, OVERRIDE_FILE, writeEmulatorOverride } from "../../rehearsal/emulator/emulator-override";

const emulator = { endpoint: "https://127.0.0.1:4566", caBundle: "/tmp/run/ca.pem" };

describe("endpointsOf", () => {
  test("names the services of the resource and data types, plus STS and IAM for the provider", () => {
    const stack = {
      resource: { aws_s3_bucket: {}, aws_glue_job: {}, aws_cloudwatch_log_group: {}, aws_cloudwatch_event_rule: {}, aws_codepipeline: {}, aws_codebuild_report_group: {} },
      data: { aws_caller_identity: {}, aws_iam_policy_document: {} },
    };
    expect(endpointsOf(stack)).toEqual(["codebuild", "codepipeline", "events", "glue", "iam", "logs", "s3", "sts"]);
  });

  test("an unknown resource type is an error, not a silent call to AWS", () => {
    expect(() => endpointsOf({ resource: { aws_lambda_function: {} } })).toThrow(/no emulator endpoint is known for aws_lambda_function/);
  });

  test("types that call nothing need no endpoint", () => {
    expect(endpointOfType("aws_region")).toBeUndefined();
    expect(endpointOfType("aws_cloudwatch_log_group")).toBe("logs");
  });
});

describe("emulatorOverride", () => {
  test("overrides every aws provider block, aliased ones by alias", () => {
    const override = emulatorOverride({ provider: { aws: [{}, { alias: "dev" }, { alias: "prod" }] }, resource: { aws_kms_key: {} } }, emulator);
    expect(override.provider.aws.map((block) => block.alias)).toEqual([undefined, "dev", "prod"]);
    for (const block of override.provider.aws) {
      expect(block).toMatchObject({
        endpoints: [{ iam: emulator.endpoint, kms: emulator.endpoint, sts: emulator.endpoint }],
        s3_use_path_style: true,
        custom_ca_bundle: emulator.caBundle,
        skip_metadata_api_check: "true",
      });
    }
  });

  test("is written next to cdk.tf.json and leaves cdk.tf.json alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "override-"));
    try {
      const stack = JSON.stringify({ provider: { aws: [{ region: "eu-west-1" }] }, resource: { aws_s3_bucket: { b: { bucket: "x" } } } });
      writeFileSync(join(dir, "cdk.tf.json"), stack);
      const file = writeEmulatorOverride(dir, emulator);
      expect(file).toBe(join(dir, OVERRIDE_FILE));
      expect(JSON.parse(readFileSync(file, "utf8")).provider.aws[0].endpoints[0]).toEqual({ iam: emulator.endpoint, s3: emulator.endpoint, sts: emulator.endpoint });
      expect(readFileSync(join(dir, "cdk.tf.json"), "utf8")).toBe(stack);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("awsClientEnv", () => {
  test("points the CLI and SDKs at the emulator, path-style, with the named profiles", () => {
    const dir = mkdtempSync(join(tmpdir(), "client-env-"));
    try {
      const admin = { accessKeyId: "ASIAADMIN", secretAccessKey: "s", sessionToken: "t" };
      const dev = { accessKeyId: "ASIADEV", secretAccessKey: "d" };
      const env = awsClientEnv(emulator, admin, { dir, region: "eu-west-1", profiles: { "glue-dev": dev }, profileRegions: { "glue-dev": "eu-central-1" } });
      expect(env).toMatchObject({
        AWS_ACCESS_KEY_ID: "ASIAADMIN",
        AWS_SESSION_TOKEN: "t",
        AWS_REGION: "eu-west-1",
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_CA_BUNDLE: emulator.caBundle,
        NODE_EXTRA_CA_CERTS: emulator.caBundle,
      });
      const config = readFileSync(env.AWS_CONFIG_FILE, "utf8");
      expect(config).toContain("[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path");
      expect(config).toContain("[profile glue-dev]\nregion = eu-central-1\ns3 =\n  addressing_style = path");
      const credentials = readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "utf8");
      expect(credentials).toContain("[glue-dev]\naws_access_key_id = ASIADEV\naws_secret_access_key = d\n");
      expect(credentials).toContain("[default]\naws_access_key_id = ASIAADMIN\naws_secret_access_key = s\naws_session_token = t");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without static credentials, only the profiles carry any", () => {
    const dir = mkdtempSync(join(tmpdir(), "client-env-"));
    try {
      const env = awsClientEnv({ ...emulator, dir }, { accessKeyId: "ASIAIGNORED", secretAccessKey: "s" }, { staticCredentials: false, profiles: { "glue-prod": { accessKeyId: "ASIAPROD", secretAccessKey: "p" } } });
      expect(Object.keys(env).filter((key) => key.startsWith("AWS_ACCESS") || key.startsWith("AWS_SECRET") || key === "AWS_SESSION_TOKEN")).toEqual([]);
      expect(env.AWS_CONFIG_FILE).toBe(join(dir, "aws", "ASIAIGNORED", "aws-config"));
      const credentials = readFileSync(env.AWS_SHARED_CREDENTIALS_FILE, "utf8");
      expect(credentials).not.toContain("ASIAIGNORED");
      expect(credentials).toContain("[glue-prod]\naws_access_key_id = ASIAPROD");
      expect(readFileSync(env.AWS_CONFIG_FILE, "utf8")).toContain("[default]\nregion = eu-west-1\ns3 =\n  addressing_style = path");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
