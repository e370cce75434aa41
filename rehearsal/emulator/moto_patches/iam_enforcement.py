"""Gaps iam-enforcement-scope, iam-permissions-boundary, iam-resource-matching, iam-passrole,
iam-tagging-on-create, kms-key-policies and s3-sse-kms-key-use, and the evaluation gaps of
moto_support/policy_evaluator.py (iam-condition-evaluation, iam-principal-matching).

moto enforces IAM for every request or for none (INITIAL_NO_AUTH_ACTION_COUNT), and its evaluation is
wrong in ways that deny what AWS allows and allow what AWS denies. Here IAM is enforced exactly for
requests signed with an assumed role's credentials, except the rehearsal's administrator role: the
pipeline's CodeBuild roles, the deploy roles and the integration-test role. The decision follows AWS's
evaluation logic (policy_evaluator.decide):
- each request is judged against the ARNs it acts on (request_facts.resource_of and
  moto_support/resources.py: S3, IAM, STS, KMS, CloudWatch Logs, CodeBuild, CodePipeline, SNS,
  EventBridge, Secrets Manager, Glue, Athena, CloudWatch), each of which must be allowed, "*" for an action
  without resource-level permissions, and the action alone where the ARN cannot be known;
- identity policies within the role's permissions boundary, the bucket policy for S3, the trust policy
  for sts:AssumeRole, and the key policy for a KMS request on a key (it must allow, directly or by
  delegating to the account, in which case the identity policies must allow too);
- the KMS keys S3 uses as the caller with SSE-KMS (moto_support/kms_use.py): kms:GenerateDataKey to
  write, kms:Decrypt to read, on the bucket's or object's key, by identity and key policy; a denial
  denies the S3 request;
- iam:PassRole for the requests that pass a role to a service, which moto never checks;
- the tagging action a create request with tags also needs (iam-tagging-on-create).
KMS grants are not evaluated (the stacks make none).
"""

from __future__ import annotations

import json
from typing import Any, Optional
from urllib.parse import unquote

from moto_support import kms_use, policy_evaluator, request_context
from moto_support.request_context import IAM_PREFIXES
from moto_support.principals import Principal
from moto_support.s3_actions import is_delete_objects
from moto_support.request_facts import condition_keys, passed_role, resource_of, role_or_none, tagging_on_create


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


def _key_policy_decision(request: policy_evaluator.Request, identity: list[dict[str, Any]], boundary: Optional[dict[str, Any]], key: Any) -> policy_evaluator.Decision:
    """A KMS request on a key: its key policy must allow, directly or by delegating to the account (then
    the identity policies must allow too); a caller of another account needs both in any case."""
    return policy_evaluator.decide(request, identity, boundary, kms_use.key_policy(key), key.account_id, resource_policy_required=True, resource_policy_name="key policy")


def _judge_resource(ctx: request_context.RequestContext, resource: Optional[str], keys: dict[str, list[str]], identity: list[dict[str, Any]], boundary: Optional[dict[str, Any]]) -> policy_evaluator.Decision:
    principal = ctx.principal
    assert principal is not None and ctx.action is not None
    request = policy_evaluator.Request(ctx.action, resource, principal, keys)
    if ctx.service == "s3" and resource and resource != "*":
        bucket, resource_account = _bucket(resource)
        policy = _document(bucket.policy) if bucket is not None and bucket.policy else None
        return policy_evaluator.decide(request, identity, boundary, policy, resource_account)
    if ctx.action == "sts:AssumeRole" and resource:
        trust, resource_account = _trust(resource)
        if trust is None:
            return policy_evaluator.Decision(False, f"no role {resource}")
        return policy_evaluator.decide(request, identity, boundary, trust, resource_account, resource_policy_required=True)
    if ctx.service == "kms" and resource and ":key/" in resource:
        key = kms_use.find_key(resource, principal.partition, ctx.region or "", ctx.account_id)
        if key is not None:
            return _key_policy_decision(request, identity, boundary, key)
    return policy_evaluator.decide(request, identity, boundary)


def _judge_key_use(ctx: request_context.RequestContext, use: kms_use.KeyUse, identity: list[dict[str, Any]], boundary: Optional[dict[str, Any]]) -> tuple[str, policy_evaluator.Decision]:
    """(key ARN, decision) of a KMS key use an S3 request makes as its caller."""
    principal = ctx.principal
    assert principal is not None
    key = kms_use.find_key(use.key_id, principal.partition, use.region, use.account)
    if key is None:
        return use.key_id, policy_evaluator.Decision(False, f"no KMS key {use.key_id} (KMS refuses the request)")
    problem = kms_use.key_state_problem(key)
    if problem:
        return key.arn, policy_evaluator.Decision(False, f"{problem} (KMS refuses to use it)")
    keys = condition_keys(ctx, ctx.raw_params, principal.partition)
    keys.update(
        {
            "kms:calleraccount": [principal.account_id],
            "kms:viaservice": [f"s3.{key.region}.amazonaws.com"],
            "kms:encryptioncontext:aws:s3:arn": [use.s3_arn],
            "kms:encryptioncontextkeys": ["aws:s3:arn"],
        }
    )
    request = policy_evaluator.Request(use.action, key.arn, principal, keys)
    return key.arn, _key_policy_decision(request, identity, boundary, key)


def judge(ctx: request_context.RequestContext, moto_resource: str, headers: Any = None) -> policy_evaluator.Decision:
    """AWS's decision on the request, with what was judged left on ctx (iam_resource, kms_decisions, also_judged)."""
    principal = ctx.principal
    assert principal is not None and ctx.action is not None
    partition = principal.partition
    resources = resource_of(ctx, ctx.raw_params, moto_resource, partition)
    ctx.kms_decisions = []
    ctx.also_judged = []
    ctx.iam_resource = None if resources is None else resources[0] if len(resources) == 1 else list(resources)
    keys = condition_keys(ctx, ctx.raw_params, partition)
    identity, boundary = role_policies(principal)
    decision = policy_evaluator.Decision(True, "allowed")
    for resource in resources or [None]:
        decision = _judge_resource(ctx, resource, keys, identity, boundary)
        if not decision.allowed:
            if resources is not None and len(resources) > 1:
                return policy_evaluator.Decision(False, f"on resource {resource} because {decision.reason}")
            return decision
    for use in kms_use.s3_key_uses(ctx, headers, partition):
        key_arn, key_decision = _judge_key_use(ctx, use, identity, boundary)
        verdict = "allowed" if key_decision.allowed else f"denied: {key_decision.reason}"
        ctx.kms_decisions.append({"action": use.action, "resource": key_arn, "decision": verdict})
        if not key_decision.allowed:
            return policy_evaluator.Decision(False, f"{use.action} on resource {key_arn} because {key_decision.reason}")
    tagging = tagging_on_create(ctx, ctx.raw_params, resources)
    if tagging is not None:
        tag_request = policy_evaluator.Request(tagging[0], tagging[1], principal, keys)
        tag_decision = policy_evaluator.decide(tag_request, identity, boundary)
        ctx.also_judged.append({"action": tagging[0], "resource": tagging[1], "decision": "allowed" if tag_decision.allowed else f"denied: {tag_decision.reason}"})
        if not tag_decision.allowed:
            return policy_evaluator.Decision(False, f"{tagging[0]} on resource {tagging[1] or '(the new resource)'} because {tag_decision.reason}")
    passed = passed_role(ctx, ctx.raw_params)
    if passed is not None:
        pass_keys = dict(keys)
        pass_keys["iam:passedtoservice"] = [passed[1]]
        pass_request = policy_evaluator.Request("iam:PassRole", passed[0], principal, pass_keys)
        pass_decision = policy_evaluator.decide(pass_request, identity, boundary)
        ctx.also_judged.append({"action": "iam:PassRole", "resource": passed[0], "decision": "allowed" if pass_decision.allowed else f"denied: {pass_decision.reason}"})
        if not pass_decision.allowed:
            return policy_evaluator.Decision(False, f"iam:PassRole on {passed[0]}: {pass_decision.reason}")
    return decision


def enforced(ctx: request_context.RequestContext, admin_role_name: str) -> bool:
    """Whether IAM is enforced for the request: an assumed role's, not the administrator's."""
    principal = ctx.principal
    return principal is not None and principal.role_arn is not None and principal.role_name != admin_role_name


def judge_object(ctx: request_context.RequestContext, action: str, arn: str) -> policy_evaluator.Decision:
    """One S3 object ARN judged for `action`, for a request that names several (DeleteObjects' keys)."""
    principal = ctx.principal
    assert principal is not None
    identity, boundary = role_policies(principal)
    keys = condition_keys(ctx, ctx.raw_params, principal.partition)
    saved, ctx.action = ctx.action, action
    try:
        return _judge_resource(ctx, arn, keys, identity, boundary)
    finally:
        ctx.action = saved


def apply(admin_role_name: str, **_: Any) -> None:
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.exceptions import AccessDeniedError, InvalidClientTokenIdError, JsonRESTError
    from moto.s3.exceptions import S3AccessDeniedError

    def authenticate_and_authorize(self: Any, iam_request_cls: type, resource: str = "*") -> None:
        ctx = request_context.current()
        if ctx is None:
            return
        if ctx.action is None and ctx.service:
            ctx.action = f"{IAM_PREFIXES.get(ctx.service, ctx.service)}:{self._get_action()}"
        principal = ctx.principal
        if principal is None or principal.role_arn is None or principal.role_name == admin_role_name:
            return
        if ctx.action is None or ctx.action == "sts:GetCallerIdentity":
            return
        if principal.session_token and self.headers.get("X-Amz-Security-Token") != principal.session_token:
            raise InvalidClientTokenIdError()
        if ctx.service == "s3" and is_delete_objects(ctx.method, ctx.path, ctx.raw_params):
            return  # judged key by key as moto deletes them (gap s3-delete-objects-per-key)
        decision = judge(ctx, resource, self.headers)
        ctx.iam_decision = "allowed" if decision.allowed else f"denied: {decision.reason}"
        if decision.allowed:
            return
        if ctx.service == "s3":
            raise S3AccessDeniedError()
        message = f"User: {principal.arn} is not authorized to perform: {ctx.action} ({decision.reason})"
        if str(self.headers.get("Content-Type") or "").startswith(("application/x-amz-json", "application/json")):
            # JSON protocols (KMS, Logs, CodeBuild, Glue, ...) answer AccessDeniedException in a JSON body.
            raise JsonRESTError("AccessDeniedException", message)
        raise AccessDeniedError(user_arn=principal.arn, action=f"{ctx.action} ({decision.reason})")

    ActionAuthenticatorMixin._authenticate_and_authorize_action = authenticate_and_authorize  # type: ignore[method-assign]
