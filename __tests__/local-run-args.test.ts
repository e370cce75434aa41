import * as path from "path";
import {
  DEFAULT_LOCAL_DATA_DIR,
  DEFAULT_OUTPUT_DIR,
  localJobRun,
  localPathFor,
  localWarehouse,
  parseLocalRunArgs,
  selectJob,
  UsageError,
} from "../local-run/local-run-args";

const PROJECT = "/repo";
const CWD = "/home/me/work";

describe("parseLocalRunArgs", () => {
  test("takes the job name and defaults the stage and the folders to the project's", () => {
    expect(parseLocalRunArgs(["JoinLegislators"], PROJECT, CWD)).toEqual({
      mode: "job",
      jobName: "JoinLegislators",
      stage: "dev",
      localDataDir: path.join(PROJECT, DEFAULT_LOCAL_DATA_DIR),
      outputDir: path.join(PROJECT, DEFAULT_OUTPUT_DIR),
    });
  });

  test("resolves given folders against the current directory, in any order", () => {
    const argv = ["--output-dir", "out", "--stage", "prod", "ProcessLegislators", "--local-data", "/data"];
    expect(parseLocalRunArgs(argv, PROJECT, CWD)).toEqual({
      mode: "job",
      jobName: "ProcessLegislators",
      stage: "prod",
      localDataDir: "/data",
      outputDir: "/home/me/work/out",
    });
  });

  test("--help asks for the usage text", () => {
    expect(parseLocalRunArgs(["--help"], PROJECT, CWD)).toBe("help");
  });

  test("--workflow runs every job of the stage with the same folders; --graph only names the stage", () => {
    expect(parseLocalRunArgs(["--workflow", "--stage", "prod", "--output-dir", "out"], PROJECT, CWD)).toEqual({
      mode: "workflow",
      stage: "prod",
      localDataDir: path.join(PROJECT, DEFAULT_LOCAL_DATA_DIR),
      outputDir: "/home/me/work/out",
    });
    expect(parseLocalRunArgs(["--graph"], PROJECT, CWD)).toEqual({ mode: "graph", stage: "dev" });
  });

  test("--s3 runs one job of the stage in the emulator, with no local folders", () => {
    expect(parseLocalRunArgs(["ProcessLegislators", "--s3", "--stage", "prod"], PROJECT, CWD)).toEqual({ mode: "s3", jobName: "ProcessLegislators", stage: "prod" });
  });

  test.each([
    [[], /name the job to run, e\.g\. npm run job -- JoinLegislators --stage dev, or run them all with --workflow/],
    [["A", "B"], /name one job to run, got A, B; run them all with --workflow/],
    [["A", "--stag", "dev"], /Unknown option '--stag'.*--help/],
    [["A", "--stage"], /--stage.*argument missing/],
    [["--workflow", "A"], /--workflow takes every job of the stage; drop A, or drop --workflow to run one job/],
    [["--graph", "A"], /--graph takes every job of the stage; drop A/],
    [["--workflow", "--graph"], /give --workflow \(run the stage's jobs\) or --graph \(print its workflow\), not both/],
    [["--graph", "--output-dir", "x"], /--graph runs nothing; drop --local-data and --output-dir/],
    [["A", "--s3", "--local-data", "x"], /--s3 reads and writes the emulator's S3; drop --local-data and --output-dir/],
    [["--s3", "--graph"], /--s3 runs one job; drop --graph/],
    [["--s3"], /name the job to run/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseLocalRunArgs(argv, PROJECT, CWD)).toThrow(UsageError);
    expect(() => parseLocalRunArgs(argv, PROJECT, CWD)).toThrow(message);
  });
});

describe("selectJob", () => {
  const stages = { dev: { jobs: { A: "job A", B: "job B" } }, prod: { jobs: {} } };

  test("returns the stage's job", () => {
    expect(selectJob(stages, "dev", "B")).toBe("job B");
  });

  test("an unknown stage lists the stages", () => {
    expect(() => selectJob(stages, "qa", "A")).toThrow(new UsageError('unknown stage "qa"; the stages are: dev, prod'));
  });

  test("an unknown job lists the stage's jobs", () => {
    expect(() => selectJob(stages, "dev", "C")).toThrow(new UsageError('unknown job "C" in stage dev; its jobs are: A, B'));
    expect(() => selectJob(stages, "prod", "A")).toThrow(new UsageError('unknown job "A" in stage prod; it has no jobs'));
  });

  test("names inherited from Object are not stages or jobs", () => {
    expect(() => selectJob(stages, "toString", "A")).toThrow(/unknown stage "toString"/);
    expect(() => selectJob(stages, "dev", "constructor")).toThrow(/unknown job "constructor"/);
  });
});

describe("localPathFor", () => {
  test.each([
    ["s3://awsglue-datasets/examples/us-legislators/all/persons.json", "/d/awsglue-datasets/examples/us-legislators/all/persons.json"],
    ["s3://dev-bucket/output/join_legislators/", "/d/dev-bucket/output/join_legislators/"],
    ["s3://bucket", "/d/bucket"],
  ])("maps %s to %s", (location, expected) => {
    expect(localPathFor(location, "/d")).toBe(expected);
  });

  test.each(["s3://bucket/../../etc/passwd", "s3://bucket/a/./b", "s3://../x"])("refuses %s, whose . or .. segment could lead out of the folder", (location) => {
    expect(() => localPathFor(location, "/d")).toThrow(/path segment, which would map outside \/d/);
  });

  test.each(["/local/file.json", "https://example.org/x", "s3:/bucket/key", "s3:///key"])("refuses %s, which is not s3://", (location) => {
    expect(() => localPathFor(location, "/d")).toThrow(/is not an s3:\/\/BUCKET\/KEY location/);
  });
});

describe("localJobRun", () => {
  const job = {
    glueJobName: "dev-JoinLegislators",
    inputs: { input_path_orgs: "s3://data/orgs.json", input_path_persons: "/already/local/persons.json" },
    outputs: { output_path: "s3://dev-bucket/output/join/" },
    arguments: { mode: "full" },
    inputTables: {},
    outputTables: {},
  };

  test("passes JOB_NAME and every argument, with S3 inputs and outputs on the local folders", () => {
    expect(localJobRun(job, { localDataDir: "/in", outputDir: "/out" })).toEqual({
      args: [
        "--JOB_NAME", "dev-JoinLegislators",
        "--mode", "full",
        "--input_path_orgs", "/in/data/orgs.json",
        "--input_path_persons", "/already/local/persons.json",
        "--output_path", "/out/dev-bucket/output/join/",
      ],
      outputs: { output_path: "/out/dev-bucket/output/join/" },
    });
  });

  test("a job without outputs writes nothing", () => {
    expect(localJobRun({ ...job, outputs: {} }, { localDataDir: "/in", outputDir: "/out" }).outputs).toEqual({});
  });

  test("tables are named as on Glue, and a table's input is read where the writing job wrote it, under the output folder", () => {
    const summary = {
      glueJobName: "dev-SummarizeLegislators",
      inputs: { history: "s3://dev-bucket/output/join/" },
      outputs: { output_path: "s3://dev-bucket/output/summary/" },
      arguments: {},
      inputTables: { history: { database: "dev_glue", name: "legislators_history" } },
      outputTables: { output_path: { database: "dev_glue", name: "legislators_summary" } },
    };
    expect(localJobRun(summary, { localDataDir: "/in", outputDir: "/out" }).args).toEqual([
      "--JOB_NAME", "dev-SummarizeLegislators",
      "--history", "/out/dev-bucket/output/join/",
      "--output_path", "/out/dev-bucket/output/summary/",
      "--history_table", "dev_glue.legislators_history",
      "--output_path_table", "dev_glue.legislators_summary",
    ]);
  });
});

describe("localWarehouse", () => {
  test("Spark's local catalog lives under the run's output folder", () => {
    expect(localWarehouse("/out")).toBe("/out/spark-warehouse");
  });
});
