import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, PROJECT_DIR } from "../../stacks/config";
import { SAMPLE_DATA_DIR, sampleObjects } from "../../rehearsal/sample-data";

const LEGISLATORS = join(SAMPLE_DATA_DIR, "awsglue-datasets", "examples", "us-legislators", "all");

describe("sampleObjects: the sample data at the locations the jobs read", () => {
  test("the default config's jobs read three files of s3://awsglue-datasets, once each", () => {
    expect(sampleObjects(loadConfig(join(PROJECT_DIR, "default-config.yaml")))).toEqual(
      ["memberships", "organizations", "persons"].map((name) => ({ bucket: "awsglue-datasets", key: `examples/us-legislators/all/${name}.json`, file: join(LEGISLATORS, `${name}.json`) })),
    );
  });

  test("a folder input is every file under it; inputs read from a table, not in S3, or without sample data are left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "sample-data-test-"));
    try {
      mkdirSync(join(dir, "data-bucket", "in", "part"), { recursive: true });
      writeFileSync(join(dir, "data-bucket", "in", "a.json"), "{}\n");
      writeFileSync(join(dir, "data-bucket", "in", "part", "b.json"), "{}\n");
      const job = {
        inputs: { folder: "s3://data-bucket/in/", table: "s3://dev-stage/out/x/", local: "/tmp/in.json", missing: "s3://data-bucket/none.json" },
        inputTables: { table: { database: "dev_glue", name: "x" } },
      };
      const config = { stages: { dev: { jobs: { A: job } }, prod: { jobs: {} } } } as unknown as Parameters<typeof sampleObjects>[0];
      expect(sampleObjects(config, dir)).toEqual([
        { bucket: "data-bucket", key: "in/a.json", file: join(dir, "data-bucket", "in", "a.json") },
        { bucket: "data-bucket", key: "in/part/b.json", file: join(dir, "data-bucket", "in", "part", "b.json") },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
