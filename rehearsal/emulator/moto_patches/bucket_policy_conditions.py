"""Gap s3-bucket-policy-conditions: moto judges an object request against the bucket policy without its
Conditions (it knows only StringEquals with sts:ExternalId), so the TLS-only statement
`Deny s3:* when Bool aws:SecureTransport false` denies every object request, also over https. AWS
evaluates the condition: over https it is false and the statement does not apply. Here the bucket policy
is evaluated with the request's condition keys (aws:SecureTransport true: the emulator serves https only)
and its principal.
"""

from __future__ import annotations

import json
from typing import Any

from moto_support import policy_evaluator, request_context
from moto_support.request_facts import condition_keys


def apply(**_: Any) -> None:
    from moto.iam.access_control import PermissionResult
    from moto.s3.models import FakeBucket

    def get_permission(self: Any, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        ctx = request_context.current()
        principal = ctx.principal if ctx else None
        keys = condition_keys(ctx, ctx.raw_params, self.partition) if ctx else {"aws:securetransport": ["true"]}
        request = policy_evaluator.Request(action, resource, principal, keys)
        policy = self.policy.decode() if isinstance(self.policy, bytes) else self.policy
        verdict = policy_evaluator.evaluate(json.loads(policy), request, resource_policy=True)
        if verdict == policy_evaluator.DENY:
            return PermissionResult.DENIED
        return PermissionResult.PERMITTED if verdict == policy_evaluator.ALLOW else PermissionResult.NEUTRAL

    FakeBucket.get_permission = get_permission  # type: ignore[method-assign]
