/** The QualityFailureAlert step's choice of run: which job, which rule its duplicated input fails, and where that input goes. */
import { join } from "node:path";
import { loadConfig, PROJECT_DIR } from "../../stacks/config";
import { duplicatedLines, duplicatedRunOf } from "../../rehearsal/quality-alert-step";
import { baseConfig, writeTempProject } from "../../testkit/temp-project";

describe("duplicatedRunOf", () => {
  test("takes the job with the fewest inputs whose output has a uniqueness rule, its inputs copied within their prefixes", () => {
    const run = duplicatedRunOf(loadConfig(join(PROJECT_DIR, "default-config.yaml")))!;
    expect(run.job.glueJobName).toBe("dev-ProcessLegislators");
    expect(run).toMatchObject({ output: "output_path", rule: 'IsUnique "id"' });
    expect(run.inputs).toEqual([
      {
        argument: "--input_path",
        location: "s3://awsglue-datasets/examples/us-legislators/all/persons.json-duplicated/part-00000.json",
        sample: join(PROJECT_DIR, "job_scripts", "sample_data", "awsglue-datasets", "examples", "us-legislators", "all", "persons.json"),
      },
    ]);
  });

  test("finds none where no output has a uniqueness rule, or only under onFailure: warn", () => {
    expect(duplicatedRunOf(loadConfig(writeTempProject(baseConfig())))).toBeUndefined();
    const warned = baseConfig();
    warned.jobs.ProcessLegislators.outputs.output_path = { path: "s3://{stageBucket}/output/process_legislators/", quality: { rules: ['IsUnique "id"'], onFailure: "warn" } };
    expect(duplicatedRunOf(loadConfig(writeTempProject(warned)))).toBeUndefined();
  });

  test("finds none where an input has no sample data to duplicate", () => {
    const config = loadConfig(join(PROJECT_DIR, "default-config.yaml"));
    expect(duplicatedRunOf(config, join(PROJECT_DIR, "no-such-sample-dir"))).toBeUndefined();
  });
});

test("duplicatedLines writes each JSON record twice and drops blank lines", () => {
  expect(duplicatedLines('{"id": 1}\n\n{"id": 2}\n')).toBe('{"id": 1}\n{"id": 1}\n{"id": 2}\n{"id": 2}\n');
});
