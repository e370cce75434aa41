"""KMS keys as AWS authorizes their use: the key policy of a key, and the keys S3 uses on a caller's behalf.

S3 with SSE-KMS calls KMS as the caller: PutObject, CopyObject and CreateMultipartUpload into a bucket
whose default encryption (or the request's x-amz-server-side-encryption headers) names a KMS key need
kms:GenerateDataKey on that key; GetObject of an object stored with one, the source of a CopyObject and
UploadPart of such an upload need kms:Decrypt. The caller's identity policies and the key policy must both
allow it, and a denial fails the S3 request. moto calls no KMS API for any of it. HeadObject needs no KMS
permission (it reads no data), and the AWS managed key aws/s3 allows every principal of its account that
may use S3, so neither is judged here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from moto_support.request_context import RequestContext
from moto_support.resources import kms_key
from moto_support.s3_actions import split_path

SSE_HEADER = "x-amz-server-side-encryption"
SSE_KEY_HEADER = "x-amz-server-side-encryption-aws-kms-key-id"
AWS_MANAGED_S3_KEY = "alias/aws/s3"


@dataclass
class KeyUse:
    """One use of a KMS key that an S3 request makes as its caller."""

    #: kms:GenerateDataKey or kms:Decrypt
    action: str
    #: the key as the bucket, object or request names it (id, ARN, alias)
    key_id: str
    #: the account and region the key is looked up in when key_id is not an ARN
    account: str
    region: str
    #: what the S3 request acts on, for kms:EncryptionContext:aws:s3:arn
    s3_arn: str


def _header(headers: Any, name: str) -> Optional[str]:
    if headers is None:
        return None
    value = headers.get(name)
    if value is None and isinstance(headers, Mapping):
        value = next((v for k, v in headers.items() if isinstance(k, str) and k.lower() == name), None)
    return value if isinstance(value, str) and value else None


def _bucket(name: str):  # type: ignore[no-untyped-def]
    from moto.s3.models import s3_backends

    located = s3_backends.bucket_accounts.get(name)
    if located is None:
        return None
    partition, account = located
    by_partition = dict.get(s3_backends, account)
    backend = dict.get(by_partition, partition) if by_partition is not None else None
    return backend.buckets.get(name) if backend is not None else None


def _default_kms_key(bucket: Any) -> Optional[tuple[str, bool]]:
    """(key, bucket key enabled) of a bucket whose default encryption is SSE-KMS, else None."""
    encryption = getattr(bucket, "encryption", None)
    if not encryption:
        return None
    rules = encryption.get("Rule")
    for rule in rules if isinstance(rules, list) else [rules]:
        if not isinstance(rule, dict):
            continue
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        if str(default.get("SSEAlgorithm", "")).startswith("aws:kms"):
            enabled = str(rule.get("BucketKeyEnabled", "false")).lower() == "true"
            return default.get("KMSMasterKeyID") or AWS_MANAGED_S3_KEY, enabled
    return None


def _put_key(bucket: Any, headers: Any) -> Optional[str]:
    """The KMS key a new object of this request is encrypted with, or None (no KMS)."""
    algorithm = _header(headers, SSE_HEADER)
    if algorithm is not None:
        return (_header(headers, SSE_KEY_HEADER) or AWS_MANAGED_S3_KEY) if algorithm.startswith("aws:kms") else None
    default = _default_kms_key(bucket)
    return default[0] if default else None


def _upload_key(upload: Any, default: Optional[tuple[str, bool]]) -> Optional[str]:
    """The KMS key of a multipart upload: the one CreateMultipartUpload named, else the bucket's default."""
    algorithm = str(upload.sse_encryption or "")
    if algorithm:
        return (upload.kms_key_id or AWS_MANAGED_S3_KEY) if algorithm.startswith("aws:kms") else None
    return default[0] if default else None


def _stored_key(bucket_name: str, key_name: str, version_id: Optional[str]) -> Optional[Any]:
    bucket = _bucket(bucket_name)
    if bucket is None:
        return None
    if version_id is None:
        stored = bucket.keys.get(key_name)
    else:
        stored = next((v for v in bucket.keys.getlist(key_name, default=[]) if str(getattr(v, "version_id", "")) == str(version_id)), None)
    return stored if stored is not None and hasattr(stored, "kms_key_id") else None


def _object_key(stored: Any) -> Optional[str]:
    if stored is None or not str(getattr(stored, "encryption", "") or "").startswith("aws:kms"):
        return None
    return stored.kms_key_id or AWS_MANAGED_S3_KEY


def s3_key_uses(ctx: RequestContext, headers: Any, partition: str) -> list[KeyUse]:
    """The KMS key uses an S3 request by ctx's principal makes (see the module's docstring)."""
    if ctx.service != "s3" or ctx.principal is None:
        return []
    bucket_name, key_name = split_path(ctx.path)
    if bucket_name is None or key_name is None:
        return []
    bucket = _bucket(bucket_name)
    if bucket is None:
        return []
    params = ctx.raw_params
    method = ctx.method.upper()
    object_arn = f"arn:{partition}:s3:::{bucket_name}/{key_name}"
    default = _default_kms_key(bucket)
    s3_arn = f"arn:{partition}:s3:::{bucket_name}" if default and default[1] else object_arn
    # A key named by id or alias is AWS's to resolve in the caller's account for a write, and was resolved
    # when the object was written, in its bucket owner's account, for a read.
    writer = (ctx.principal.account_id, bucket.region_name)
    owner = (bucket.account_id, bucket.region_name)
    uses: list[KeyUse] = []

    def use(action: str, key: Optional[str], where: tuple[str, str]) -> None:
        if key and key not in (AWS_MANAGED_S3_KEY,) and not key.endswith(":alias/aws/s3"):
            uses.append(KeyUse(action, key, where[0], where[1], s3_arn))

    if ctx.action == "s3:PutObject":
        if method == "PUT" and "uploadId" in params and "partNumber" in params:
            upload = bucket.multiparts.get(params["uploadId"])
            if upload is not None:
                use("kms:Decrypt", _upload_key(upload, default), writer)
        elif (method == "PUT" and "uploadId" not in params) or (method == "POST" and "uploads" in params):
            use("kms:GenerateDataKey", _put_key(bucket, headers), writer)
        copy_source = _header(headers, "x-amz-copy-source")
        if copy_source and method == "PUT":
            source_bucket, source_key = split_path("/" + copy_source.split("?", 1)[0].lstrip("/"))
            version = copy_source.split("versionId=", 1)[1] if "versionId=" in copy_source else None
            if source_bucket and source_key:
                from urllib.parse import unquote

                source = _stored_key(source_bucket, unquote(source_key), version)
                source_bucket_obj = _bucket(source_bucket)
                if source is not None and source_bucket_obj is not None:
                    use("kms:Decrypt", _object_key(source), (source_bucket_obj.account_id, source_bucket_obj.region_name))
    elif ctx.action in ("s3:GetObject", "s3:GetObjectVersion") and method in ("GET", "POST"):
        use("kms:Decrypt", _object_key(_stored_key(bucket_name, key_name, params.get("versionId"))), owner)
    return uses


def key_policy(key: Any) -> dict[str, Any]:
    try:
        document = json.loads(key.policy) if isinstance(key.policy, str) else key.policy
    except ValueError:
        return {"Statement": []}
    return document if isinstance(document, dict) else {"Statement": []}


def key_state_problem(key: Any) -> Optional[str]:
    """Why AWS would refuse to use this key for any caller, or None."""
    state = getattr(key, "key_state", "Enabled")
    return None if state == "Enabled" else f"the key is {state}"


def find_key(key_id: str, partition: str, region: str, account: str) -> Any:
    return kms_key(key_id, partition, region, account)
