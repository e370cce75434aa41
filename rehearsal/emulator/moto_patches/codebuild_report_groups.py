"""Gap codebuild-report-groups: moto does not implement CodeBuild report groups (CreateReportGroup,
BatchGetReportGroups, UpdateReportGroup, DeleteReportGroup, ListReportGroups). Here they are kept in
memory per account and region, with the fields the Terraform provider reads back.
"""

from __future__ import annotations

import json
import time
from typing import Any

# (account, region) -> name -> report group
_GROUPS: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}


def _store(response: Any) -> dict[str, dict[str, Any]]:
    return _GROUPS.setdefault((response.current_account, response.region), {})


def _arn(response: Any, name: str) -> str:
    return f"arn:{response.partition}:codebuild:{response.region}:{response.current_account}:report-group/{name}"


def _error(kind: str, message: str) -> tuple[str, dict[str, Any]]:
    return json.dumps({"__type": kind, "message": message}), {"status": 400}


def create_report_group(self: Any) -> Any:
    name = self._get_param("name")
    groups = _store(self)
    if name in groups:
        return _error("ResourceAlreadyExistsException", f"Report group already exists: {_arn(self, name)}")
    now = time.time()
    group = {
        "arn": _arn(self, name),
        "name": name,
        "type": self._get_param("type"),
        "exportConfig": self._get_param("exportConfig") or {"exportConfigType": "NO_EXPORT"},
        "created": now,
        "lastModified": now,
        "tags": self._get_param("tags") or [],
        "status": "ACTIVE",
    }
    groups[name] = group
    return json.dumps({"reportGroup": group})


def _by_arn(self: Any, arn: str) -> dict[str, Any] | None:
    return next((g for g in _store(self).values() if g["arn"] == arn), None)


def batch_get_report_groups(self: Any) -> Any:
    arns = self._get_param("reportGroupArns") or []
    found = [g for g in (_by_arn(self, arn) for arn in arns) if g is not None]
    missing = [arn for arn in arns if _by_arn(self, arn) is None]
    return json.dumps({"reportGroups": found, "reportGroupsNotFound": missing})


def update_report_group(self: Any) -> Any:
    group = _by_arn(self, self._get_param("arn"))
    if group is None:
        return _error("ResourceNotFoundException", f"Report group not found: {self._get_param('arn')}")
    if self._get_param("exportConfig") is not None:
        group["exportConfig"] = self._get_param("exportConfig")
    if self._get_param("tags") is not None:
        group["tags"] = self._get_param("tags")
    group["lastModified"] = time.time()
    return json.dumps({"reportGroup": group})


def delete_report_group(self: Any) -> Any:
    group = _by_arn(self, self._get_param("arn"))
    if group is None:
        return _error("ResourceNotFoundException", f"Report group not found: {self._get_param('arn')}")
    del _store(self)[group["name"]]
    return json.dumps({})


def list_report_groups(self: Any) -> Any:
    return json.dumps({"reportGroups": [g["arn"] for g in _store(self).values()]})


def apply(**_: Any) -> None:
    from moto.codebuild.responses import CodeBuildResponse

    for handler in (create_report_group, batch_get_report_groups, update_report_group, delete_report_group, list_report_groups):
        setattr(CodeBuildResponse, handler.__name__, handler)
