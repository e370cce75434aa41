"""Every resource of the kinds the stacks create, in every account and region moto holds, read from
moto's state (one request instead of a listing call per service, account and region). Athena's own
`primary` workgroup is left out.

Served by the call recorder at GET /rehearsal-api/inventory as JSON:
[{"service", "type", "account", "region", "name"}]. AWS's own resources (AWS-managed IAM policies,
alias/aws/* KMS aliases, the default event bus) are left out, and so are KMS keys pending deletion
and secrets scheduled for deletion, which is as far as deleting them goes.
"""

from __future__ import annotations

from typing import Any, Iterator


def _backends(backend_dict: Any) -> Iterator[tuple[str, str, Any]]:
    """(account, region, backend) of every backend moto has made; makes none."""
    for account, by_region in list(dict.items(backend_dict)):
        for region, backend in list(dict.items(by_region)):
            yield account, region, backend


def _item(service: str, kind: str, account: str, region: str, name: str) -> dict[str, str]:
    return {"service": service, "type": kind, "account": account, "region": region, "name": name}


def inventory() -> list[dict[str, str]]:
    from moto.athena.models import athena_backends
    from moto.codebuild.models import codebuild_backends
    from moto.codepipeline.models import codepipeline_backends
    from moto.events.models import events_backends
    from moto.glue.models import glue_backends
    from moto.iam.models import iam_backends
    from moto.kms.models import kms_backends
    from moto.logs.models import logs_backends
    from moto.s3.models import s3_backends
    from moto.secretsmanager.models import secretsmanager_backends
    from moto.sns.models import sns_backends

    from moto_patches.codebuild_report_groups import _GROUPS

    items: list[dict[str, str]] = []
    for account, region, backend in _backends(s3_backends):
        items += [_item("s3", "bucket", account, region, name) for name in backend.buckets]
    for account, region, backend in _backends(iam_backends):
        items += [_item("iam", "role", account, region, role.name) for role in backend.roles.values()]
        items += [
            _item("iam", "policy", account, region, arn)
            for arn in backend.managed_policies
            if f":iam::{account}:" in arn
        ]
    for account, region, backend in _backends(glue_backends):
        items += [_item("glue", "job", account, region, name) for name in backend.jobs]
        items += [_item("glue", "security-configuration", account, region, name) for name in backend.security_configurations]
        items += [_item("glue", "workflow", account, region, name) for name in backend.workflows]
        items += [_item("glue", "trigger", account, region, name) for name in backend.triggers]
        items += [_item("glue", "database", account, region, name) for name in backend.databases]
    for account, region, backend in _backends(athena_backends):
        # "primary" is the workgroup every account has.
        items += [_item("athena", "workgroup", account, region, name) for name in backend.work_groups if name != "primary"]
    for account, region, backend in _backends(kms_backends):
        for key in backend.keys.values():
            if key.key_state == "PendingDeletion":
                continue
            items.append(_item("kms", "key", account, region, key.id))
        for key in backend.keys.values():
            items += [
                _item("kms", "alias", account, region, alias)
                for alias in getattr(key, "aliases", {})
                if not alias.startswith("alias/aws/")
            ]
    for account, region, backend in _backends(logs_backends):
        items += [_item("logs", "log-group", account, region, name) for name in backend.groups]
    for account, region, backend in _backends(codebuild_backends):
        items += [_item("codebuild", "project", account, region, name) for name in backend.codebuild_projects]
    for (account, region), groups in list(_GROUPS.items()):
        items += [_item("codebuild", "report-group", account, region, name) for name in groups]
    for account, region, backend in _backends(codepipeline_backends):
        items += [_item("codepipeline", "pipeline", account, region, name) for name in backend.pipelines]
    for account, region, backend in _backends(sns_backends):
        items += [_item("sns", "topic", account, region, arn.rsplit(":", 1)[-1]) for arn in backend.topics]
    for account, region, backend in _backends(events_backends):
        for bus_name, bus in backend.event_buses.items():
            items += [_item("events", "rule", account, region, f"{bus_name}/{name}") for name in bus.rules]
            if bus_name != "default":
                items.append(_item("events", "event-bus", account, region, bus_name))
    for account, region, backend in _backends(secretsmanager_backends):
        for secret in list(backend.secrets.values()):
            if getattr(secret, "deleted_date", None) is None:
                items.append(_item("secretsmanager", "secret", account, region, secret.name))
    return items
