import { join } from "node:path";
import { loadConfig, PROJECT_DIR } from "../../stacks/config";
import { describeOutputs, expectedOutputs } from "../../rehearsal/job-outputs";

describe("expectedOutputs: what the dev jobs must have written on the sample data", () => {
  test("each output of the default config's jobs, with the rows its script writes on the sample data", () => {
    const bucket = "s3://dev-glue-123456789012-eu-west-1";
    expect(expectedOutputs(loadConfig(join(PROJECT_DIR, "default-config.yaml")).stages.dev)).toEqual([
      { job: "dev-ProcessLegislators", output: "output_path", location: `${bucket}/output/process_legislators/`, rows: 8 },
      { job: "dev-JoinLegislators", output: "output_path", location: `${bucket}/output/join_legislators/`, rows: 9 },
      { job: "dev-SummarizeLegislators", output: "output_path", location: `${bucket}/output/summarize_legislators/`, rows: 2 },
    ]);
  });

  test("a job of another script only has to write something", () => {
    const stage = { jobs: { X: { glueJobName: "dev-X", script: "x.py", outputs: { out: "s3://b/x/" } } } } as unknown as Parameters<typeof expectedOutputs>[0];
    expect(expectedOutputs(stage)).toEqual([{ job: "dev-X", output: "out", location: "s3://b/x/", rows: undefined }]);
  });

  test("describeOutputs names a missing output's location and a count's expectation", () => {
    expect(
      describeOutputs([
        { job: "dev-A", output: "out", location: "s3://b/a/", rows: 8, files: 0, found: 0, passed: false },
        { job: "dev-B", output: "out", location: "s3://b/b/", files: 2, found: 3, passed: true },
      ]),
    ).toBe("dev-A out: no Parquet at s3://b/a/ (expected 8)\ndev-B out: 3 rows (expected at least 1)");
  });
});
