"""Gap glue-job-state-change-events: a job run that ends sends Glue's "Glue Job State Change" event.

AWS ("Automating AWS Glue with EventBridge", https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html):
Glue sends the event to the account's default event bus in the run's region when a run ends SUCCEEDED,
FAILED, TIMEOUT or STOPPED (the states of stacks/constants/glue-job-run-states.ts whose stateChangeEvent
is true; a test holds the two equal), with source aws.glue, resources [] and detail {jobName, severity,
state, jobRunId, message}: the run's error message for a failure, "Job run succeeded" for a success.

moto: sends no event for any Glue job run.

Here: a listener on the end of every run the emulator executes (moto_support/glue_job_run.on_run_end)
builds the event and hands it to each rule of the default bus, as PutEvents would.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from moto.moto_api._internal import mock_random

from moto_support.default_bus import send_to_default_bus
from moto_support.glue_job_run import LocalJobRun, on_run_end

#: The run states a Glue Job State Change event carries.
STATE_CHANGE_EVENT_STATES = {"SUCCEEDED", "FAILED", "TIMEOUT", "STOPPED"}
_SEVERITY = {"SUCCEEDED": "INFO", "STOPPED": "INFO", "FAILED": "ERROR", "TIMEOUT": "WARN"}
_DEFAULT_MESSAGE = {"SUCCEEDED": "Job run succeeded", "STOPPED": "Job run stopped", "TIMEOUT": "Job run timed out", "FAILED": "Job run failed"}


def state_change_event(run: LocalJobRun) -> dict[str, Any]:
    """The event Glue sends for a run that ended."""
    spec = run.spec
    ended = run.completed_on or datetime.now(timezone.utc)
    return {
        "version": "0",
        "id": str(mock_random.uuid4()),
        "detail-type": "Glue Job State Change",
        "source": "aws.glue",
        "account": spec.account_id,
        "time": ended.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": spec.region,
        "resources": [],
        "detail": {
            "jobName": run.job_name,
            "severity": _SEVERITY[run.status],
            "state": run.status,
            "jobRunId": run.job_run_id,
            "message": run.error_message or _DEFAULT_MESSAGE[run.status],
        },
        "ingestion-time": ended.timestamp(),
    }


def _send(run: LocalJobRun) -> None:
    if run.status in STATE_CHANGE_EVENT_STATES:
        send_to_default_bus(run.spec.account_id, run.spec.region, state_change_event(run), "glue-job-state-change-events")


def apply(**_: Any) -> None:
    on_run_end(_send)
