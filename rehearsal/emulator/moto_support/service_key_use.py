"""A KMS key's use by an AWS service principal, judged as KMS would: by the key policy alone, with only the
condition keys that service's request carries.

Which keys a service sends, per use, is the project's table (stacks/constants/service-key-conditions.ts),
the same one the acceptance rule `service-key-conditions` reads: read once, through node, so the emulator
and the rule cannot disagree. A service principal's request to KMS is authorized by the key policy alone
(no identity policy of the account is involved), so a statement whose condition names a key the request
does not carry never applies.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from typing import Any, Optional

from moto_support.policy_evaluator import ALLOW, DENY, _as_list, action_matches, conditions_met

PROJECT_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
TABLE_MODULE = "./stacks/constants/service-key-conditions.ts"

_rows: Optional[list[dict[str, Any]]] = None
_loading = threading.Lock()


def service_key_uses() -> list[dict[str, Any]]:
    """The table's rows (SERVICE_KEY_USES), read from the project once."""
    global _rows
    with _loading:
        if _rows is None:
            node = shutil.which("node")
            if node is None:
                raise RuntimeError("node is not on PATH: the emulator reads stacks/constants/service-key-conditions.ts through it")
            program = f"process.stdout.write(JSON.stringify(require({json.dumps(TABLE_MODULE)}).SERVICE_KEY_USES))"
            output = subprocess.run([node, "--require", "tsx/cjs", "-e", program], cwd=PROJECT_DIR, capture_output=True, text=True, check=True, timeout=60)
            _rows = json.loads(output.stdout)
    return _rows


def row(row_id: str) -> dict[str, Any]:
    found = next((r for r in service_key_uses() if r["id"] == row_id), None)
    if found is None:
        raise KeyError(f"no row {row_id} in stacks/constants/service-key-conditions.ts")
    return found


@dataclass
class KeyUseDecision:
    allowed: bool
    reason: str
    #: the context the request carried: only the keys the row lists
    context: dict[str, list[str]]


def _names_service(element: Any, service: str) -> bool:
    if element == "*":
        return True
    return isinstance(element, dict) and (service in _as_list(element.get("Service")) or "*" in _as_list(element.get("AWS")))


def judge(key_policy: dict[str, Any], row_id: str, action: str, values: dict[str, str]) -> KeyUseDecision:
    """Whether the key policy lets the row's service principal call `action`, its request carrying those of
    `values` (condition key to value) that the row lists, and nothing else."""
    use = row(row_id)
    sent = {key.lower() for key in use["conditionKeys"]}
    context = {key.lower(): [value] for key, value in values.items() if key.lower() in sent}
    verdict: Optional[str] = None
    for statement in _as_list(key_policy.get("Statement")):
        effect = statement.get("Effect")
        principal = statement.get("NotPrincipal") if "NotPrincipal" in statement else statement.get("Principal")
        names = _names_service(principal, use["principal"])
        if ("NotPrincipal" in statement) == names:
            continue
        if "NotAction" in statement:
            if action_matches(statement["NotAction"], action):
                continue
        elif not action_matches(statement.get("Action"), action):
            continue
        if not conditions_met(statement.get("Condition"), context, effect):
            continue
        if effect == DENY:
            return KeyUseDecision(False, f"explicit Deny in the key policy ({statement.get('Sid', 'no Sid')})", context)
        verdict = ALLOW
    if verdict == ALLOW:
        return KeyUseDecision(True, "allowed", context)
    carried = ", ".join(use["conditionKeys"]) or "no condition key"
    return KeyUseDecision(False, f"no statement of the key policy allows {use['principal']} {action} with what its request carries ({carried}; {use['source']['url']})", context)
