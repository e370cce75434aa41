"""WSGI middleware around moto. It names each request (principal, IAM action, parameters), makes that
the request's context for the patches, and appends one JSON line per request to the calls file. It also
serves the inventory (moto_support/inventory.py), unrecorded.

A line: {"seq", "time", "accessKeyId", "accountId", "principalArn", "roleArn", "service", "action",
"region", "method", "path", "params", "status"}, and where IAM was enforced (moto_patches/iam_enforcement.py)
also "iamDecision" ("allowed" or "denied: <reason>"), "iamResource" (the ARN judged, a list of ARNs when
the action needs several, "*" for an action without resource-level permissions, null when the ARN could
not be known and only the action was judged) and, for an S3 request that used a KMS key as its caller,
"kmsDecisions" ([{"action", "resource", "decision"}]).
"""

from __future__ import annotations

import io
import json
import threading
import time
from typing import Any, Callable, Iterable, Optional
from urllib.parse import parse_qs

from moto_support import principals, request_context
from moto_support.inventory import inventory
from moto_support.s3_actions import s3_action, split_path

MAX_VALUE_CHARS = 400
#: Served here, not by moto, and not recorded: the rehearsal's own look at what is left.
INVENTORY_PATH = "/rehearsal-api/inventory"
JSON_CONTENT_TYPES = ("application/x-amz-json", "application/json")


def truncate(value: str) -> str:
    if len(value) <= MAX_VALUE_CHARS:
        return value
    return f"{value[:MAX_VALUE_CHARS]}…({len(value)} chars)"


def flat_value(value: Any) -> Any:
    if isinstance(value, (bool, int, float)) or value is None:
        return value
    if isinstance(value, str):
        return truncate(value)
    return truncate(json.dumps(value, separators=(",", ":"), sort_keys=True))


def credential_scope(environ: dict[str, Any], query: dict[str, str]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(access key id, region, service) from a SigV4 Authorization header or a presigned URL."""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    credential = ""
    if "Credential=" in auth:
        credential = auth.split("Credential=", 1)[1].split(",", 1)[0].strip()
    elif "X-Amz-Credential" in query:
        credential = query["X-Amz-Credential"]
    parts = credential.split("/")
    if len(parts) >= 5:
        return parts[0], parts[2], parts[3].lower()
    return (parts[0] or None) if parts else None, None, None


def read_body(environ: dict[str, Any]) -> bytes:
    """Reads the request body and puts an equal stream back for moto."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length:
        body = stream.read(int(length))
    elif environ.get("wsgi.input_terminated"):
        body = stream.read()
    else:
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    return body


#: Called with each recorded line, e.g. by a Glue job run that tallies its own S3 calls (glue_run_s3_calls.py).
CallListener = Callable[[dict[str, Any]], None]
_listeners: list[CallListener] = []
_listeners_lock = threading.Lock()


def listen(listener: CallListener) -> Callable[[], None]:
    """Adds `listener` for every line recorded from now on; returns the function that removes it."""
    with _listeners_lock:
        _listeners.append(listener)

    def remove() -> None:
        with _listeners_lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def s3a_operation(referrer: str, bucket: Optional[str]) -> Optional[str]:
    """The filesystem operation behind an S3A request, from the Referer header S3A's auditing adds to each
    one (Hadoop's "S3A Auditing" page: https://audit.example.org/hadoop/1/op_<name>/<span>/?op=..&p1=<key>..),
    e.g. "op_mkdirs s3://bucket/out/copy/_temporary/0"; None for a request of another client."""
    if "/hadoop/1/op_" not in referrer or "?" not in referrer:
        return None
    query = first_values(parse_qs(referrer.split("?", 1)[1]))
    paths = " ".join(p if "://" in p else f"s3://{bucket}/{p}" for p in (query.get("p1"), query.get("p2")) if p)
    return f"{query.get('op', 'op_unknown')} {paths}".strip()


def first_values(parsed: dict[str, list[str]]) -> dict[str, str]:
    return {key: values[0] if values else "" for key, values in parsed.items()}


class CallRecorder:
    def __init__(self, app: Callable[..., Iterable[bytes]], calls_file: str) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.seq = 0
        self.out = open(calls_file, "a", encoding="utf-8")

    def describe(self, environ: dict[str, Any]) -> request_context.RequestContext:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "/")
        query = first_values(parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        body = read_body(environ)
        access_key_id, region, service = credential_scope(environ, query)
        content_type = environ.get("CONTENT_TYPE", "") or ""
        target = environ.get("HTTP_X_AMZ_TARGET")

        params: dict[str, Any] = dict(query)
        action_name: Optional[str] = None
        if content_type.startswith("application/x-www-form-urlencoded") and service != "s3":
            params.update(first_values(parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)))
        elif content_type.startswith(JSON_CONTENT_TYPES) and body:
            try:
                document = json.loads(body)
                if isinstance(document, dict):
                    params.update(document)
            except ValueError:
                pass
        if path.startswith("/moto-api"):
            service = "moto-api"
        elif target and "." in target:
            action_name = target.split(".", 1)[1]
        elif "Action" in params:
            action_name = str(params.pop("Action"))
            params.pop("Version", None)
        elif service == "s3":
            bucket, key = split_path(path)
            action_name = s3_action(method, path, query).split(":", 1)[1]
            if bucket:
                params["Bucket"] = bucket
            if key is not None:
                params["Key"] = key
            if environ.get("HTTP_X_AMZ_COPY_SOURCE"):
                params["CopySource"] = environ["HTTP_X_AMZ_COPY_SOURCE"]
            operation = s3a_operation(environ.get("HTTP_REFERER", ""), bucket)
            if operation:
                params["S3AOperation"] = operation
        for secret in ("X-Amz-Signature", "X-Amz-Security-Token", "SecretString", "SecretBinary"):
            if secret in params:
                params[secret] = "(redacted)"
        return request_context.RequestContext(
            access_key_id=access_key_id,
            account_id=principals.account_of(access_key_id),
            principal=principals.resolve(access_key_id),
            service=service,
            region=region,
            action=f"{request_context.IAM_PREFIXES.get(service, service)}:{action_name}" if service and action_name else None,
            method=method,
            path=path,
            params={key: flat_value(value) for key, value in params.items()},
            raw_params=params,
        )

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == INVENTORY_PATH:
            body = json.dumps(inventory()).encode("utf-8")
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        context = self.describe(environ)
        status_holder: dict[str, int] = {}

        def recording_start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
            status_holder["status"] = int(status.split(" ", 1)[0])
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        request_context.set_current(context)
        try:
            return self.app(environ, recording_start_response)
        finally:
            request_context.set_current(None)
            self.record(context, status_holder.get("status"))

    def record(self, context: request_context.RequestContext, status: Optional[int]) -> None:
        principal = context.principal
        with self.lock:
            self.seq += 1
            line = {
                "seq": self.seq,
                "time": round(time.time(), 3),
                "accessKeyId": context.access_key_id,
                "accountId": context.account_id,
                "principalArn": principal.arn if principal else None,
                "roleArn": principal.role_arn if principal else None,
                "service": context.service,
                "action": context.action,
                "region": context.region,
                "method": context.method,
                "path": context.path,
                "params": context.params,
                "status": status,
            }
            if context.iam_decision is not None:
                line["iamDecision"] = context.iam_decision
                line["iamResource"] = context.iam_resource
            if context.kms_decisions:
                line["kmsDecisions"] = context.kms_decisions
            if context.also_judged:
                line["alsoJudged"] = context.also_judged
            self.out.write(json.dumps(line, separators=(",", ":"), default=str) + "\n")
            self.out.flush()
        with _listeners_lock:
            listeners = list(_listeners)
        for listener in listeners:
            listener(line)
