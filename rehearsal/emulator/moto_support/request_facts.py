"""What IAM evaluation needs to know of a request beyond its action: the ARNs of the resources it acts
on, the condition keys it carries, and the roles it passes to a service.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from moto_support import resources
from moto_support.request_context import RequestContext
from moto_support.s3_actions import s3_resource

# Actions whose iam:PermissionsBoundary key is the boundary named in the request, not the role's own.
BOUNDARY_IN_REQUEST = {"iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:CreateUser", "iam:PutUserPermissionsBoundary"}

# action -> (parameter path holding a role ARN, the service it is passed to). AWS checks iam:PassRole
# on that role with iam:PassedToService; moto checks nothing.
PASSED_ROLES: dict[str, tuple[tuple[str, ...], str]] = {
    "glue:CreateJob": (("Role",), "glue.amazonaws.com"),
    "glue:UpdateJob": (("JobUpdate", "Role"), "glue.amazonaws.com"),
    "codebuild:CreateProject": (("serviceRole",), "codebuild.amazonaws.com"),
    "codebuild:UpdateProject": (("serviceRole",), "codebuild.amazonaws.com"),
    "codepipeline:CreatePipeline": (("pipeline", "roleArn"), "codepipeline.amazonaws.com"),
    "codepipeline:UpdatePipeline": (("pipeline", "roleArn"), "codepipeline.amazonaws.com"),
}


def _iam_backend(account_id: str, partition: str):  # type: ignore[no-untyped-def]
    from moto.iam.models import iam_backends

    return iam_backends[account_id][partition]


def role_or_none(account_id: str, partition: str, role_name: str):  # type: ignore[no-untyped-def]
    from moto.iam.exceptions import NotFoundException

    try:
        return _iam_backend(account_id, partition).get_role(role_name)
    except NotFoundException:
        return None


def resource_of(ctx: RequestContext, raw_params: dict[str, Any], moto_resource: str, partition: str) -> Optional[list[str]]:
    """The ARNs the request is authorized against (each must be allowed): ["*"] for an action without
    resource-level permissions, None where the ARN cannot be known and only the action can be judged.
    S3, IAM and sts:AssumeRole here; the other services the stacks use in moto_support/resources.py."""
    account = ctx.account_id
    if ctx.service == "s3":
        resource = s3_resource(ctx.path, partition)
        # DeleteObjects names its keys in the body; any object of the bucket stands for them.
        return [f"{resource}/*" if ctx.action == "s3:DeleteObject" and "/" not in resource.split(":::", 1)[1] else resource]
    if ctx.action == "sts:AssumeRole":
        return [raw_params["RoleArn"]] if isinstance(raw_params.get("RoleArn"), str) else None
    if ctx.service == "iam":
        if "RoleName" in raw_params:
            role = role_or_none(account, partition, raw_params["RoleName"])
            path = role.path if role is not None else raw_params.get("Path", "/")
            return [f"arn:{partition}:iam::{account}:role{path}{raw_params['RoleName']}"]
        if "PolicyArn" in raw_params:
            return [raw_params["PolicyArn"]]
        if ctx.action == "iam:CreatePolicy" and "PolicyName" in raw_params:
            return [f"arn:{partition}:iam::{account}:policy{raw_params.get('Path', '/')}{raw_params['PolicyName']}"]
        if ctx.action in ("iam:ListRoles", "iam:ListPolicies"):
            return ["*"]
        return None
    if resources.covers(ctx.service):
        return resources.resources_of(ctx, raw_params, partition)
    return None if moto_resource in ("*", "", None) else [moto_resource]


def _dig(params: dict[str, Any], path: tuple[str, ...]) -> Optional[str]:
    value: Any = params
    for step in path:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return None
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value if isinstance(value, str) else None


def passed_role(ctx: RequestContext, raw_params: dict[str, Any]) -> Optional[tuple[str, str]]:
    """(role ARN, service) a request passes to a service, if any."""
    spec = PASSED_ROLES.get(ctx.action or "")
    if spec is None:
        return None
    arn = _dig(raw_params, spec[0])
    return (arn, spec[1]) if arn else None


#: Create actions that, given tags, AWS also authorizes as the service's tagging action:
#: action -> (tagging action, how the tags appear in the request, the tagged resource from the created one).
TAGGING_ON_CREATE: dict[str, tuple[str, str, Any]] = {
    "iam:CreateRole": ("iam:TagRole", "Tags.member.", lambda arn: arn),
    "iam:CreatePolicy": ("iam:TagPolicy", "Tags.member.", lambda arn: arn),
    "sns:CreateTopic": ("sns:TagResource", "Tags.member.", lambda arn: arn),
    # TagResource takes the log group's ARN without the trailing ":*" (log-group:NAME).
    "logs:CreateLogGroup": ("logs:TagResource", "tags", lambda arn: arn[: -len(":log-stream:")] if arn and arn.endswith(":log-stream:") else arn),
    # The new key's ARN is not known before it exists: judged by the action alone.
    "kms:CreateKey": ("kms:TagResource", "Tags", lambda arn: None),
}


def tagging_on_create(ctx: RequestContext, raw_params: dict[str, Any], resources: Optional[list[str]]) -> Optional[tuple[str, Optional[str]]]:
    """(tagging action, resource) a create request with tags also needs, if any."""
    spec = TAGGING_ON_CREATE.get(ctx.action or "")
    if spec is None:
        return None
    action, tags, resource_of_tags = spec
    if tags.endswith("."):
        tagged = any(key.startswith(tags) for key in raw_params)
    else:
        tagged = bool(raw_params.get(tags))
    if not tagged:
        return None
    return action, resource_of_tags(resources[0] if resources else None)


def condition_keys(ctx: RequestContext, raw_params: dict[str, Any], partition: str) -> dict[str, list[str]]:
    """Condition keys of the request, lower-cased."""
    principal = ctx.principal
    keys: dict[str, list[str]] = {"aws:securetransport": ["true" if ctx.secure_transport else "false"]}
    if principal is not None:
        keys["aws:principalarn"] = [principal.role_arn or principal.arn]
        keys["aws:principalaccount"] = [principal.account_id]
        keys["aws:principaltype"] = ["AssumedRole" if principal.role_arn else "User"]
    if ctx.region:
        keys["aws:requestedregion"] = [ctx.region]
    plain = {
        "ExternalId": "sts:externalid",
        "RoleSessionName": "sts:rolesessionname",
        "prefix": "s3:prefix",
        "delimiter": "s3:delimiter",
        "Namespace": "cloudwatch:namespace",
        "PolicyArn": "iam:policyarn",
    }
    for param, key in plain.items():
        if isinstance(raw_params.get(param), str):
            keys[key] = [raw_params[param]]
    if ctx.service == "kms":
        keys["kms:calleraccount"] = [ctx.account_id]
        context = raw_params.get("EncryptionContext")
        if isinstance(context, dict) and context:
            for name, value in context.items():
                keys[f"kms:encryptioncontext:{name}".lower()] = [str(value)]
            keys["kms:encryptioncontextkeys"] = [str(name) for name in context]
    if ctx.service == "iam":
        boundary: Optional[str] = None
        if ctx.action in BOUNDARY_IN_REQUEST:
            boundary = raw_params.get("PermissionsBoundary")
        elif "RoleName" in raw_params:
            role = role_or_none(ctx.account_id, partition, raw_params["RoleName"])
            boundary = role.permissions_boundary_arn if role is not None else None
        if boundary:
            keys["iam:permissionsboundary"] = [boundary]
    return keys
