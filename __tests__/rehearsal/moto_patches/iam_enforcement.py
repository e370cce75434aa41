"""Gaps iam-enforcement-scope, iam-permissions-boundary, iam-resource-matching and iam-passrole, and
the evaluation gaps of moto_support/policy_evaluator.py (iam-condition-evaluation, iam-principal-matching).

moto enforces IAM for every request or for none (INITIAL_NO_AUTH_ACTION_COUNT), and its evaluation is
wrong in ways that deny what AWS allows and allow what AWS denies. Here IAM is enforced exactly for
requests signed with an assumed role's credentials, except the rehearsal's administrator role: the
pipeline's CodeBuild roles, the deploy roles and the integration-test role. The decision follows AWS's
evaluation logic (policy_evaluator.decide): identity policies within the role's permissions boundary,
the bucket policy for S3, the trust policy for sts:AssumeRole, and iam:PassRole for the requests that
pass a role to a service, which moto never checks. KMS key policies are not evaluated.
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import unquote

from moto_support import policy_evaluator, request_context
from moto_support.principals import Principal
from moto_support.request_facts import condition_keys, passed_role, resource_of, role_or_none


def _document(text: Any) -> dict[str, Any]:
    if isinstance(text, dict):
        return text
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        return json.loads(text)
    except ValueError:
        return json.loads(unquote(text))


def _managed_document(policy: Any) -> dict[str, Any]:
    version = next(v for v in policy.versions if v.is_default)
    return _document(version.document)


def role_policies(principal: Principal) -> tuple[list[dict[str, Any]], Optional[dict[str, Any]]]:
    """(identity policies, permissions boundary) of an assumed role's role; ([], None) if it is gone."""
    from moto.iam.models import iam_backends

    role = role_or_none(principal.account_id, principal.partition, principal.role_name or "")
    if role is None:
        return [], None
    identity = [_document(doc) for doc in role.policies.values()]
    identity += [_managed_document(p) for p in role.managed_policies.values()]
    boundary = None
    if role.permissions_boundary_arn:
        backend = iam_backends[principal.account_id][principal.partition]
        try:
            boundary = _managed_document(backend.get_policy(role.permissions_boundary_arn))
        except Exception:  # a boundary that no longer exists allows nothing
            boundary = {"Statement": []}
    return identity, boundary


def _bucket(resource: str):  # type: ignore[no-untyped-def]
    from moto.s3.models import s3_backends

    name = resource.split(":::", 1)[1].split("/", 1)[0]
    located = s3_backends.bucket_accounts.get(name)
    if located is None:
        return None, None
    partition, account = located
    return s3_backends[account][partition].buckets.get(name), account


def _trust(role_arn: str):  # type: ignore[no-untyped-def]
    parts = role_arn.split(":")
    if len(parts) < 6:
        return None, None
    account, partition = parts[4], parts[1]
    role = role_or_none(account, partition, parts[5].split("/")[-1])
    return (_document(role.assume_role_policy_document) if role is not None else None), account


def judge(ctx: request_context.RequestContext, moto_resource: str) -> policy_evaluator.Decision:
    principal = ctx.principal
    assert principal is not None and ctx.action is not None
    partition = principal.partition
    resource = resource_of(ctx, ctx.raw_params, moto_resource, partition)
    request = policy_evaluator.Request(ctx.action, resource, principal, condition_keys(ctx, ctx.raw_params, partition))
    identity, boundary = role_policies(principal)
    resource_policy, resource_account, trust = None, None, False
    if ctx.service == "s3" and resource and resource != "*":
        bucket, resource_account = _bucket(resource)
        if bucket is not None and bucket.policy:
            resource_policy = _document(bucket.policy)
    elif ctx.action == "sts:AssumeRole" and resource:
        resource_policy, resource_account = _trust(resource)
        trust = True
        if resource_policy is None:
            return policy_evaluator.Decision(False, f"no role {resource}")
    decision = policy_evaluator.decide(request, identity, boundary, resource_policy, resource_account, trust)
    if not decision.allowed:
        return decision
    passed = passed_role(ctx, ctx.raw_params)
    if passed is not None:
        keys = dict(request.context)
        keys["iam:passedtoservice"] = [passed[1]]
        pass_request = policy_evaluator.Request("iam:PassRole", passed[0], principal, keys)
        pass_decision = policy_evaluator.decide(pass_request, identity, boundary)
        if not pass_decision.allowed:
            return policy_evaluator.Decision(False, f"iam:PassRole on {passed[0]}: {pass_decision.reason}")
    return decision


def apply(admin_role_name: str, **_: Any) -> None:
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.exceptions import AccessDeniedError, InvalidClientTokenIdError
    from moto.s3.exceptions import S3AccessDeniedError

    def authenticate_and_authorize(self: Any, iam_request_cls: type, resource: str = "*") -> None:
        ctx = request_context.current()
        if ctx is None:
            return
        if ctx.action is None and ctx.service:
            ctx.action = f"{ctx.service}:{self._get_action()}"
        principal = ctx.principal
        if principal is None or principal.role_arn is None or principal.role_name == admin_role_name:
            return
        if ctx.action is None or ctx.action == "sts:GetCallerIdentity":
            return
        if principal.session_token and self.headers.get("X-Amz-Security-Token") != principal.session_token:
            raise InvalidClientTokenIdError()
        decision = judge(ctx, resource)
        ctx.iam_decision = "allowed" if decision.allowed else f"denied: {decision.reason}"
        if decision.allowed:
            return
        if ctx.service == "s3":
            raise S3AccessDeniedError()
        raise AccessDeniedError(user_arn=principal.arn, action=f"{ctx.action} ({decision.reason})")

    ActionAuthenticatorMixin._authenticate_and_authorize_action = authenticate_and_authorize  # type: ignore[method-assign]
