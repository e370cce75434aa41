"""One Glue job run as the emulator reports it (GetJobRun, GetJobRuns, a workflow run's graph): its
state, real times and error, and the arguments it was started with.

Glue's states here: RUNNING from StartJobRun on (staging the run's files is part of the run, as Glue's
own reads of S3 are), then SUCCEEDED, FAILED (ErrorMessage: the script's last error line), TIMEOUT
(past the job's Timeout) or ERROR (the emulator could not run it). Listeners added with on_run_end
hear of each run that reached one of the final states.
"""

from __future__ import annotations

import math
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from moto.moto_api._internal import mock_random

from moto_support.glue_run_spec import RunSpec

# Glue's JobRunState values, split as stacks/constants/glue-job-run-states.ts does (a test holds them equal).
ACTIVE_STATES = {"STARTING", "RUNNING", "STOPPING", "WAITING"}
FINAL_STATES = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}
#: Where Glue writes a job's driver output (/output) and errors (/error).
LOG_GROUP = "/aws-glue/jobs"

RunEndListener = Callable[["LocalJobRun"], None]
_listeners: list[RunEndListener] = []


def on_run_end(listener: RunEndListener) -> None:
    """Calls `listener(run)` on the run's thread once a run reached a final state (e.g. to fire triggers)."""
    _listeners.append(listener)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class LocalJobRun:
    """A run of moto's FakeJob that the emulator really executes; it stands in moto's job_runs list."""

    def __init__(self, spec: RunSpec) -> None:
        self.spec = spec
        self.job_name = spec.job_name
        #: moto's paginator and the workflow patch find runs by this attribute.
        self.job_run_id = f"jr_{mock_random.get_random_hex(64)}"
        self.status = "RUNNING"
        self.error_message: Optional[str] = None
        #: What the run's data-quality evaluations published (glue_runtime.quality_results), in their order.
        self.quality_results: list[dict[str, Any]] = []
        self.started_on = _now()
        self.modified_on = self.started_on
        self.completed_on: Optional[datetime] = None
        self._started = time.monotonic()
        self._seconds: Optional[float] = None
        self._lock = threading.Lock()

    @property
    def active(self) -> bool:
        return self.status in ACTIVE_STATES

    @property
    def seconds(self) -> float:
        """Wall time so far, or of the whole run once it ended."""
        return self._seconds if self._seconds is not None else time.monotonic() - self._started

    def finish(self, state: str, error_message: Optional[str] = None) -> None:
        """Ends the run once (a later call is ignored), then tells the listeners."""
        assert state in FINAL_STATES, state
        with self._lock:
            if not self.active:
                return
            self._seconds = time.monotonic() - self._started
            self.status = state
            self.error_message = error_message
            self.completed_on = self.modified_on = _now()
        for listener in list(_listeners):
            listener(self)

    def advance(self) -> None:
        """moto calls this on every read to move its own runs along; a real run moves by itself."""

    def get_name(self) -> str:
        return self.job_name

    def as_dict(self) -> dict[str, Any]:
        spec = self.spec
        run: dict[str, Any] = {
            "Id": self.job_run_id,
            "Attempt": 0,
            "JobName": self.job_name,
            "StartedOn": self.started_on,
            "LastModifiedOn": self.modified_on,
            "JobRunState": self.status,
            "PredecessorRuns": [],
            # Whole seconds, as Glue reports them; a run that ended is at least 1 s.
            "ExecutionTime": 0 if self._seconds is None else max(1, math.ceil(self._seconds)),
            "Timeout": spec.timeout_minutes,
            "GlueVersion": spec.glue_version,
            "ExecutionClass": spec.execution_class,
            "LogGroupName": LOG_GROUP,
        }
        if self.completed_on is not None:
            run["CompletedOn"] = self.completed_on
        # The run's own arguments, which replace the job's defaults for this run; not the merged set.
        if spec.run_arguments:
            run["Arguments"] = dict(spec.run_arguments)
        if self.error_message:
            run["ErrorMessage"] = self.error_message
        if spec.worker_type:
            run["WorkerType"] = spec.worker_type
        if spec.number_of_workers:
            run["NumberOfWorkers"] = spec.number_of_workers
        if spec.security_configuration:
            run["SecurityConfiguration"] = spec.security_configuration
        if spec.previous_run_id:
            run["PreviousRunId"] = spec.previous_run_id
        return run
