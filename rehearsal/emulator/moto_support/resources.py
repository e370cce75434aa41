"""The ARNs IAM authorizes a request against, for the services the stacks use, after the IAM Service
Authorization Reference (resource types per action) and, where that reference is silent, what AWS's own
error messages name.

resources_of(ctx, params, partition) answers, for one request:
- a list of ARNs: each must be allowed (KMS alias actions also name the key; a Glue table also names its
  catalog and database; CodeBuild's batch reads name each project);
- ["*"]: the action has no resource-level permissions, so only a statement whose Resource matches "*"
  applies, as in AWS (SNS names such a request arn:...:sns:REGION:ACCOUNT:*, CloudWatch Logs'
  DescribeLogGroups arn:...:log-group::log-stream:, and they are judged so);
- None: the ARN cannot be known from the request or moto's state (e.g. the random suffix of a secret that
  does not exist yet, an action not listed here): the request is judged by its action alone.

Names are taken from the request's parameters; where the ARN holds something the request does not name
(a secret's suffix, the key an alias points to, the key that encrypted a ciphertext), it is read from
moto's state without making any backend.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Callable, Optional

from moto_support.request_context import RequestContext

Resources = Optional[list[str]]
STAR: list[str] = ["*"]


def _str(params: dict[str, Any], *names: str) -> Optional[str]:
    for name in names:
        value = params.get(name)
        if isinstance(value, str) and value:
            return value
    return None


def _list(params: dict[str, Any], name: str) -> list[str]:
    value = params.get(name)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _dict(params: dict[str, Any], name: str) -> dict[str, Any]:
    value = params.get(name)
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


class Arns:
    """ARN builder for one request's partition, region and account."""

    def __init__(self, partition: str, region: str, account: str) -> None:
        self.partition, self.region, self.account = partition, region, account

    def __call__(self, service: str, rest: str, region: Optional[str] = None, account: Optional[str] = None) -> str:
        return f"arn:{self.partition}:{service}:{self.region if region is None else region}:{self.account if account is None else account}:{rest}"


def _backend(backends: Any, account: str, region: str) -> Any:
    """moto's backend of that account and region if it exists; never makes one."""
    by_region = dict.get(backends, account)
    return dict.get(by_region, region) if by_region is not None else None


# ---------------------------------------------------------------- KMS


def _kms_arn_parts(identifier: str) -> Optional[tuple[str, str, str, str]]:
    """(partition, region, account, "key/ID" or "alias/NAME") of a KMS key or alias ARN."""
    parts = identifier.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[2] == "kms":
        return parts[1], parts[3], parts[4], parts[5]
    return None


def kms_key(identifier: str, partition: str, region: str, account: str) -> Any:
    """moto's Key for a key id, key ARN, alias name or alias ARN, or None."""
    from moto.kms.models import kms_backends

    parsed = _kms_arn_parts(identifier)
    if parsed is not None:
        partition, region, account, identifier = parsed
    backend = _backend(kms_backends, account, region)
    if backend is None:
        return None
    if identifier.startswith("alias/"):
        return next((key for key in list(backend.keys.values()) if identifier in key.aliases), None)
    identifier = identifier[len("key/") :] if identifier.startswith("key/") else identifier
    return backend.keys.get(identifier)


def kms_key_arn(identifier: str, partition: str, region: str, account: str) -> Optional[str]:
    """The key ARN of a key id, key ARN, alias name or alias ARN; None for an alias that points nowhere."""
    parsed = _kms_arn_parts(identifier)
    if parsed is not None and parsed[3].startswith("key/"):
        return identifier
    if parsed is None and not identifier.startswith("alias/"):
        return f"arn:{partition}:kms:{region}:{account}:key/{identifier}"
    key = kms_key(identifier, partition, region, account)
    return key.arn if key is not None else None


def _ciphertext_key_arn(params: dict[str, Any], arn: Arns) -> Optional[str]:
    """The key that encrypted a ciphertext: moto writes its key id at the start of the blob."""
    from moto.kms.utils import KEY_ID_LEN

    blob = params.get("CiphertextBlob")
    if not isinstance(blob, str):
        return None
    try:
        key_id = base64.b64decode(blob)[:KEY_ID_LEN].decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    return arn("kms", f"key/{key_id}")


#: KMS actions with no resource-level permissions.
KMS_UNSCOPED = {"CreateKey", "ListKeys", "ListAliases", "GenerateRandom", "ListRetirableGrants", "CreateCustomKeyStore", "DescribeCustomKeyStores", "ConnectCustomKeyStore", "DisconnectCustomKeyStore", "UpdateCustomKeyStore", "DeleteCustomKeyStore"}


def _kms(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in KMS_UNSCOPED:
        return STAR
    key_arn = lambda identifier: kms_key_arn(identifier, arn.partition, arn.region, arn.account)  # noqa: E731
    if name in ("CreateAlias", "UpdateAlias", "DeleteAlias"):
        # AWS authorizes the alias (IAM policies only) and the key it points to; UpdateAlias both keys.
        alias = _str(params, "AliasName")
        if alias is None:
            return None
        resources = [arn("kms", alias)]
        keys = []
        if name != "CreateAlias":
            keys.append(key_arn(alias))
        if name != "DeleteAlias":
            target = _str(params, "TargetKeyId")
            keys.append(key_arn(target) if target else None)
        if any(k is None for k in keys):
            return None
        return resources + [k for k in dict.fromkeys(keys) if k]
    if name == "ReEncrypt":
        return None  # kms:ReEncryptFrom and kms:ReEncryptTo, on two keys: not modelled
    identifier = _str(params, "KeyId")
    if identifier is None and name == "Decrypt":
        found = _ciphertext_key_arn(params, arn)
        return [found] if found else None
    if identifier is None:
        return None
    found = key_arn(identifier)
    return [found] if found else None


# ---------------------------------------------------------------- CloudWatch Logs


#: Actions IAM authorizes against the log group's ARN as the tagging APIs take it, without ":*".
LOGS_BY_RESOURCE_ARN = {"TagResource", "UntagResource", "ListTagsForResource"}
#: Actions on a log stream: log-group:NAME:log-stream:STREAM.
LOGS_ON_STREAM = {"CreateLogStream", "DeleteLogStream", "PutLogEvents", "GetLogEvents"}
LOGS_UNSCOPED = {"DescribeDestinations", "DescribeExportTasks", "DescribeQueries", "DescribeResourcePolicies", "PutResourcePolicy", "DeleteResourcePolicy", "StopQuery", "GetQueryResults", "TestMetricFilter"}


def _log_group_name(params: dict[str, Any]) -> Optional[str]:
    name = _str(params, "logGroupName", "logGroupIdentifier")
    if name and name.startswith("arn:") and ":log-group:" in name:
        name = name.split(":log-group:", 1)[1]
        name = name[:-2] if name.endswith(":*") else name
    return name


def _logs(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in LOGS_UNSCOPED:
        return STAR
    if name in LOGS_BY_RESOURCE_ARN:
        resource = _str(params, "resourceArn")
        return [resource] if resource else None
    if name == "DescribeLogGroups":
        # AWS names this resource in its AccessDenied message; "log-group:*" covers it, a group's own ARN does not.
        return [arn("logs", "log-group::log-stream:")]
    group = _log_group_name(params)
    if group is None:
        return None
    if name in LOGS_ON_STREAM:
        stream = _str(params, "logStreamName")
        return [arn("logs", f"log-group:{group}:log-stream:{stream}")] if stream else None
    # Every other log group action is authorized against the group's ARN with a trailing ":*" (AWS says
    # to write it so in policies); AWS names it log-group:NAME:log-stream: in its AccessDenied messages.
    return [arn("logs", f"log-group:{group}:log-stream:")]


# ---------------------------------------------------------------- CodeBuild


def _codebuild_project(value: str, arn: Arns) -> str:
    return value if value.startswith("arn:") else arn("codebuild", f"project/{value}")


def _codebuild_build_project(build_id: str, arn: Arns) -> str:
    """A build id (project:uuid) or build ARN -> the project's ARN (builds are authorized on their project)."""
    if build_id.startswith("arn:") and ":build/" in build_id:
        prefix, rest = build_id.split(":build/", 1)
        return f"{prefix}:project/{rest.rsplit(':', 1)[0]}"
    return arn("codebuild", f"project/{build_id.rsplit(':', 1)[0]}")


def _codebuild_report_group(value: str, arn: Arns) -> str:
    return value if value.startswith("arn:") else arn("codebuild", f"report-group/{value}")


CODEBUILD_UNSCOPED = {"ListProjects", "ListBuilds", "ListReportGroups", "ListReports", "ListCuratedEnvironmentImages", "ListSourceCredentials", "ListSharedProjects", "ListSharedReportGroups", "ImportSourceCredentials", "DeleteSourceCredentials", "ListBuildBatches"}


def _codebuild(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in CODEBUILD_UNSCOPED:
        return STAR
    if name == "BatchGetProjects":
        names = _list(params, "names")
        return [_codebuild_project(n, arn) for n in names] or None
    if name in ("BatchGetBuilds", "BatchDeleteBuilds"):
        ids = _list(params, "ids")
        return list(dict.fromkeys(_codebuild_build_project(i, arn) for i in ids)) or None
    if name in ("StopBuild", "RetryBuild"):
        build_id = _str(params, "id")
        return [_codebuild_build_project(build_id, arn)] if build_id else None
    if name == "BatchGetReportGroups":
        return [_codebuild_report_group(a, arn) for a in _list(params, "reportGroupArns")] or None
    if name in ("CreateReportGroup", "UpdateReportGroup", "DeleteReportGroup", "ListReportsForReportGroup", "GetReportGroupTrend"):
        value = _str(params, "arn", "reportGroupArn", "name")
        return [_codebuild_report_group(value, arn)] if value else None
    value = _str(params, "projectName", "name")
    if value and name in ("CreateProject", "UpdateProject", "DeleteProject", "StartBuild", "StartBuildBatch", "ListBuildsForProject", "InvalidateProjectCache", "CreateWebhook", "UpdateWebhook", "DeleteWebhook", "UpdateProjectVisibility"):
        return [_codebuild_project(value, arn)]
    return None


# ---------------------------------------------------------------- CodePipeline


def _codepipeline(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in ("ListPipelines", "ListActionTypes", "ListWebhooks"):
        return STAR
    if name in ("ListTagsForResource", "TagResource", "UntagResource"):
        resource = _str(params, "resourceArn")
        return [resource] if resource else None
    if name in ("CreatePipeline", "UpdatePipeline"):
        pipeline = _dict(params, "pipeline").get("name")
        return [arn("codepipeline", pipeline)] if isinstance(pipeline, str) else None
    pipeline = _str(params, "pipelineName", "name")
    if pipeline is None:
        return None
    stage, action = _str(params, "stageName"), _str(params, "actionName")
    if name == "PutApprovalResult" and stage and action:
        return [arn("codepipeline", f"{pipeline}/{stage}/{action}")]
    if name in ("RetryStageExecution", "EnableStageTransition", "DisableStageTransition", "RollbackStage") and stage:
        return [arn("codepipeline", f"{pipeline}/{stage}")]
    return [arn("codepipeline", pipeline)]


# ---------------------------------------------------------------- SNS


#: SNS actions with no resource-level permissions (a subscription is no resource type of IAM, so neither
#: its ARN nor its topic's scopes GetSubscriptionAttributes, SetSubscriptionAttributes or Unsubscribe).
SNS_UNSCOPED = {"ListTopics", "ListSubscriptions", "GetSubscriptionAttributes", "SetSubscriptionAttributes", "Unsubscribe", "ListPlatformApplications", "CreatePlatformApplication", "GetSMSAttributes", "SetSMSAttributes", "CheckIfPhoneNumberIsOptedOut", "ListPhoneNumbersOptedOut", "OptInPhoneNumber", "CreatePlatformEndpoint", "DeleteEndpoint", "GetEndpointAttributes", "SetEndpointAttributes", "DeletePlatformApplication", "GetPlatformApplicationAttributes", "SetPlatformApplicationAttributes", "ListEndpointsByPlatformApplication"}


def _sns(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in SNS_UNSCOPED:
        # SNS authorizes these against every resource of the account and region, and names it so in its
        # AccessDenied messages: a statement must match "arn:...:sns:REGION:ACCOUNT:*", a topic's ARN does not.
        return [arn("sns", "*")]
    if name == "CreateTopic":
        topic = _str(params, "Name")
        return [arn("sns", topic)] if topic else None
    resource = _str(params, "TopicArn", "ResourceArn")
    return [resource] if resource else None


# ---------------------------------------------------------------- EventBridge


def _event_bus_name(params: dict[str, Any]) -> str:
    bus = _str(params, "EventBusName") or "default"
    return bus.split(":event-bus/", 1)[1] if bus.startswith("arn:") and ":event-bus/" in bus else bus


def _rule_arn(rule: str, bus: str, arn: Arns) -> str:
    return arn("events", f"rule/{rule}" if bus == "default" else f"rule/{bus}/{rule}")


def _events(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in ("ListRules", "ListEventBuses", "ListRuleNamesByTarget", "TestEventPattern", "ListArchives", "ListReplays", "ListConnections", "ListApiDestinations", "ListEventSources"):
        return STAR
    if name in ("ListTagsForResource", "TagResource", "UntagResource"):
        resource = _str(params, "ResourceARN")
        return [resource] if resource else None
    if name in ("DescribeRule", "PutRule", "DeleteRule", "EnableRule", "DisableRule"):
        rule = _str(params, "Name")
        return [_rule_arn(rule, _event_bus_name(params), arn)] if rule else None
    if name in ("ListTargetsByRule", "PutTargets", "RemoveTargets"):
        rule = _str(params, "Rule")
        return [_rule_arn(rule, _event_bus_name(params), arn)] if rule else None
    if name in ("CreateEventBus", "DeleteEventBus", "DescribeEventBus", "UpdateEventBus"):
        bus = _str(params, "Name") or "default"
        return [arn("events", f"event-bus/{bus}")]
    if name == "PutEvents":
        entries = params.get("Entries")
        if not isinstance(entries, list):
            return None
        buses = []
        for entry in entries:
            bus = entry.get("EventBusName") if isinstance(entry, dict) else None
            bus = bus or "default"
            buses.append(bus if bus.startswith("arn:") else arn("events", f"event-bus/{bus}"))
        return list(dict.fromkeys(buses)) or None
    return None


# ---------------------------------------------------------------- Secrets Manager


def _secretsmanager(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    from moto.secretsmanager.models import secretsmanager_backends

    if name in ("ListSecrets", "GetRandomPassword", "BatchGetSecretValue"):
        return STAR
    secret_id = _str(params, "SecretId")
    if secret_id is None:
        # CreateSecret: the ARN ends in a random suffix AWS makes for the new secret; not known beforehand.
        return None
    backend = _backend(secretsmanager_backends, arn.account, arn.region)
    secret = backend.secrets.get(secret_id) if backend is not None else None
    if secret is not None:
        return [secret.arn]
    return [secret_id] if secret_id.startswith("arn:") else None


# ---------------------------------------------------------------- Glue


GLUE_UNSCOPED = {"GetJobs", "ListJobs", "GetSecurityConfiguration", "GetSecurityConfigurations", "CreateSecurityConfiguration", "DeleteSecurityConfiguration", "GetJobBookmark", "ResetJobBookmark", "GetTriggers", "ListTriggers", "ListWorkflows", "ListCrawlers", "GetCrawlers", "CreateCrawler", "GetCrawlerMetrics", "GetClassifier", "GetClassifiers", "CreateClassifier", "GetDataflowGraph", "CreateScript", "ListRegistries", "ListSchemas"}
GLUE_JOB_ACTIONS = {"CreateJob", "UpdateJob", "DeleteJob", "GetJob", "StartJobRun", "GetJobRun", "GetJobRuns", "BatchStopJobRun"}
GLUE_WORKFLOW_ACTIONS = {"CreateWorkflow", "GetWorkflow", "UpdateWorkflow", "DeleteWorkflow", "StartWorkflowRun", "GetWorkflowRun", "GetWorkflowRuns", "GetWorkflowRunProperties", "PutWorkflowRunProperties", "StopWorkflowRun", "ResumeWorkflowRun"}
GLUE_TRIGGER_ACTIONS = {"CreateTrigger", "GetTrigger", "UpdateTrigger", "DeleteTrigger", "StartTrigger", "StopTrigger"}
GLUE_CRAWLER_ACTIONS = {"GetCrawler", "UpdateCrawler", "DeleteCrawler", "StartCrawler", "StopCrawler", "UpdateCrawlerSchedule", "StartCrawlerSchedule", "StopCrawlerSchedule"}
GLUE_DATABASE_ACTIONS = {"CreateDatabase", "GetDatabase", "UpdateDatabase", "DeleteDatabase"}
GLUE_DQ_RULESET_ACTIONS = {"CreateDataQualityRuleset", "GetDataQualityRuleset", "UpdateDataQualityRuleset", "DeleteDataQualityRuleset"}
GLUE_TABLE_ACTIONS = {"CreateTable", "GetTable", "UpdateTable", "DeleteTable", "GetTableVersions", "GetPartition", "GetPartitions", "CreatePartition", "BatchCreatePartition", "UpdatePartition", "DeletePartition", "BatchDeletePartition", "BatchGetPartition"}


def _glue(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in GLUE_UNSCOPED:
        return STAR
    if name in ("GetTags", "TagResource", "UntagResource"):
        resource = _str(params, "ResourceArn")
        return [resource] if resource else None
    if name in GLUE_JOB_ACTIONS:
        job = _str(params, "JobName", "Name")
        return [arn("glue", f"job/{job}")] if job else None
    if name == "BatchGetJobs":
        return [arn("glue", f"job/{j}") for j in _list(params, "JobNames")] or None
    for actions, kind in ((GLUE_WORKFLOW_ACTIONS, "workflow"), (GLUE_TRIGGER_ACTIONS, "trigger"), (GLUE_CRAWLER_ACTIONS, "crawler"), (GLUE_DQ_RULESET_ACTIONS, "dataQualityRuleset")):
        if name in actions:
            value = _str(params, "Name", "CrawlerName")
            return [arn("glue", f"{kind}/{value}")] if value else None
    # The Data Catalog: an action on a table is authorized on the catalog, its database and the table.
    account = _str(params, "CatalogId") or arn.account
    catalog = arn("glue", "catalog", account=account)
    if name == "GetDatabases":
        return [catalog, arn("glue", "database/*", account=account)]
    if name in GLUE_DATABASE_ACTIONS:
        database = _str(params, "Name") or _dict(params, "DatabaseInput").get("Name")
        if not isinstance(database, str):
            return None
        resources = [catalog, arn("glue", f"database/{database}", account=account)]
        if name == "DeleteDatabase":
            resources += [arn("glue", f"table/{database}/*", account=account), arn("glue", f"userDefinedFunction/{database}/*", account=account)]
        return resources
    database = _str(params, "DatabaseName")
    if database is None:
        return None
    if name == "GetTables":
        return [catalog, arn("glue", f"database/{database}", account=account), arn("glue", f"table/{database}/*", account=account)]
    if name in GLUE_TABLE_ACTIONS:
        table = _str(params, "TableName") or (_str(params, "Name") if name in ("GetTable", "DeleteTable") else None) or _dict(params, "TableInput").get("Name")
        if not isinstance(table, str):
            return None
        return [catalog, arn("glue", f"database/{database}", account=account), arn("glue", f"table/{database}/{table}", account=account)]
    return None


# ---------------------------------------------------------------- CloudWatch


def _members(params: dict[str, Any], name: str) -> list[str]:
    """A list parameter in the JSON protocol (a list) or the query protocol (Name.member.N)."""
    found = _list(params, name)
    prefix = f"{name}.member."
    numbered = sorted((int(k[len(prefix) :]), v) for k, v in params.items() if k.startswith(prefix) and k[len(prefix) :].isdigit() and isinstance(v, str))
    return found + [v for _, v in numbered]


def _cloudwatch(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    if name in ("PutMetricData", "GetMetricData", "GetMetricStatistics", "ListMetrics", "DescribeAlarmsForMetric", "ListDashboards", "GetMetricWidgetImage"):
        return STAR
    if name in ("ListTagsForResource", "TagResource", "UntagResource"):
        resource = _str(params, "ResourceARN")
        return [resource] if resource else None
    if name in ("PutDashboard", "GetDashboard", "DeleteDashboards"):
        # Dashboards are global: their ARN has no region.
        names = _members(params, "DashboardNames") or [n for n in [_str(params, "DashboardName")] if n]
        return [arn("cloudwatch", f"dashboard/{n}", region="") for n in names] or None
    if name in ("PutMetricAlarm", "PutCompositeAlarm", "DeleteAlarms", "DescribeAlarms", "SetAlarmState", "EnableAlarmActions", "DisableAlarmActions", "DescribeAlarmHistory"):
        alarms = _members(params, "AlarmNames") or [n for n in [_str(params, "AlarmName")] if n]
        if not alarms and name in ("DescribeAlarms", "DescribeAlarmHistory"):
            alarms = ["*"]
        return [arn("cloudwatch", f"alarm:{a}") for a in alarms] or None
    return None


# ---------------------------------------------------------------- Athena


ATHENA_BY_EXECUTION = {"GetQueryExecution", "GetQueryResults", "StopQueryExecution", "GetQueryRuntimeStatistics"}


def _athena(name: str, params: dict[str, Any], arn: Arns) -> Resources:
    from moto.athena.models import athena_backends

    if name in ("ListWorkGroups", "ListDataCatalogs", "ListEngineVersions"):
        return STAR
    if name in ("ListTagsForResource", "TagResource", "UntagResource"):
        resource = _str(params, "ResourceARN")
        return [resource] if resource else None
    if name in ("CreateDataCatalog", "GetDataCatalog", "UpdateDataCatalog", "DeleteDataCatalog", "GetDatabase", "ListDatabases", "GetTableMetadata", "ListTableMetadata"):
        catalog = _str(params, "Name", "CatalogName")
        return [arn("athena", f"datacatalog/{catalog}")] if catalog else None
    if name in ATHENA_BY_EXECUTION:
        # Authorized on the query's workgroup, which only moto's state knows.
        backend = _backend(athena_backends, arn.account, arn.region)
        execution = backend.executions.get(_str(params, "QueryExecutionId") or "") if backend is not None else None
        if execution is None:
            return None
        workgroup = execution.workgroup.name if execution.workgroup is not None else "primary"
        return [arn("athena", f"workgroup/{workgroup}")]
    if name == "BatchGetQueryExecution":
        return None
    workgroup = _str(params, "WorkGroup", "Name") or ("primary" if name in ("StartQueryExecution", "ListQueryExecutions", "ListNamedQueries", "CreateNamedQuery") else None)
    return [arn("athena", f"workgroup/{workgroup}")] if workgroup else None


RESOLVERS: dict[str, Callable[[str, dict[str, Any], Arns], Resources]] = {
    "kms": _kms,
    "logs": _logs,
    "codebuild": _codebuild,
    "codepipeline": _codepipeline,
    "sns": _sns,
    "events": _events,
    "secretsmanager": _secretsmanager,
    "glue": _glue,
    "athena": _athena,
    "monitoring": _cloudwatch,
    "cloudwatch": _cloudwatch,
}


def covers(service: Optional[str]) -> bool:
    return service in RESOLVERS


def resources_of(ctx: RequestContext, params: dict[str, Any], partition: str) -> Resources:
    """The ARNs the request is authorized against, for a service of RESOLVERS (see the module's docstring)."""
    resolver = RESOLVERS.get(ctx.service or "")
    if resolver is None or not ctx.action or not ctx.region:
        return None
    return resolver(ctx.action.split(":", 1)[1], params, Arns(partition, ctx.region, ctx.account_id))
