"""The request being served, as the call recorder saw it, for the patches that judge it.

The server handles each request on one of its worker threads, and moto answers it on that thread,
so a thread-local is the request's own.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Optional

from moto_support.principals import Principal


@dataclass
class RequestContext:
    access_key_id: Optional[str]
    account_id: str
    principal: Optional[Principal]
    service: Optional[str]
    region: Optional[str]
    #: The IAM action, e.g. s3:PutObject; None until known (moto names it while it dispatches).
    action: Optional[str]
    method: str
    path: str
    #: the request's parameters, values truncated, as recorded
    params: dict[str, Any] = field(default_factory=dict)
    #: the same, whole, for evaluation
    raw_params: dict[str, Any] = field(default_factory=dict)
    #: "allowed", "denied: <reason>", or None where IAM was not enforced
    iam_decision: Optional[str] = None
    #: Where IAM was enforced: the ARN judged, a list of them when the action needs several, "*" for an
    #: action without resource-level permissions, or None when only the action could be judged.
    iam_resource: Any = None
    #: Where an S3 request used a KMS key as its caller: [{"action", "resource", "decision"}], in order.
    kms_decisions: list[dict[str, str]] = field(default_factory=list)
    #: The emulator is served over https only.
    secure_transport: bool = True


#: Services whose IAM prefix is not the name they sign requests with.
IAM_PREFIXES = {"monitoring": "cloudwatch"}

_local = threading.local()


def set_current(context: Optional[RequestContext]) -> None:
    _local.context = context


def current() -> Optional[RequestContext]:
    return getattr(_local, "context", None)
