"""Gap s3-delete-objects-per-key.

On AWS, DeleteObjects (POST /bucket?delete) is authorized key by key: each key needs s3:DeleteObject on
its own ARN; a key the caller may not delete comes back in the response's <Error> list with Code
AccessDenied, the others are deleted, and the request answers 200 ("DeleteObjects", Amazon S3 API
Reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html, Permissions, and
"Deleting multiple objects", Amazon S3 User Guide). S3A deletes directories (the output committer's
_temporary/, an overwritten output) this way.

moto judges such a request once, as s3:DeleteObject on the bucket, and then each key only against the
bucket policy; the rehearsal's enforcement judged it as bucket/*, so a role limited to its own prefixes
was denied the whole request, and one with any bucket-wide delete passed for keys it may not delete.

Here the enforcement leaves DeleteObjects to this patch, which judges every key named in the body as
s3:DeleteObject on arn:aws:s3:::bucket/key (identity policies, boundary, bucket policy) and answers a
denied key with AccessDenied in <Error>, as S3 does. The call is recorded with every key's ARN as its
iamResource and, if any was denied, "denied: <the first denied key and why>" as its iamDecision.
"""

from __future__ import annotations

from typing import Any

from moto_support import request_context
from moto_support.s3_actions import is_delete_objects

ACTION = "s3:DeleteObject"


def apply(admin_role_name: str, **_: Any) -> None:
    from moto.iam.access_control import PermissionResult
    from moto.s3.models import FakeBucket
    from moto.s3.responses import S3Response

    from moto_patches import iam_enforcement

    original_delete_keys = S3Response._bucket_response_delete_keys
    original_get_permission = FakeBucket.get_permission

    def judged(ctx: Any) -> bool:
        return ctx is not None and ctx.service == "s3" and is_delete_objects(ctx.method, ctx.path, ctx.raw_params) and iam_enforcement.enforced(ctx, admin_role_name)

    def delete_keys(self: Any, bucket_name: str, authenticated: bool = True) -> Any:
        ctx = request_context.current()
        if not judged(ctx):
            return original_delete_keys(self, bucket_name, authenticated)
        ctx.per_key_decisions = []  # type: ignore[union-attr]
        try:
            # authenticated=True: moto then asks get_permission of every key, which is judged below.
            return original_delete_keys(self, bucket_name, True)
        finally:
            decisions = ctx.per_key_decisions  # type: ignore[union-attr]
            ctx.iam_resource = [arn for arn, _ in decisions]  # type: ignore[union-attr]
            denied = [(arn, d) for arn, d in decisions if not d.allowed]
            ctx.iam_decision = "allowed" if not denied else f"denied: {denied[0][0]} because {denied[0][1].reason}" + (f" (and {len(denied) - 1} more key(s))" if len(denied) > 1 else "")  # type: ignore[union-attr]

    def get_permission(self: Any, action: str, resource: str) -> Any:
        ctx = request_context.current()
        if not judged(ctx) or action != ACTION or not hasattr(ctx, "per_key_decisions"):
            return original_get_permission(self, action, resource)
        arn = f"arn:{ctx.principal.partition}:s3:::{resource.split(':::', 1)[1]}"  # type: ignore[union-attr]
        decision = iam_enforcement.judge_object(ctx, ACTION, arn)
        ctx.per_key_decisions.append((arn, decision))  # type: ignore[union-attr]
        return PermissionResult.PERMITTED if decision.allowed else PermissionResult.DENIED

    S3Response._bucket_response_delete_keys = delete_keys  # type: ignore[method-assign]
    FakeBucket.get_permission = get_permission  # type: ignore[method-assign]
