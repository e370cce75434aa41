"""The IAM action of an S3 REST request (path-style), e.g. PUT /bucket?encryption is s3:PutEncryptionConfiguration.

moto's own table (moto.s3.responses.ACTION_MAP) is the start; it lacks several sub-resources the
stacks use (encryption, ownershipControls, publicAccessBlock as S3 spells it), and names a few
actions by their API name where IAM's differs. Those are filled in here, after the IAM service
authorization reference for Amazon S3.
"""

from __future__ import annotations

from typing import Mapping, Optional

from moto.s3.responses import ACTION_MAP as MOTO_ACTION_MAP

# (level, method) -> {sub-resource: IAM action}; "" is the action without a sub-resource.
_OWN: dict[tuple[str, str], dict[str, str]] = {
    ("BUCKET", "GET"): {
        "encryption": "GetEncryptionConfiguration",
        "publicAccessBlock": "GetBucketPublicAccessBlock",
        "ownershipControls": "GetBucketOwnershipControls",
        "object-lock": "GetBucketObjectLockConfiguration",
        "replication": "GetReplicationConfiguration",
        "requestPayment": "GetBucketRequestPayment",
        "intelligent-tiering": "GetIntelligentTieringConfiguration",
        "analytics": "GetAnalyticsConfiguration",
        "inventory": "GetInventoryConfiguration",
        "metrics": "GetMetricsConfiguration",
        "cors": "GetBucketCORS",
        "": "ListBucket",
    },
    ("BUCKET", "HEAD"): {"": "ListBucket"},
    ("BUCKET", "PUT"): {
        "encryption": "PutEncryptionConfiguration",
        "publicAccessBlock": "PutBucketPublicAccessBlock",
        "ownershipControls": "PutBucketOwnershipControls",
        "object-lock": "PutBucketObjectLockConfiguration",
        "replication": "PutReplicationConfiguration",
        "requestPayment": "PutBucketRequestPayment",
        "intelligent-tiering": "PutIntelligentTieringConfiguration",
        "analytics": "PutAnalyticsConfiguration",
        "inventory": "PutInventoryConfiguration",
        "metrics": "PutMetricsConfiguration",
        "cors": "PutBucketCORS",
        "": "CreateBucket",
    },
    ("BUCKET", "DELETE"): {
        "encryption": "PutEncryptionConfiguration",
        "publicAccessBlock": "PutBucketPublicAccessBlock",
        "ownershipControls": "PutBucketOwnershipControls",
        "replication": "PutReplicationConfiguration",
        "cors": "PutBucketCORS",
        "": "DeleteBucket",
    },
    ("BUCKET", "POST"): {"delete": "DeleteObject", "": "PutObject"},
    ("KEY", "GET"): {
        "attributes": "GetObjectAttributes",
        "retention": "GetObjectRetention",
        "legal-hold": "GetObjectLegalHold",
        "": "GetObject",
    },
    ("KEY", "PUT"): {"retention": "PutObjectRetention", "legal-hold": "PutObjectLegalHold", "": "PutObject"},
    ("KEY", "DELETE"): {"tagging": "DeleteObjectTagging", "": "DeleteObject"},
    ("KEY", "POST"): {"select": "GetObject"},
}

# Actions that take a Version form when the request names a version.
_VERSIONED = {
    "GetObject": "GetObjectVersion",
    "GetObjectAcl": "GetObjectVersionAcl",
    "GetObjectTagging": "GetObjectVersionTagging",
    "PutObjectAcl": "PutObjectVersionAcl",
    "PutObjectTagging": "PutObjectVersionTagging",
    "DeleteObject": "DeleteObjectVersion",
    "DeleteObjectTagging": "DeleteObjectVersionTagging",
}


def split_path(path: str) -> tuple[Optional[str], Optional[str]]:
    """(bucket, key) of a path-style request path; key None for a bucket request."""
    trimmed = path.lstrip("/")
    if not trimmed:
        return None, None
    bucket, _, key = trimmed.partition("/")
    return bucket, (key or None)


def s3_action(method: str, path: str, query: Mapping[str, object]) -> str:
    """'s3:<Action>' for a request; query holds the request's query parameters (sub-resources are keys)."""
    bucket, key = split_path(path)
    method = method.upper()
    if bucket is None:
        return "s3:ListAllMyBuckets"
    level = "KEY" if key is not None else "BUCKET"
    own = _OWN.get((level, method), {})
    moto = {k: v for k, v in MOTO_ACTION_MAP.get(level, {}).get(method, {}).items() if k != "DEFAULT"}
    action: Optional[str] = None
    for table in (own, moto):
        for sub_resource, name in table.items():
            if sub_resource and sub_resource in query:
                action = name
                break
        if action:
            break
    if action is None:
        action = own.get("") or MOTO_ACTION_MAP.get(level, {}).get(method, {}).get("DEFAULT") or f"{method}{level.title()}"
    # moto names HeadBucket by its API; IAM checks s3:ListBucket.
    if action == "HeadBucket":
        action = "ListBucket"
    if "versionId" in query and action in _VERSIONED:
        action = _VERSIONED[action]
    return f"s3:{action}"


def s3_resource(path: str, partition: str = "aws") -> str:
    bucket, key = split_path(path)
    if bucket is None:
        return "*"
    return f"arn:{partition}:s3:::{bucket}" + (f"/{key}" if key is not None else "")


def is_delete_objects(method: str, path: str, query: Mapping[str, object]) -> bool:
    """DeleteObjects: POST on the bucket with ?delete (the call recorder names it s3:DeleteObject); it is
    judged key by key (moto_patches/s3_delete_objects_per_key.py)."""
    bucket, key = split_path(path)
    return method.upper() == "POST" and bucket is not None and key is None and "delete" in query
