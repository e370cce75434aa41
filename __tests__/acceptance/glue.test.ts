import { glueArgumentKeys } from "../../stacks/acceptance/rules/glue-argument-keys";
import { glueExecutionClass } from "../../stacks/acceptance/rules/glue-execution-class";
import { glueWorkerType } from "../../stacks/acceptance/rules/glue-worker-type";
import { runOne } from "./fixtures";

const job = (fields: Record<string, unknown>, command = "glueetl") => ({ name: "dev-A", command: { name: command, script_location: "s3://b/a.py" }, glue_version: "5.1", ...fields });

describe("glue-worker-type", () => {
  test("refuses G.025X on a glueetl job, and worker types the job's Glue version lacks", () => {
    const findings = runOne(glueWorkerType, {
      aws_glue_job: {
        tiny: job({ worker_type: "G.025X" }),
        old: job({ worker_type: "R.2X", glue_version: "3.0" }),
        unknown: job({ worker_type: "G.3X" }),
        ray: job({ worker_type: "Z.2X" }),
      },
    });
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      'aws_glue_job.tiny: worker_type "G.025X" is for gluestreaming jobs, not glueetl',
      'aws_glue_job.old: worker_type "R.2X" needs Glue 4.0 or later, not 3.0',
      'aws_glue_job.unknown: worker_type "G.3X" is not a Glue worker type',
      'aws_glue_job.ray: worker_type "Z.2X" is for glueray jobs, not glueetl',
    ]);
  });

  test("accepts each worker type the config offers on a Glue 4.0+ ETL job, and G.025X on a streaming job", () => {
    const types = ["G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X", "R.4X", "R.8X"];
    const jobs = Object.fromEntries(types.map((t) => [t.replace(".", "_"), job({ worker_type: t, glue_version: "4.0" })]));
    expect(runOne(glueWorkerType, { aws_glue_job: { ...jobs, stream: job({ worker_type: "G.025X", glue_version: "3.0" }, "gluestreaming") } })).toEqual([]);
  });
});

describe("glue-execution-class", () => {
  test("refuses FLEX on worker types other than G.1X and G.2X, on streaming jobs and before Glue 3.0", () => {
    const findings = runOne(glueExecutionClass, {
      aws_glue_job: {
        big: job({ execution_class: "FLEX", worker_type: "G.4X" }),
        stream: job({ execution_class: "FLEX", worker_type: "G.1X" }, "gluestreaming"),
        old: job({ execution_class: "FLEX", worker_type: "G.2X", glue_version: "2.0" }),
        odd: job({ execution_class: "SPOT" }),
      },
    });
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      "aws_glue_job.big: FLEX does not run worker type G.4X",
      "aws_glue_job.stream: FLEX does not run a gluestreaming job",
      "aws_glue_job.old: FLEX does not run Glue 2.0",
      'aws_glue_job.odd: execution_class "SPOT" is neither FLEX nor STANDARD',
    ]);
  });

  test("accepts FLEX on G.1X and G.2X glueetl jobs, and STANDARD on anything", () => {
    expect(
      runOne(glueExecutionClass, {
        aws_glue_job: { a: job({ execution_class: "FLEX", worker_type: "G.1X" }), b: job({ execution_class: "FLEX", worker_type: "G.2X" }), c: job({ execution_class: "STANDARD", worker_type: "R.8X" }) },
      }),
    ).toEqual([]);
  });
});

describe("glue-argument-keys", () => {
  test("refuses an argument key without the leading --", () => {
    const findings = runOne(glueArgumentKeys, { aws_glue_job: { j: job({ default_arguments: { "--TempDir": "s3://b/t/", input_path: "s3://b/i" }, non_overridable_arguments: { "-x": "1" } }) } });
    expect(findings).toEqual([
      expect.objectContaining({ message: 'default_arguments key "input_path" does not start with --', fix: "write it as --input_path" }),
      expect.objectContaining({ message: 'non_overridable_arguments key "-x" does not start with --', fix: "write it as --x" }),
    ]);
  });

  test("accepts -- keys", () => {
    expect(runOne(glueArgumentKeys, { aws_glue_job: { j: job({ default_arguments: { "--TempDir": "s3://b/t/", "--input_path": "s3://b/i" } }) } })).toEqual([]);
  });
});
