import { bucketNameProblems, s3BucketNames } from "../../stacks/acceptance/rules/s3-bucket-names";
import { resourceNames } from "../../stacks/acceptance/rules/resource-names";
import { uniqueNames } from "../../stacks/acceptance/rules/unique-names";
import { run, runOne, stackOf } from "./fixtures";

describe("resource-names", () => {
  test("refuses names over their API's length or outside its pattern", () => {
    const findings = runOne(resourceNames, {
      aws_iam_role: { long: { name: `glue-job-prod-${"J".repeat(51)}` }, spaced: { name: "glue job" } },
      aws_iam_policy: { p: { name: "p".repeat(129) } },
      aws_glue_job: { j: { name: `prod-${"é".repeat(126)}` } },
      aws_codebuild_project: { c: { name: "-build" } },
      aws_cloudwatch_log_group: { l: { name: "/aws/codebuild/glue pipeline" } },
      aws_cloudwatch_event_rule: { e: { name: "r".repeat(65) } },
      aws_kms_alias: { k: { name: "alias/aws/glue" }, k2: { name: "glue-dev" } },
      aws_sns_topic: { t: { name: "failures!" } },
      aws_codepipeline: { p: { name: "p".repeat(101) } },
    });
    expect(findings.map((f) => `${f.address}: ${f.message}`)).toEqual([
      `aws_iam_role.long: name "glue-job-prod-${"J".repeat(51)}" is 65 characters; aws_iam_role allows 1 to 64`,
      'aws_iam_role.spaced: name "glue job" has characters aws_iam_role refuses',
      expect.stringMatching(/^aws_iam_policy.p: name "p+\.\.\." is 129 characters; aws_iam_policy allows 1 to 128$/),
      expect.stringMatching(/^aws_glue_job.j: name ".*" is 257 bytes; aws_glue_job allows 1 to 255$/),
      'aws_codebuild_project.c: name "-build" has characters aws_codebuild_project refuses',
      'aws_cloudwatch_log_group.l: name "/aws/codebuild/glue pipeline" has characters aws_cloudwatch_log_group refuses',
      expect.stringMatching(/^aws_cloudwatch_event_rule.e: name "r+" is 65 characters; aws_cloudwatch_event_rule allows 1 to 64$/),
      'aws_kms_alias.k: name "alias/aws/glue" has characters aws_kms_alias refuses',
      'aws_kms_alias.k2: name "glue-dev" has characters aws_kms_alias refuses',
      'aws_sns_topic.t: name "failures!" has characters aws_sns_topic refuses',
      expect.stringMatching(/^aws_codepipeline.p: name "p+" is 101 characters; aws_codepipeline allows 1 to 100$/),
    ]);
  });

  test("accepts the project's names at their longest, and names taken from other resources", () => {
    expect(
      runOne(resourceNames, {
        aws_iam_role: { job: { name: `glue-job-prod-${"J".repeat(48)}` }, ref: { name: "${aws_iam_role.job.name}" } },
        aws_glue_job: { j: { name: `prod-${"J".repeat(48)}` } },
        aws_codebuild_project: { c: { name: "glue-pipeline-update-pipeline" } },
        aws_cloudwatch_log_group: { l: { name: "/aws/codebuild/glue-pipeline-update-pipeline" } },
        aws_kms_alias: { k: { name: "alias/glue-pipeline-artifacts" } },
        aws_sns_topic: { t: { name: "glue-pipeline-failures" } },
      }),
    ).toEqual([]);
  });
});

describe("s3-bucket-names", () => {
  test("refuses names S3 refuses: length, case, edges, IP form, reserved prefixes and suffixes", () => {
    expect(bucketNameProblems("ab")).toEqual(["is 2 characters; S3 allows 3 to 63"]);
    expect(bucketNameProblems("Glue_Bucket")).toEqual(["may hold only lower-case letters, digits, . and -", "must begin and end with a letter or digit"]);
    expect(bucketNameProblems("glue..bucket-")).toEqual(["must begin and end with a letter or digit", "must not hold two periods in a row"]);
    expect(bucketNameProblems("192.168.1.10")).toEqual(["must not look like an IP address"]);
    expect(bucketNameProblems("xn--glue")).toEqual(["must not begin with the reserved xn--"]);
    expect(bucketNameProblems("glue--x-s3")).toEqual(["must not end with the reserved --x-s3"]);
    expect(bucketNameProblems("b".repeat(64))).toEqual(["is 64 characters; S3 allows 3 to 63"]);
    const findings = runOne(s3BucketNames, { aws_s3_bucket: { bucket: { bucket: "dev-glue-sthree-s3alias" } } });
    expect(findings).toEqual([
      expect.objectContaining({ address: "aws_s3_bucket.bucket", message: 'bucket "dev-glue-sthree-s3alias" must not end with the reserved -s3alias' }),
    ]);
  });

  test("accepts the stage and artifact buckets in the longest region", () => {
    expect(
      runOne(s3BucketNames, {
        aws_s3_bucket: { a: { bucket: "glue-pipeline-artifacts-123456789012-ap-southeast-5" }, b: { bucket: "prod-glue-123456789012-us-gov-west-1" } },
      }),
    ).toEqual([]);
  });
});

describe("unique-names", () => {
  const jobRole = (name: string) => ({ aws_iam_role: { role: { name } } });

  test("refuses IAM role names that differ only by case in one account, across stacks", () => {
    const findings = run(uniqueNames, {
      "dev-glue": stackOf(jobRole("glue-job-dev-Load")),
      "prod-glue": stackOf({ aws_iam_role: { other: { name: "glue-job-dev-load" } } }),
    });
    expect(findings).toEqual([
      {
        rule: "unique-names",
        stack: "prod-glue",
        address: "aws_iam_role.other",
        message: 'name "glue-job-dev-load" is also taken by dev-glue aws_iam_role.role ("glue-job-dev-Load"); IAM role names are unique per account, ignoring case',
        fix: "give one of them another name",
      },
    ]);
  });

  test("refuses one bucket name twice anywhere, and regional names twice in one account and region", () => {
    const findings = run(uniqueNames, {
      a: stackOf({ aws_s3_bucket: { b: { bucket: "shared" } }, aws_glue_job: { j: { name: "dev-A" } } }),
      b: stackOf({ aws_s3_bucket: { b: { bucket: "shared" } }, aws_glue_job: { j: { name: "dev-A" } } }, [{ account: "222222222222" }]),
      c: stackOf({ aws_glue_job: { j: { name: "dev-A" } } }),
    });
    expect(findings.map((f) => `${f.stack} ${f.address}`)).toEqual(["b aws_s3_bucket.b", "c aws_glue_job.j"]);
  });

  test("places a resource in its provider's account: the same name in another account is fine", () => {
    const pipeline = stackOf({ aws_iam_role: { dev: { name: "glue-deploy-dev", provider: "aws.dev" } } }, [{}, { alias: "dev", account: "222222222222" }]);
    // The pipeline stack creates the role in dev's account through its aliased provider.
    expect(run(uniqueNames, { pipeline, dev: stackOf(jobRole("glue-deploy-dev"), [{ account: "222222222222" }]) }).map((f) => f.stack)).toEqual(["dev"]);
    expect(run(uniqueNames, { pipeline, dev: stackOf(jobRole("glue-deploy-dev"), [{ account: "333333333333" }]) })).toEqual([]);
  });
});

describe("names of workflows, triggers, databases and workgroups", () => {
  test("refuses what Glue and Athena refuse, and a database name Athena and Spark would need quoted", () => {
    const findings = runOne(resourceNames, {
      aws_glue_workflow: { w: { name: `dev-${"w".repeat(252)}` } },
      aws_glue_trigger: { t: { name: "dev-start\u0001" } },
      aws_glue_catalog_database: { upper: { name: "Dev_Glue" }, dashed: { name: "dev-glue" } },
      aws_athena_workgroup: { spaced: { name: "dev glue" }, long: { name: "w".repeat(129) } },
    });
    expect(findings.map((f) => `${f.address}: ${f.message} (${f.fix})`)).toEqual([
      expect.stringMatching(/^aws_glue_workflow\.w: name "dev-w+.*" is 256 bytes; aws_glue_workflow allows 1 to 255/),
      'aws_glue_trigger.t: name "dev-start\\u0001" has characters aws_glue_trigger refuses (use any printable character)',
      'aws_glue_catalog_database.upper: name "Dev_Glue" has characters aws_glue_catalog_database refuses (use lower-case letters, digits and _)',
      'aws_glue_catalog_database.dashed: name "dev-glue" has characters aws_glue_catalog_database refuses (use lower-case letters, digits and _)',
      'aws_athena_workgroup.spaced: name "dev glue" has characters aws_athena_workgroup refuses (use letters, digits and . _ -)',
      expect.stringMatching(/^aws_athena_workgroup\.long: name "w+.*" is 129 characters; aws_athena_workgroup allows 1 to 128/),
    ]);
  });

  test("accepts the project's own names, at the longest job name", () => {
    expect(
      runOne(resourceNames, {
        aws_glue_workflow: { w: { name: "prod-glue-workflow" } },
        aws_glue_trigger: { s: { name: "prod-glue-start" }, a: { name: `prod-${"J".repeat(48)}-after` } },
        aws_glue_catalog_database: { d: { name: "prod_glue" } },
        aws_athena_workgroup: { g: { name: "prod-glue" } },
      }),
    ).toEqual([]);
  });

  test("refuses one workflow, trigger, database or workgroup name twice in an account and region", () => {
    const resources = {
      aws_glue_workflow: { w: { name: "dev-glue-workflow" } },
      aws_glue_trigger: { t: { name: "dev-glue-start" } },
      aws_glue_catalog_database: { d: { name: "dev_glue" } },
      aws_athena_workgroup: { g: { name: "dev-glue" } },
    };
    const findings = run(uniqueNames, { a: stackOf(resources), b: stackOf(resources), c: stackOf(resources, [{ region: "eu-central-1" }]) });
    expect(findings.map((f) => `${f.stack} ${f.address}`).sort()).toEqual([
      "b aws_athena_workgroup.g",
      "b aws_glue_catalog_database.d",
      "b aws_glue_trigger.t",
      "b aws_glue_workflow.w",
    ]);
  });
});
