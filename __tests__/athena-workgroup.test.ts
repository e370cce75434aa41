import { TerraformStack, Testing } from "../stacks/cdktf";
import { AthenaWorkgroup } from "../stacks/constructs/athena-workgroup";
import { chainConfig, SUMMARY_SCRIPT } from "./helpers/chain-config";
import { resourcesOf, synthGlueStack } from "./helpers/synth-glue-stack";
import { writeTempProject } from "../testkit/temp-project";

describe("AthenaWorkgroup", () => {
  const workgroupOf = (json: Record<string, any>) => Object.values(resourcesOf(json, "aws_athena_workgroup"))[0] as any;

  test("a stage's workgroup writes results to its bucket, encrypted with its key, and enforces its settings and scan limit", () => {
    const { json } = synthGlueStack(writeTempProject(chainConfig(), [SUMMARY_SCRIPT]), "dev");
    const [keyId] = Object.entries(resourcesOf(json, "aws_kms_key")).find(([, key]) => key.description.startsWith("Encrypts the dev-glue bucket"))!;
    expect(workgroupOf(json)).toEqual(
      expect.objectContaining({
        name: "dev-glue",
        state: "ENABLED",
        force_destroy: true,
        configuration: {
          enforce_workgroup_configuration: true,
          publish_cloudwatch_metrics_enabled: true,
          bytes_scanned_cutoff_per_query: 1073741824,
          result_configuration: {
            output_location: "s3://dev-glue-222222222222-eu-west-1/athena-results/",
            encryption_configuration: { encryption_option: "SSE_KMS", kms_key_arn: `\${aws_kms_key.${keyId}.arn}` },
          },
        },
      }),
    );
    expect(json.output.athena_workgroup.value).toBe("dev-glue");
  });

  test("the scan limit comes from the stage's config", () => {
    const config = chainConfig((c) => (c.stages.prod.athena = { bytesScannedCutoffPerQuery: 50_000_000 }));
    const { json } = synthGlueStack(writeTempProject(config, [SUMMARY_SCRIPT]), "prod");
    expect(workgroupOf(json).configuration.bytes_scanned_cutoff_per_query).toBe(50_000_000);
  });

  test("refuses a results location that is not an s3:// prefix", () => {
    const props = { name: "w", description: "d", kmsKeyArn: "k", bytesScannedCutoffPerQuery: 10_000_000 };
    expect(() => new AthenaWorkgroup(new TerraformStack(Testing.app(), "s"), "w", { ...props, resultsLocation: "s3://b/results" })).toThrow(/must be an s3:\/\/ prefix ending in \//);
  });
});
