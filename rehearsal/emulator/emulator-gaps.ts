/**
 * The one list of the emulator's gaps: where moto does not do what AWS does, and how the rehearsal
 * handles it. Never by changing the product. The report includes EMULATOR_GAPS; `formatGaps` prints it.
 *
 * `handling` is one of:
 * - "patched in the launcher (<module>)": a module of moto_patches/ (its docstring names the gap);
 * - "resource left out: <reason>";
 * - "checked outside the emulator: <where>";
 * - "accepted: <why it does not change what the rehearsal shows>".
 */

export const MOTO_VERSION = "5.2.5";

export interface EmulatorGap {
  /** Stable id, also named in the patch's docstring */
  readonly id: string;
  readonly motoVersion: string;
  /** What AWS does */
  readonly aws: string;
  /** What moto does */
  readonly moto: string;
  readonly handling: string;
}

const gap = (id: string, aws: string, moto: string, handling: string): EmulatorGap => ({ id, motoVersion: MOTO_VERSION, aws, moto, handling });

export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  gap(
    "s3-bucket-policy-conditions",
    "Evaluates a bucket policy's Conditions: over https, `Deny s3:* when Bool aws:SecureTransport false` does not apply.",
    "Ignores every condition operator but StringEquals on sts:ExternalId, so the TLS-only Deny denies every object request, over https too.",
    "patched in the launcher (moto_patches/bucket_policy_conditions.py)",
  ),
  gap(
    "codebuild-codepipeline-source",
    "CreateProject takes no location for a CODEPIPELINE or NO_SOURCE source, nor for CODEPIPELINE artifacts.",
    "Refuses any source and any artifacts but NO_ARTIFACTS without a location (InvalidInputException).",
    "patched in the launcher (moto_patches/codebuild_pipeline_source.py)",
  ),
  gap(
    "codebuild-delete-by-arn",
    "DeleteProject takes the project's name or ARN; the Terraform provider sends the ARN.",
    "Looks the value up by name only and answers success without deleting: every project outlives terraform destroy.",
    "patched in the launcher (moto_patches/codebuild_delete_by_arn.py)",
  ),
  gap(
    "codebuild-project-fields",
    "Keeps a project's encryptionKey as given, and UpdateProject changes any of a project's fields.",
    "Answers every project with the default key alias/aws/s3, so Terraform plans a change to every project on every run; UpdateProject is not implemented (HTTP 500).",
    "patched in the launcher (moto_patches/codebuild_project_updates.py)",
  ),
  gap(
    "codepipeline-iso-timestamps",
    "CodePipeline (AWS JSON 1.1) returns timestamps as epoch seconds.",
    "Returns ISO-8601 strings in GetPipeline's metadata, ListPipelines and executions; the Terraform provider's Go SDK cannot decode them.",
    "patched in the launcher (moto_patches/codepipeline_timestamps.py)",
  ),
  gap(
    "codebuild-report-groups",
    "CodeBuild report groups: CreateReportGroup, BatchGetReportGroups, UpdateReportGroup, DeleteReportGroup, ListReportGroups.",
    "Not implemented (HTTP 500, NotImplementedError).",
    "patched in the launcher (moto_patches/codebuild_report_groups.py)",
  ),
  gap(
    "iam-permissions-boundary",
    "Evaluates `iam:PermissionsBoundary` conditions (the boundary in CreateRole/PutRolePermissionsBoundary, the role's own for PutRolePolicy and the like), and limits a role's permissions to its permissions boundary.",
    "Never sets the key, and counts a condition on a missing key as met, so CreateRole without the boundary is allowed; never reads a role's permissions boundary.",
    "patched in the launcher (moto_patches/iam_enforcement.py)",
  ),
  gap(
    "iam-enforcement-scope",
    "Every request is authorized: the administrator's by its administrator policy, a role's by its policies.",
    "Enforces IAM for every request or for none (INITIAL_NO_AUTH_ACTION_COUNT); with it on, only IAM users and assumed roles it knows may call at all.",
    "patched in the launcher (moto_patches/iam_enforcement.py): enforced for assumed roles' credentials, not for the rehearsal's administrator sessions (role rehearsal-admin)",
  ),
  gap(
    "iam-resource-matching",
    "Authorizes each request against the ARNs of the resources it acts on, per the Service Authorization Reference: e.g. a KMS key (an alias action also on its key), a log group as log-group:NAME:log-stream: (log-group:NAME for the tagging APIs, log-group::log-stream: for DescribeLogGroups), a CodeBuild project (also for its builds), a pipeline, a topic, a rule of its event bus, a secret's full ARN, a Glue job or table (with its catalog and database); an action without resource-level permissions only by a statement whose Resource matches \"*\".",
    "Matches a statement's Resource against the literal \"*\" for every service but S3, IAM roles and sts:AssumeRole, so a statement scoped to an ARN never allows anything there, and one scoped to the wrong ARN is never noticed.",
    "patched in the launcher (moto_patches/iam_enforcement.py, moto_support/resources.py): the ARNs from the request's parameters and moto's state for S3, IAM, STS, KMS, CloudWatch Logs, CodeBuild, CodePipeline, SNS, EventBridge, Secrets Manager, Glue, Athena and CloudWatch, each recorded as the call's iamResource; where the ARN cannot be known (a secret that does not exist yet, an action not listed) the action alone is judged and iamResource is null",
  ),
  gap(
    "iam-condition-evaluation",
    "Evaluates every condition operator on the request's context keys; a failed condition makes a statement not apply; a Deny statement denies.",
    "Knows StringEquals on sts:ExternalId only, counts all else as met; an Allow whose condition fails counts as an explicit Deny; a statement without Resource is an Allow whatever its Effect.",
    "patched in the launcher (moto_support/policy_evaluator.py, installed by moto_patches/iam_enforcement.py)",
  ),
  gap(
    "iam-principal-matching",
    "A trust or bucket policy naming an account (or its root ARN) covers that account's principals; a role ARN covers the role's sessions.",
    "Compares the caller's assumed-role ARN with the Principal's values literally, so `Principal: {AWS: arn:aws:iam::ACCT:root}` (glue-test-<stage>'s trust) never matches.",
    "patched in the launcher (moto_support/policy_evaluator.py)",
  ),
  gap(
    "iam-passrole",
    "Checks iam:PassRole (with iam:PassedToService) on the role a request hands to a service: Glue CreateJob, CodeBuild CreateProject, CodePipeline CreatePipeline, and their updates.",
    "Never checks iam:PassRole.",
    "patched in the launcher (moto_patches/iam_enforcement.py, moto_support/request_facts.py)",
  ),
  gap(
    "s3-iam-action-names",
    "Authorizes S3 requests by IAM action names, e.g. PUT ?encryption is s3:PutEncryptionConfiguration, HEAD bucket is s3:ListBucket.",
    "Its table (moto.s3.responses.ACTION_MAP) lacks encryption, ownershipControls, publicAccessBlock (as S3 spells it), object-lock and more, and names those requests s3:CreateBucket or s3:ListBucket.",
    "patched in the launcher (moto_support/s3_actions.py, used by the call recorder and the enforcement)",
  ),
  gap(
    "kms-key-policies",
    "A KMS key's key policy decides who may use the key: a statement naming the caller allows it alone, one naming the account (its root) delegates to the caller's identity policies, which must then allow too; a caller of another account needs both; an explicit Deny in either wins.",
    "Does not evaluate key policies beyond a Deny of kms:DescribeKey to \"*\", so an IAM-allowed caller passes whatever the key policy says.",
    "patched in the launcher (moto_patches/iam_enforcement.py): every KMS request of an enforced role on a key is judged by the key policy and the identity policies together (policy_evaluator.decide); grants are not evaluated (the stacks make none)",
  ),
  gap(
    "s3-sse-kms-key-use",
    "S3 with SSE-KMS uses the bucket's or object's KMS key as the caller: PutObject, CopyObject and CreateMultipartUpload need kms:GenerateDataKey on it, GetObject, UploadPart and a CopyObject's source kms:Decrypt, by the caller's identity policies and the key policy; a denial fails the S3 request. HeadObject needs none, nor does the AWS managed key aws/s3.",
    "Stores the key id with the object and calls no KMS API, so a role without any right on the bucket's key reads and writes its objects.",
    "patched in the launcher (moto_patches/iam_enforcement.py, moto_support/kms_use.py): each such use is judged as a KMS request on the key, recorded in the call's kmsDecisions, and a denial denies the S3 request",
  ),
  gap(
    "iam-tagging-on-create",
    "Creating a role, a managed policy, a topic, a log group or a KMS key with tags also needs the service's tagging action (iam:TagRole, iam:TagPolicy, sns:TagResource, logs:TagResource, kms:TagResource).",
    "Checks no permission for the tags of a create request.",
    "patched in the launcher (moto_patches/iam_enforcement.py, moto_support/request_facts.py): judged on the created resource's ARN; kms:TagResource by the action alone, the new key's ARN not being known",
  ),
  gap(
    "codecommit-pull-requests",
    "CodeCommit keeps pull requests: PostCommentForPullRequest comments on one (the pull-request check's post_build), and EventBridge sends CodeCommit Pull Request State Change events.",
    "Implements CodeCommit's CreateRepository, GetRepository and DeleteRepository only; no pull request, comment or event.",
    "accepted: the rehearsal starts the pull-request check as its EventBridge target would (the target's input filled in), and lists posting the comment as not rehearsed; the comment's body is the summary the step writes",
  ),
  gap(
    "codebuild-webhooks",
    "CreateWebhook, UpdateWebhook and DeleteWebhook attach a project to its GitHub, GitLab or Bitbucket repository (only a project with such a source, one webhook each), and BatchGetProjects shows it as the project's webhook (https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateWebhook.html); the repository's pull-request events then start builds that pass the webhook's filter groups.",
    "Not implemented (HTTP 500, NotImplementedError), so a codestar source's pull-request check cannot be applied.",
    "patched in the launcher (moto_patches/codebuild_webhooks.py): the webhook is kept on its project; no repository sends events, so the rehearsal starts the check as the webhook would for its pull request, once the webhook's filter groups accept that event (rehearsal/pipeline-definition.ts)",
  ),
  gap(
    "codestar-connections",
    "A CodeStar connection (CodeConnections) hands CodePipeline's CodeStarSourceConnection action the branch's files (CODE_ZIP) and CodeBuild a clone of the repository, once its handshake made it Available (https://docs.aws.amazon.com/dtconsole/latest/userguide/welcome-connections.html).",
    "Has no CodeStar Connections or CodeConnections service, and no repository host behind one.",
    "checked outside the emulator: the stacks create no connection (the config names one made by hand); the rehearsal's Source step exports the branch from a local git repository and the pull-request check gets a clone of it (rehearsal/source-repository.ts); the connection's own permissions (codeconnections:UseConnection, GetConnectionToken) are not exercised",
  ),
  gap(
    "glue-workflow-runs",
    "StartWorkflowRun fires the workflow's start trigger, which starts its jobs; an activated CONDITIONAL trigger starts its jobs once the jobs of its conditions reached their states in that run; the run is COMPLETED when nothing more runs or can start; GetWorkflow and GetWorkflowRun with IncludeGraph return the graph of jobs and triggers, a run's with each job's runs.",
    "Stores workflows, triggers and runs, but returns no graph, never starts a job from a trigger, and keeps every run RUNNING, so the integration test's workflow mode could never pass.",
    "patched in the launcher (moto_patches/glue_workflow_runs.py): the run is played with moto's own StartJobRun, one wave of triggers per GetWorkflowRun, and at once when a real run (glue-job-runs) ends; schedules do not fire",
  ),
  gap(
    "glue-job-runs",
    "A started job run runs the job's script (ScriptLocation) as the job's role, with the job's DefaultArguments replaced by the run's Arguments and its --extra-py-files on the Python path; it is RUNNING, then SUCCEEDED, FAILED with the error in ErrorMessage, or TIMEOUT past its Timeout, with the time it took as ExecutionTime; StartJobRun beyond the job's MaxConcurrentRuns is refused with ConcurrentRunsExceededException.",
    "Runs nothing: every run ends SUCCEEDED with ExecutionTime 123 and GlueVersion 0.9, whatever its script does, and MaxConcurrentRuns counts runs by moto's own state machine, so the deployed script, its libraries zip and its arguments are never tried together.",
    "patched in the launcher (moto_patches/glue_job_runs.py, moto_support/glue_runner.py): each run assumes the job's role in the emulator (its trust must name glue.amazonaws.com), fetches its script and libraries from the emulator's S3 with that role's credentials, and runs the script on local Spark in a process of its own (a JVM per run) whose s3:// paths go to the emulator's S3 through S3A as on Glue 5.1 (moto_support/glue_run_s3a.py: the emulator's endpoint, path-style, TLS trusting the run's CA, the role's session, SSE-KMS with the security configuration's key); Glue's own arguments are left to the job runtime to ignore; every S3 call of the run is judged against the role and tallied in the run's s3-calls.json, and a denied one fails the run naming the role, the action, the resource and the S3A operation (moto_support/glue_run_s3_calls.py); tables go through each run's in-memory Spark catalog; REHEARSAL_GLUE_JOB_RUNS=moto keeps moto's runs",
  ),
  gap(
    "glue-job-run-arguments",
    "GetJobRun and GetJobRuns report a run's own Arguments: those StartJobRun (or a trigger) gave it, which replaced the job's defaults for that run.",
    "Reports them merged with the job's DefaultArguments (getmoto/moto#9033 tracks moto's job-run arguments).",
    "patched in the launcher (moto_patches/glue_job_runs.py, moto_support/glue_job_run.py): a real run reports the arguments it was started with",
  ),
  gap(
    "glue-update-job",
    "UpdateJob replaces a job's whole definition with its JobUpdate, keeping its name, ARN, tags and runs: Terraform updates an aws_glue_job in place with it.",
    "Does not implement UpdateJob (HTTP 500): no Glue job can be changed in place, by Terraform or by hand.",
    "patched in the launcher (moto_patches/glue_job_updates.py): UpdateJob replaces the definition, fields left out back to their defaults",
  ),
  gap(
    "glue-data-quality-rulesets",
    "Create/Get/Update/DeleteDataQualityRuleset keep a DQDL ruleset by name with its description, target table and tags (AWS Glue API reference, Data Quality API: https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-data-quality-api.html).",
    "Has none of the Data Quality actions: Terraform cannot create an aws_glue_data_quality_ruleset.",
    "patched in the launcher (moto_patches/glue_data_quality_rulesets.py): the rulesets are kept and tagged; their rules are evaluated by the job runs, with Deequ",
  ),
  gap(
    "glue-data-quality-events",
    "An EvaluateDataQuality transform that publishes its results makes Glue Data Quality send \"Data Quality Evaluation Results Available\" (source aws.glue-dataquality; detail context {contextType GLUE_JOB, jobId: the run's id, jobName, evaluationContext}, resultId, rulesetNames, state FAILED when a rule failed, score, numRulesSucceeded, numRulesFailed, numRulesSkipped) to the default bus (EventBridge events reference, \"AWS Glue Data Quality events\"; AWS Glue Developer Guide, \"Setting up alerts, deployments, and scheduling\").",
    "Runs no job and sends no event, so no rule on data-quality results ever fires.",
    "patched in the launcher (moto_patches/glue_data_quality_events.py): the job runtime publishes each local (Deequ) evaluation to the run's quality-results.jsonl; at the run's end each becomes one event on the default bus, ahead of the run's state change event",
  ),
  gap(
    "glue-job-state-change-events",
    "A job run that ends SUCCEEDED, FAILED, TIMEOUT or STOPPED sends a \"Glue Job State Change\" event (source aws.glue, detail jobName, severity, state, jobRunId, message) to the default event bus of its account and region (AWS Glue Developer Guide, \"Automating AWS Glue with EventBridge\").",
    "Sends no event for any job run, so no rule on Glue's events ever fires.",
    "patched in the launcher (moto_patches/glue_state_change_events.py): each run the emulator executes (glue-job-runs) sends the event at its end to the rules of the default bus",
  ),
  gap(
    "events-sns-targets",
    "A rule whose target is an SNS topic publishes the (transformed) event to it as events.amazonaws.com, if the topic policy allows sns:Publish (with aws:SourceArn the rule) and, for a topic with a customer-managed key, the key policy lets EventBridge use the key; a refused delivery is only a FailedInvocations data point (EventBridge User Guide, \"Amazon SNS permissions\").",
    "Raises NotImplementedError for an SNS target, so PutEvents with a matching rule fails, and judges no topic or key policy.",
    "patched in the launcher (moto_patches/events_sns_targets.py): both policies judged, then moto's SNS publish, which delivers to the topic's subscriptions; each delivery or refusal in the launcher's log; targets moto has no delivery for (CodeBuild, CodePipeline) are logged and left out",
  ),
  gap(
    "kms-service-principal-conditions",
    "A service principal's use of a key is authorized by the key policy with only the condition keys that service's request carries: EventBridge publishing to an encrypted topic carries no aws:SourceArn, aws:SourceAccount or aws:SourceOrgID (SNS Developer Guide, \"Managing Amazon SNS encryption keys\"), so a statement conditioned on them never applies.",
    "Judges no key policy for a service principal; its own delivery paths call no KMS API.",
    "patched in the launcher (moto_support/service_key_use.py, used by moto_patches/events_sns_targets.py): judged by the rows of stacks/constants/service-key-conditions.ts, the table the acceptance rule service-key-conditions reads",
  ),
  gap(
    "events-input-transformer",
    "The input transformer places each InputPathsMap value into the InputTemplate unescaped; a plain-text template reaches the target as text; a variable whose path is missing is not created; aws.events.rule-arn and the other predefined variables are there (EventBridge User Guide, \"Amazon EventBridge input transformation\").",
    "json.loads the result, so a plain-text template raises and a value holding a quote or a newline breaks it; a missing path leaves its <variable> in the text.",
    "patched in the launcher (moto_patches/events_input_transformer.py)",
  ),
  gap(
    "codepipeline-execution-events",
    "An execution that ends sends a \"CodePipeline Pipeline Execution State Change\" event (detail pipeline, execution-id, state, version) to the pipeline account's default bus (CodePipeline User Guide, \"Monitoring CodePipeline events\").",
    "Runs no execution's actions and sends no event.",
    "checked outside the emulator: the rehearsal plays the executions (rehearse.ts) and puts the event CodePipeline sends at each one's end with PutEvents as the pipeline account's administrator (rehearsal/alert-steps.ts), which the deployed rule then matches",
  ),
  gap(
    "s3-delete-objects-per-key",
    "DeleteObjects (POST ?delete) is authorized key by key: each key needs s3:DeleteObject on its own ARN; a key the caller may not delete comes back in <Error> with AccessDenied, the others are deleted, the request answers 200 (Amazon S3 API Reference, DeleteObjects: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html). S3A deletes directories and directory markers this way.",
    "Judges the request once as s3:DeleteObject on the bucket, then each key against the bucket policy alone; the rehearsal's enforcement judged it on bucket/*, so a role scoped to its prefixes was denied the whole request.",
    "patched in the launcher (moto_patches/s3_delete_objects_per_key.py): every key is judged on its own ARN (identity policies, boundary, bucket policy) and a denied key is answered in <Error>; the call records every key's ARN and the first denied one",
  ),
  gap(
    "s3-list-deleted-prefixes",
    "In a versioned bucket a deleted object's current version is a delete marker; ListObjects and ListObjectsV2 leave it out, and a CommonPrefixes entry stands only for keys the listing returns (Amazon S3 API Reference, ListObjectsV2: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html; User Guide, Working with delete markers).",
    "Leaves deleted objects out of Contents but builds CommonPrefixes from delete markers too, so S3A lists a directory it cannot stat: a second write to an output fails in the committer's mergePaths (FileNotFoundException on <output>/_temporary/0/task_*).",
    "patched in the launcher (moto_patches/s3_list_deleted_prefixes.py): a listing keeps only the prefixes some live key falls under",
  ),
  gap(
    "glue-job-run-committer",
    "Glue 5.1 writes through S3A (\"Migrating AWS Glue for Spark jobs to AWS Glue version 5.1\", Breaking changes); the guide does not name the output committer of a Spark DataFrame write. Amazon EMR's S3A page documents the MagicV2 committer as one to enable, not as the default.",
    "Runs no Glue job; the rehearsal's run must pick a committer.",
    "accepted: the rehearsal's runs use Hadoop's FileOutputCommitter (algorithm 1), S3A's default when no S3A committer is configured and the only one pyspark's jars can bind for Parquet (the S3A committers need spark-hadoop-cloud): its task and job commits are copies (CopyObject) and deletes (DeleteObjects) under <output>/_temporary/, all within the output's prefix; a magic committer's multipart uploads under <output>/__magic/, completed at job commit (s3:ListBucketMultipartUploads, s3:AbortMultipartUpload on clean-up), are not rehearsed",
  ),
  gap(
    "sigv4-signatures",
    "Refuses a request whose SigV4 signature does not match the credentials' secret.",
    "Checks signatures only when it enforces IAM; the launcher's enforcement checks the session token of assumed-role credentials, not the signature.",
    "accepted: every credential in the rehearsal comes from the emulator itself, and SDKs sign correctly",
  ),
];

/** The gaps as a plain-text list, for the console and the report. */
export function formatGaps(gaps: readonly EmulatorGap[] = EMULATOR_GAPS): string {
  return gaps.map((g) => `- ${g.id} (moto ${g.motoVersion})\n    AWS:  ${g.aws}\n    moto: ${g.moto}\n    handling: ${g.handling}`).join("\n");
}
