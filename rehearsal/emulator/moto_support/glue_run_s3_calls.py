"""The S3 calls one Glue job run makes as its role, as the call recorder records and the IAM enforcement
judges them: tallied by action, the denied ones kept, and written to the run's folder as s3-calls.json.

Glue's own fetch of the script and the --extra-py-files ("fetch") is told apart from what the script and
its Spark (S3A) ask of S3 ("script"). A denied call fails the run: its message names the role, the
action, the resource and the Spark operation that made the call: the one S3A's audit header names
(call_recorder.s3a_operation, e.g. "op_mkdirs s3://bucket/out"), else the one its AccessDeniedException
names (e.g. "getFileStatus on s3://bucket/key").
"""

from __future__ import annotations

import json
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Optional

from moto_support import call_recorder

S3_CONNECTOR = "s3a"
# S3A's AccessDeniedException: "<path>: <operation> on <path>: ..." (Hadoop's S3AUtils.translateException).
_S3A_OPERATION = re.compile(r"AccessDeniedException: (\S+): (.+?) on (s3a?://\S+?):")


def spark_operation(stderr: str) -> Optional[str]:
    """The S3A operation whose call S3 refused, from the script's error output, e.g. "getFileStatus on s3://b/k"."""
    match = _S3A_OPERATION.search(stderr)
    return f"{match.group(2)} on {match.group(3)}" if match else None


class RunS3Calls:
    """Listens to the recorder for the calls signed with one run's session (its access key id)."""

    def __init__(self, access_key_id: str, role_arn: str) -> None:
        self.access_key_id = access_key_id
        self.role_arn = role_arn
        self.phase = "fetch"
        self.counts: dict[str, Counter[str]] = {"fetch": Counter(), "script": Counter()}
        self.denied: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._stop: Optional[Callable[[], None]] = None

    def __enter__(self) -> "RunS3Calls":
        self._stop = call_recorder.listen(self._heard)
        return self

    def __exit__(self, *_: Any) -> None:
        if self._stop is not None:
            self._stop()

    def _heard(self, line: dict[str, Any]) -> None:
        if line.get("accessKeyId") != self.access_key_id or line.get("service") != "s3":
            return
        with self._lock:
            self.counts[self.phase][str(line.get("action"))] += 1
            decision = line.get("iamDecision")
            if isinstance(decision, str) and decision.startswith("denied"):
                self.denied.append(line)

    def denial_message(self, stderr: str) -> Optional[str]:
        """The run's error when S3 denied any call of it: the first denial, and how many there were."""
        with self._lock:
            if not self.denied:
                return None
            first, more = self.denied[0], len(self.denied) - 1
        resource = first.get("iamResource") or f"s3://{first.get('params', {}).get('Bucket')}/{first.get('params', {}).get('Key', '')}"
        reason = str(first.get("iamDecision", "denied")).removeprefix("denied: ")
        if isinstance(resource, list) and " because " in reason:
            # DeleteObjects names its keys; the decision names the first one denied (s3_delete_objects_per_key).
            resource, reason = reason.split(" because ", 1)
        # S3A's audit header names the operation of each call; its exception names the one that failed.
        audited = first.get("params", {}).get("S3AOperation")
        operation = (audited or spark_operation(stderr)) if self.phase == "script" else "Glue's fetch of the script and libraries"
        return (
            f"S3 denied {first.get('action')} on {resource} to the job role {self.role_arn} "
            f"(Spark operation: {operation or 'not named in the script output'}; {reason})"
            + (f"; {more} more call(s) denied" if more else "")
        )

    def summary(self) -> dict[str, Any]:
        """What the report carries of the run: the connector and the S3 actions with their counts."""
        with self._lock:
            script = dict(sorted(self.counts["script"].items()))
            fetch = dict(sorted(self.counts["fetch"].items()))
            denied = [{"action": d.get("action"), "resource": d.get("iamResource"), "decision": d.get("iamDecision")} for d in self.denied]
        return {"s3Connector": S3_CONNECTOR, "roleArn": self.role_arn, "s3Actions": script, "fetchActions": fetch, "denied": denied}

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.summary(), indent=2) + "\n", encoding="utf-8")
