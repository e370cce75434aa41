"""An opt-in log of every IAM decision the emulator makes, with all that went into it, so that another
evaluator can judge the same requests (__tests__/rehearsal/iam-simulate-agreement.integration.test.ts compares
policy_evaluator with @cloud-copilot/iam-simulate on a fixture cut from such a log).

Set REHEARSAL_IAM_DECISIONS_FILE to a path before the emulator starts. Each policy document is written
once, as {"policy": <id>, "document": ...}; each decision as {"decision": ..., "request": ...} naming
its policies by id. Off (no file, no cost) by default.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from typing import Any, Optional

FILE_VARIABLE = "REHEARSAL_IAM_DECISIONS_FILE"
_lock = threading.Lock()
_written: set[str] = set()


def _policy_id(document: Optional[dict[str, Any]], out: Any) -> Optional[str]:
    if document is None:
        return None
    text = json.dumps(document, sort_keys=True)
    policy_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    if policy_id not in _written:
        _written.add(policy_id)
        out.write(json.dumps({"policy": policy_id, "document": document}) + "\n")
    return policy_id


def record(request: Any, identity: list[dict[str, Any]], boundary: Optional[dict[str, Any]], resource_policy: Optional[dict[str, Any]], resource_account: Optional[str], resource_policy_required: bool, decision: Any) -> None:
    path = os.environ.get(FILE_VARIABLE)
    if not path:
        return
    principal = request.principal
    with _lock, open(path, "a", encoding="utf-8") as out:
        entry = {
            "request": {
                "action": request.action,
                "resource": request.resource,
                "principal": principal.arn if principal else None,
                "roleArn": principal.role_arn if principal else None,
                "account": principal.account_id if principal else None,
                "context": request.context,
            },
            "identity": [_policy_id(p, out) for p in identity],
            "boundary": _policy_id(boundary, out),
            "resourcePolicy": _policy_id(resource_policy, out),
            "resourceAccount": resource_account,
            "resourcePolicyRequired": resource_policy_required,
            "decision": {"allowed": decision.allowed, "reason": decision.reason},
        }
        out.write(json.dumps(entry) + "\n")
