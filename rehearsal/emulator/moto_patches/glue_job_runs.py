"""Gaps glue-job-runs and glue-job-run-arguments.

glue-job-runs: on AWS, a started job run runs the job's script (ScriptLocation) with the job's
DefaultArguments replaced by the run's Arguments, its --extra-py-files on the Python path, as the job's
role; it is RUNNING, then SUCCEEDED, FAILED with the error in ErrorMessage, or TIMEOUT past its
Timeout; ExecutionTime is what it took; StartJobRun beyond the job's MaxConcurrentRuns is refused with
ConcurrentRunsExceededException. moto runs nothing: every run ends SUCCEEDED with ExecutionTime 123 and
GlueVersion 0.9, and its concurrency check counts runs by its own state machine.

glue-job-run-arguments: on AWS, GetJobRun and GetJobRuns report a run's own Arguments (those it was
started with, which replaced the defaults for that run). moto reports them merged with the job's
DefaultArguments (getmoto/moto#9033 tracks moto's job-run arguments).

Here StartJobRun, and so each job a workflow's trigger starts, makes a run that
moto_support/glue_runner.py executes on local Spark (moto_support/glue_job_run.py is what GetJobRun
reports of it). With `glue_runs=None` (the launcher's --glue-job-runs moto) nothing is installed and
moto's own runs stay.
"""

from __future__ import annotations

import threading
from typing import Any, Optional

from moto_support.glue_job_run import LocalJobRun
from moto_support.glue_run_spec import spec_of
from moto_support.glue_runner import GlueRunner, GlueRunSettings

_runner: Optional[GlueRunner] = None
# One StartJobRun at a time: the concurrency check and the new run's registration go together.
_start_lock = threading.Lock()


def stop() -> None:
    """Ends the scripts still running; the launcher calls it as it stops."""
    if _runner is not None:
        _runner.stop()


def start_job_run(
    self: Any,
    allocated_capacity: Optional[int] = None,
    max_capacity: Optional[float] = None,
    timeout: Optional[int] = None,
    worker_type: Optional[str] = None,
    security_configuration: Optional[str] = None,
    number_of_workers: Optional[int] = None,
    notification_property: Optional[dict[str, int]] = None,
    previous_run_id: Optional[str] = None,
    arguments: Optional[dict[str, str]] = None,
) -> str:
    """moto's FakeJob.start_job_run, with a run that really runs."""
    from moto.glue.exceptions import ConcurrentRunsExceededException

    assert _runner is not None
    spec = spec_of(
        self,
        arguments,
        timeout=timeout,
        worker_type=worker_type,
        number_of_workers=number_of_workers,
        security_configuration=security_configuration,
        previous_run_id=previous_run_id,
    )
    with _start_lock:
        active = [run for run in self.job_runs if getattr(run, "active", False)]
        if len(active) >= spec.max_concurrent_runs:
            raise ConcurrentRunsExceededException(
                f"Concurrent runs exceeded for {self.name}: {len(active)} run(s) active, MaxConcurrentRuns is {spec.max_concurrent_runs}"
            )
        run = LocalJobRun(spec)
        self.job_runs.append(run)
    _runner.start(run, self.arn)
    return run.job_run_id


def apply(glue_runs: Optional[GlueRunSettings] = None, **_: Any) -> None:
    global _runner
    if glue_runs is None:
        return
    from moto.glue.models import FakeJob

    _runner = GlueRunner(glue_runs)
    FakeJob.start_job_run = start_job_run  # type: ignore[method-assign]
