/** `dev-glue` / `prod-glue`: one stage's script bucket, scripts, Glue jobs and integration-test role. */
import { Construct, GlueSecurityConfiguration, TerraformOutput, TerraformStack } from "./cdktf";
import { addAwsAccountProvider } from "./aws-account-provider";
import { deployRoleReference } from "./deploy-role-variable";
import type { AppConfig, StageConfig } from "./config";
import { partitionOf } from "./constants/aws-regions";
import { AthenaWorkgroup } from "./constructs/athena-workgroup";
import { CatalogDatabase } from "./constructs/catalog-database";
import { EncryptionKey } from "./constructs/encryption-key";
import { GlueJob } from "./constructs/glue-job";
import { IntegTestRole } from "./constructs/integ-test-role";
import { jobAlerts } from "./constructs/job-alerts";
import { JobScripts } from "./constructs/job-scripts";
import { DataQualityRulesets } from "./constructs/data-quality-ruleset";
import { QualityAlerts } from "./constructs/quality-alerts";
import { logsKeyStatement } from "./iam/policy-document";
import { SecureBucket } from "./constructs/secure-bucket";
import { StageWorkflow } from "./constructs/stage-workflow";
import { StageDashboard } from "./constructs/stage-dashboard";
import {
  ATHENA_RESULTS_PREFIX,
  athenaWorkgroupName,
  INTEG_TEST_RUNNER_ROLE_NAME,
  integTestRoleName,
  jobAfterTriggerName,
  stageJobNamePrefix,
  stageKeyAlias,
  stageWorkflowName,
  workflowStartTriggerName,
} from "./names";
import { addStateBackend } from "./state-backend";

export interface GlueAppStackProps {
  readonly config: AppConfig;
  readonly stage: StageConfig;
}

export class GlueAppStack extends TerraformStack {
  readonly jobs: Record<string, GlueJob> = {};

  constructor(scope: Construct, id: string, props: GlueAppStackProps) {
    super(scope, id);
    const { config, stage } = props;
    const { awsAccountId: accountId, awsRegion: region } = stage.account;
    const partition = partitionOf(region);

    addStateBackend(this, config.backend, stage.stackName);
    const projectTags = { project: "glue-cdktf-pipeline", stage: stage.name, "managed-by": "cdktf" };
    const provider = { account: stage.account, deployRoleArn: deployRoleReference(this, stage.deployRoleArn) };
    addAwsAccountProvider(this, { ...provider, tags: { ...projectTags, ...config.tags, ...stage.tags } });
    // S3 allows 10 tags on an object: the scripts carry the project's own, the bucket all of them.
    const objectsProvider = addAwsAccountProvider(this, { ...provider, tags: projectTags, alias: "objects" });

    const key = new EncryptionKey(this, "key", {
      alias: stageKeyAlias(stage.name),
      description: `Encrypts the ${stage.stackName} bucket: scripts, temp files, Spark UI logs and outputs`,
      accountId,
      partition,
      extraStatements: [logsKeyStatement("GlueJobLogsEncryptWithThisKey", { partition, region, accountId }, "/aws-glue/*")],
    });
    const bucket = new SecureBucket(this, "bucket", {
      bucketName: stage.bucketName,
      kmsKeyArn: key.arn,
      partition,
      expiryRules: [
        { prefix: "temp/", days: 7 },
        { prefix: "spark-ui/", days: 30 },
        { prefix: ATHENA_RESULTS_PREFIX, days: 30 },
      ],
    });
    // Encrypts what Glue writes on the jobs' behalf: S3 data, CloudWatch logs and job bookmarks.
    const security = new GlueSecurityConfiguration(this, "security", {
      name: stageKeyAlias(stage.name),
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key.arn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key.arn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key.arn },
      },
    });
    const jobs = Object.values(stage.jobs);
    const scripts = new JobScripts(this, "scripts", {
      bucket,
      bucketName: stage.bucketName,
      kmsKeyArn: key.arn,
      scriptsDir: config.jobScriptsDir,
      scripts: jobs.map((job) => job.script),
      pythonLibraries: config.pythonLibraries,
      provider: objectsProvider,
    });

    for (const job of jobs) {
      this.jobs[job.name] = new GlueJob(this, `job-${job.name}`, {
        job,
        accountId,
        region,
        partition,
        bucketName: stage.bucketName,
        kmsKeyArn: key.arn,
        securityConfiguration: security.name,
        scriptLocation: scripts.scriptLocation(job.script),
        librariesLocation: scripts.librariesLocation,
        permissionsBoundary: stage.roleBoundaryArn,
        tags: {
          environment: stage.name,
          artifact_id: job.script,
          stack_id: `${stage.stackName}/${job.name}`,
          stack_name: stage.stackName,
        },
      });
    }

    // Orchestrate and catalog: the jobs run as one workflow, write their tables to the stage's
    // database, and Athena queries them within the stage's limits.
    const workflow =
      jobs.length > 0
        ? new StageWorkflow(this, "workflow", {
            workflowName: stageWorkflowName(stage.name),
            startTriggerName: workflowStartTriggerName(stage.name),
            afterTriggerName: (name) => jobAfterTriggerName(stage.name, name),
            jobs: jobs.map((job) => ({ name: job.name, glueJobName: this.jobs[job.name].resource.name, after: job.after })),
            schedule: stage.schedule,
            description: `Runs the ${stage.name} jobs, each once the jobs it runs after have SUCCEEDED`,
          })
        : undefined;
    new CatalogDatabase(this, "catalog", { name: stage.databaseName, description: `Tables the ${stage.name} Glue jobs write` });
    new AthenaWorkgroup(this, "athena", {
      name: athenaWorkgroupName(stage.name),
      description: `Queries over the ${stage.databaseName} tables`,
      resultsLocation: `s3://${stage.bucketName}/${ATHENA_RESULTS_PREFIX}`,
      kmsKeyArn: key.arn,
      bytesScannedCutoffPerQuery: stage.athena.bytesScannedCutoffPerQuery,
    });

    const testRole = new IntegTestRole(this, "integ-test-role", {
      roleName: integTestRoleName(stage.name),
      partition,
      region,
      accountId,
      pipelineAccountId: config.pipelineAccount.awsAccountId,
      runnerRoleName: INTEG_TEST_RUNNER_ROLE_NAME,
      permissionsBoundary: stage.roleBoundaryArn,
      jobNamePrefix: stageJobNamePrefix(stage.name),
      workflowName: workflow ? stageWorkflowName(stage.name) : undefined,
    });

    // Maintain: failed runs reach people, and every job has its row on the stage's dashboard.
    const alerts = jobAlerts(this, "job-alerts", {
      stage: stage.name,
      jobNamePrefix: stageJobNamePrefix(stage.name),
      alerts: stage.alerts,
      partition,
      region,
      accountId,
    });
    // Data quality: each output's rules as a Glue ruleset, its role may publish results, failed results reach the alert topic.
    for (const job of jobs.filter((j) => Object.keys(j.outputQuality).length > 0)) {
      new DataQualityRulesets(this, `quality-${job.name}`, { job, roleName: this.jobs[job.name].role.name, partition, region, accountId, tags: { environment: stage.name, stack_name: stage.stackName } });
    }
    if (jobs.some((j) => Object.keys(j.outputQuality).length > 0)) {
      new QualityAlerts(this, "quality-alerts", { stage: stage.name, jobNamePrefix: stageJobNamePrefix(stage.name), topic: alerts, partition, region, accountId });
    }
    new StageDashboard(this, "dashboard", { stage: stage.name, region, glueJobNames: jobs.map((job) => job.glueJobName) });

    new TerraformOutput(this, "bucket_name", { value: stage.bucketName });
    new TerraformOutput(this, "job_alerts_topic_arn", { value: alerts.topic.arn });
    new TerraformOutput(this, "integ_test_role_arn", { value: testRole.role.arn });
    new TerraformOutput(this, "glue_job_names", { value: jobs.map((job) => job.glueJobName) });
    if (workflow) new TerraformOutput(this, "workflow_name", { value: workflow.workflow.name });
    new TerraformOutput(this, "database_name", { value: stage.databaseName });
    new TerraformOutput(this, "athena_workgroup", { value: athenaWorkgroupName(stage.name) });
  }
}
