import { AwsProvider, GlueJob, GlueSecurityConfiguration, IamRole, IamRolePolicy, KmsAlias, KmsKey, S3Bucket, S3BucketLifecycleConfiguration, S3BucketOwnershipControls, S3BucketPolicy, S3BucketPublicAccessBlock, S3BucketServerSideEncryptionConfigurationA, S3BucketVersioningA, S3Object } from "../stacks/cdktf";
import * as fs from "fs";
import * as path from "path";
import { synthGlueStack, resourcesOf } from "./helpers/synth-glue-stack";
import { baseConfig, writeTempProject } from "../testkit/temp-project";
import "./helpers/cdktf-matchers";

const policiesOf = (json: Record<string, any>) =>
  Object.values(resourcesOf(json, "aws_iam_role_policy")).map((p: any) => JSON.parse(p.policy));
const jobNamed = (json: Record<string, any>, name: string) =>
  Object.values(resourcesOf(json, "aws_glue_job")).find((j: any) => j.name === name) as any;

describe("GlueAppStack", () => {
  const configFile = writeTempProject(baseConfig());
  const dev = synthGlueStack(configFile, "dev");
  const prod = synthGlueStack(configFile, "prod");

  test("matches the snapshot of each stage", () => {
    expect(dev.synthesized).toMatchSnapshot("dev-glue");
    expect(prod.synthesized).toMatchSnapshot("prod-glue");
  });

  test("pins the provider to the stage's region and account, with default tags", () => {
    expect(prod.synthesized).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-central-1",
      allowed_account_ids: ["333333333333"],
      default_tags: [{ tags: expect.objectContaining({ stage: "prod", "managed-by": "cdktf" }) }],
    });
    expect(dev.json.provider.aws[0].assume_role).toBeUndefined();
  });

  test("script objects carry only the project's own tags, through a provider of their own: S3 allows 10 on an object", () => {
    const input = baseConfig();
    input.tags = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`team-tag-${i}`, "x"]));
    const { json } = synthGlueStack(writeTempProject(input), "dev");
    const [main, objects] = json.provider.aws;
    expect(Object.keys(main.default_tags[0].tags)).toHaveLength(23);
    expect(objects).toEqual(expect.objectContaining({ alias: "objects", allowed_account_ids: ["222222222222"] }));
    expect(objects.default_tags[0].tags).toEqual({ project: "glue-cdktf-pipeline", stage: "dev", "managed-by": "cdktf" });
    const scripts = Object.values(resourcesOf(json, "aws_s3_object")) as any[];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script.provider).toBe("aws.objects");
  });

  test("assumes the stage's deploy role when the config names one, through an ephemeral variable a plan may set", () => {
    const config = baseConfig();
    config.stages.dev.deployRoleArn = "arn:aws:iam::222222222222:role/glue-deploy-dev";
    const { synthesized, json } = synthGlueStack(writeTempProject(config), "dev");
    expect(synthesized).toHaveProviderWithProperties(AwsProvider, {
      assume_role: [expect.objectContaining({ role_arn: "${var.deploy_role_arn}" })],
    });
    expect(json.provider.aws.map((p: any) => p.assume_role[0].role_arn)).toEqual(["${var.deploy_role_arn}", "${var.deploy_role_arn}"]);
    expect(json.variable.deploy_role_arn).toMatchObject({ default: "arn:aws:iam::222222222222:role/glue-deploy-dev", ephemeral: true, type: "string" });
    expect(dev.json.variable).toBeUndefined();
  });

  test("the script bucket is named after stage, account and region, versioned, KMS-encrypted and private", () => {
    expect(dev.synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: "dev-glue-222222222222-eu-west-1" });
    expect(dev.synthesized).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: "Enabled" },
    });
    expect(dev.synthesized).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: "aws:kms" }) })],
    });
    expect(dev.synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(dev.synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(dev.synthesized).toHaveResourceWithProperties(KmsAlias, { name: "alias/glue-dev" });
    expect(dev.synthesized).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: "BucketOwnerEnforced" },
    });
  });

  test("temp files, Spark UI logs and Athena results expire; old versions and failed uploads are cleaned up", () => {
    const [lifecycle] = Object.values(resourcesOf(dev.json, "aws_s3_bucket_lifecycle_configuration")) as any[];
    expect(dev.synthesized).toHaveResource(S3BucketLifecycleConfiguration);
    expect(lifecycle.rule).toEqual([
      expect.objectContaining({
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
        noncurrent_version_expiration: [{ noncurrent_days: 90 }],
      }),
      expect.objectContaining({ filter: [{ prefix: "temp/" }], expiration: [{ days: 7 }] }),
      expect.objectContaining({ filter: [{ prefix: "spark-ui/" }], expiration: [{ days: 30 }] }),
      expect.objectContaining({ filter: [{ prefix: "athena-results/" }], expiration: [{ days: 30 }] }),
    ]);
  });

  test("every job runs under a security configuration that encrypts S3 data, logs and bookmarks with the stage key", () => {
    expect(dev.synthesized).toHaveResourceWithProperties(GlueSecurityConfiguration, {
      name: "glue-dev",
      encryption_configuration: {
        s3_encryption: expect.objectContaining({ s3_encryption_mode: "SSE-KMS" }),
        cloudwatch_encryption: expect.objectContaining({ cloudwatch_encryption_mode: "SSE-KMS" }),
        job_bookmarks_encryption: expect.objectContaining({ job_bookmarks_encryption_mode: "CSE-KMS" }),
      },
    });
    for (const job of Object.values(resourcesOf(dev.json, "aws_glue_job")) as any[]) {
      expect(job.security_configuration).toMatch(/^\$\{aws_glue_security_configuration\.security.*\.name\}$/);
    }
    const key = (Object.values(resourcesOf(dev.json, "aws_kms_key")) as any[]).find((k) => k.description.startsWith("Encrypts the dev-glue bucket"));
    expect(JSON.parse(key.policy).Statement).toContainEqual(
      expect.objectContaining({ Principal: { Service: "logs.eu-west-1.amazonaws.com" } }),
    );
  });

  test("the bucket policy denies every request that is not over TLS", () => {
    expect(dev.synthesized).toHaveResource(S3BucketPolicy);
    const [policy] = Object.values(resourcesOf(dev.json, "aws_s3_bucket_policy")) as any[];
    expect(JSON.parse(policy.policy).Statement).toContainEqual(
      expect.objectContaining({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": false } } }),
    );
  });

  test("each script is an asset uploaded with its content hash, plus the shared libraries zip", () => {
    const objects = Object.values(resourcesOf(dev.json, "aws_s3_object")) as any[];
    expect(objects.map((o) => o.key).sort()).toEqual([
      "libraries/python-libraries.zip",
      "scripts/join_legislators.py",
      "scripts/process_legislators.py",
    ]);
    for (const object of objects) {
      expect(object.source_hash).toMatch(/^[0-9A-F]{32}$/i);
      expect(object.source).toMatch(/^assets\//);
    }
    expect(dev.synthesized).toHaveResourceWithProperties(S3Object, { server_side_encryption: "aws:kms" });
  });

  test("an edited script gets a new source hash, so it is uploaded again", () => {
    const file = writeTempProject(baseConfig());
    const before = synthGlueStack(file).json;
    fs.appendFileSync(path.join(path.dirname(file), "job_scripts", "join_legislators.py"), "# edited\n");
    const after = synthGlueStack(file).json;
    const hashOf = (json: any, key: string) =>
      (Object.values(resourcesOf(json, "aws_s3_object")) as any[]).find((o) => o.key === key).source_hash;
    expect(hashOf(after, "scripts/join_legislators.py")).not.toEqual(hashOf(before, "scripts/join_legislators.py"));
    expect(hashOf(after, "scripts/process_legislators.py")).toEqual(hashOf(before, "scripts/process_legislators.py"));
  });

  test("one Glue ETL job per configured job, with the seed's tags and the config's tuning", () => {
    expect(Object.keys(resourcesOf(dev.json, "aws_glue_job"))).toHaveLength(2);
    expect(dev.synthesized).toHaveResourceWithProperties(GlueJob, {
      name: "dev-JoinLegislators",
      command: { name: "glueetl", python_version: "3", script_location: "s3://dev-glue-222222222222-eu-west-1/scripts/join_legislators.py" },
      glue_version: "5.1",
      worker_type: "G.1X",
      number_of_workers: 2,
      execution_class: "FLEX",
      timeout: 60,
      max_retries: 0,
      execution_property: { max_concurrent_runs: 1 },
      tags: { environment: "dev", artifact_id: "join_legislators.py", stack_id: "dev-glue/JoinLegislators", stack_name: "dev-glue" },
    });
    expect(prod.synthesized).toHaveResourceWithProperties(GlueJob, {
      name: "prod-JoinLegislators",
      number_of_workers: 4,
      execution_class: "STANDARD",
    });
  });

  test("job arguments carry the job's own parameters, temp dir, metrics, Spark UI, auto-scaling and libraries", () => {
    const job = jobNamed(dev.json, "dev-JoinLegislators");
    expect(job.default_arguments).toEqual({
      "--input_path_orgs": "s3://awsglue-datasets/examples/us-legislators/all/organizations.json",
      "--input_path_persons": "s3://awsglue-datasets/examples/us-legislators/all/persons.json",
      "--input_path_memberships": "s3://awsglue-datasets/examples/us-legislators/all/memberships.json",
      "--output_path": "s3://dev-glue-222222222222-eu-west-1/output/join_legislators/",
      "--job-language": "python",
      "--TempDir": "s3://dev-glue-222222222222-eu-west-1/temp/JoinLegislators/",
      "--enable-metrics": "true",
      "--enable-observability-metrics": "true",
      "--enable-continuous-cloudwatch-log": "true",
      "--enable-spark-ui": "true",
      "--spark-event-logs-path": "s3://dev-glue-222222222222-eu-west-1/spark-ui/JoinLegislators/",
      "--enable-auto-scaling": "true",
      "--enable-job-insights": "true",
      "--extra-py-files": "s3://dev-glue-222222222222-eu-west-1/libraries/python-libraries.zip",
    });
  });

  test("each job role reads only its code and inputs and writes only its outputs, temp dir and Spark logs", () => {
    expect(dev.synthesized).toHaveResourceWithProperties(IamRole, { name: "glue-job-dev-ProcessLegislators" });
    expect(dev.synthesized).toHaveResourceWithProperties(IamRolePolicy, { name: "least-privilege" });
    const role = (Object.values(resourcesOf(dev.json, "aws_iam_role")) as any[]).find((r) => r.name === "glue-job-dev-ProcessLegislators");
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toEqual(
      expect.objectContaining({ Principal: { Service: "glue.amazonaws.com" }, Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } } }),
    );
    const policy = policiesOf(dev.json).find((p) =>
      p.Statement.some((s: any) => String(s.Resource).includes("scripts/process_legislators.py")),
    );
    const sid = (name: string) => policy.Statement.find((s: any) => s.Sid === name);
    expect(sid("ReadCode").Resource).toEqual([
      "arn:aws:s3:::dev-glue-222222222222-eu-west-1/libraries/python-libraries.zip*",
      "arn:aws:s3:::dev-glue-222222222222-eu-west-1/scripts/process_legislators.py*",
    ]);
    expect(sid("ReadInputs").Resource).toEqual(["arn:aws:s3:::awsglue-datasets/examples/us-legislators/all/persons.json*"]);
    expect(sid("WriteOutputsTempAndSparkLogs").Resource).toEqual([
      "arn:aws:s3:::dev-glue-222222222222-eu-west-1/output/process_legislators/*",
      "arn:aws:s3:::dev-glue-222222222222-eu-west-1/spark-ui/ProcessLegislators/*",
      "arn:aws:s3:::dev-glue-222222222222-eu-west-1/temp/ProcessLegislators/*",
    ]);
    // The other job's script is out of reach.
    expect(JSON.stringify(policy)).not.toContain("join_legislators");
  });

  test("each job role may make S3A's directory checks above what it writes: exact keys and one-level listings, nothing under a parent", () => {
    const policy = policiesOf(dev.json).find((p) => p.Statement.some((s: any) => String(s.Resource).includes("scripts/process_legislators.py")));
    const sid = (name: string) => policy.Statement.find((s: any) => s.Sid === name);
    const bucket = "arn:aws:s3:::dev-glue-222222222222-eu-west-1";
    // HEAD on each "directory" of a written location, the location itself included (S3A's mkdirs and getFileStatus).
    expect(sid("ProbeWriteDirectories")).toEqual({
      Sid: "ProbeWriteDirectories",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: [`${bucket}/output`, `${bucket}/output/process_legislators`, `${bucket}/spark-ui`, `${bucket}/spark-ui/ProcessLegislators`, `${bucket}/temp`, `${bucket}/temp/ProcessLegislators`],
    });
    // The parents' markers S3A deletes after each file it writes; the locations' own are under their /* grant.
    expect(sid("DeleteWriteParentMarkers")).toEqual({ Sid: "DeleteWriteParentMarkers", Effect: "Allow", Action: "s3:DeleteObject", Resource: [`${bucket}/output/`, `${bucket}/spark-ui/`, `${bucket}/temp/`] });
    expect(sid("ListWriteParents0")).toEqual({
      Sid: "ListWriteParents0",
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: bucket,
      Condition: { StringEquals: { "s3:prefix": ["output/", "spark-ui/", "temp/"], "s3:delimiter": "/" } },
    });
    // No wildcard reaches above a job's own prefixes: nothing bucket-wide, no s3:*.
    const s3Resources = policy.Statement.filter((s: any) => String(s.Action).includes("s3:")).flatMap((s: any) => [s.Resource].flat());
    for (const resource of s3Resources) expect(resource).not.toMatch(/^arn:aws:s3:::[^/]+\/\*$|^arn:aws:s3:::[^/]+\/(output|temp|spark-ui)\/?\*$/);
    expect(policy.Statement.flatMap((s: any) => [s.Action].flat())).not.toContain("s3:*");
  });

  test("the integration-test role trusts only the pipeline's IntegTest role and runs only this stage's jobs and workflow", () => {
    expect(dev.synthesized).toHaveResourceWithProperties(IamRole, { name: "glue-test-dev" });
    const role = (Object.values(resourcesOf(dev.json, "aws_iam_role")) as any[]).find((r) => r.name === "glue-test-dev");
    expect(JSON.parse(role.assume_role_policy).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: "sts:AssumeRole",
      Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::111111111111:role/glue-pipeline-integ-test" } },
    });
    const policy = policiesOf(dev.json).find((p) => p.Statement.some((s: any) => s.Sid === "RunThisStagesJobs"));
    expect(policy.Statement).toEqual([
      { Sid: "ListJobs", Effect: "Allow", Action: "glue:GetJobs", Resource: "*" },
      {
        Sid: "RunThisStagesJobs",
        Effect: "Allow",
        Action: ["glue:GetTags", "glue:StartJobRun", "glue:GetJobRun"],
        // The stage's job-name prefix, not one ARN per job: the policy keeps its size at any number of jobs.
        Resource: "arn:aws:glue:eu-west-1:222222222222:job/dev-*",
      },
      {
        Sid: "RunThisStagesWorkflow",
        Effect: "Allow",
        Action: ["glue:GetWorkflow", "glue:StartWorkflowRun", "glue:GetWorkflowRun"],
        Resource: "arn:aws:glue:eu-west-1:222222222222:workflow/dev-glue-workflow",
      },
    ]);
  });

  test("every role carries the stage's permissions boundary, unless the config turns it off", () => {
    const roles = Object.values(resourcesOf(dev.json, "aws_iam_role")) as any[];
    expect(roles.length).toBe(3);
    for (const role of roles) expect(role.permissions_boundary).toBe("arn:aws:iam::222222222222:policy/glue-dev-role-boundary");
    const config = baseConfig();
    config.stages.dev.roleBoundary = false;
    const unbounded = Object.values(resourcesOf(synthGlueStack(writeTempProject(config), "dev").json, "aws_iam_role")) as any[];
    for (const role of unbounded) expect(role.permissions_boundary).toBeUndefined();
  });

  test("a third job needs only YAML and a script: no TypeScript edit", () => {
    const config = baseConfig();
    config.stages.dev.jobs.CountMemberships = {
      script: "count_memberships.py",
      inputs: { input_path: "s3://awsglue-datasets/examples/us-legislators/all/memberships.json" },
      arguments: { min_count: 3 },
      workerType: "G.2X",
      timeoutMinutes: 15,
    };
    const { synthesized, json } = synthGlueStack(writeTempProject(config, ["count_memberships.py"]), "dev");
    expect(Object.keys(resourcesOf(json, "aws_glue_job"))).toHaveLength(3);
    expect(synthesized).toHaveResourceWithProperties(GlueJob, {
      name: "dev-CountMemberships",
      worker_type: "G.2X",
      timeout: 15,
      default_arguments: expect.objectContaining({ "--min_count": "3", "--input_path": "s3://awsglue-datasets/examples/us-legislators/all/memberships.json" }),
      tags: expect.objectContaining({ stack_name: "dev-glue" }),
    });
    expect(synthesized).toHaveResourceWithProperties(S3Object, { key: "scripts/count_memberships.py" });
    expect(synthesized).toHaveResourceWithProperties(IamRole, { name: "glue-job-dev-CountMemberships" });
    // The integration-test role runs it through the stage's job-name prefix.
    const runStatement = policiesOf(json).flatMap((p) => p.Statement).find((st: any) => st.Sid === "RunThisStagesJobs");
    expect(runStatement.Resource).toBe("arn:aws:glue:eu-west-1:222222222222:job/dev-*");
    // Only the stage that configures it gets it.
    expect(Object.keys(resourcesOf(synthGlueStack(writeTempProject(config, ["count_memberships.py"]), "prod").json, "aws_glue_job"))).toHaveLength(2);
  });

  test("a stage can switch a shared job off", () => {
    const config = baseConfig();
    config.stages.prod.jobs.ProcessLegislators = { enabled: false };
    const { json } = synthGlueStack(writeTempProject(config), "prod");
    expect((Object.values(resourcesOf(json, "aws_glue_job")) as any[]).map((j) => j.name)).toEqual(["prod-JoinLegislators"]);
  });
});
