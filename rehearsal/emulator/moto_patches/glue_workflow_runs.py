"""Gap glue-workflow-runs: on AWS, StartWorkflowRun fires the workflow's start trigger, which starts its
jobs; each activated CONDITIONAL trigger of the workflow starts its jobs once the jobs of its conditions
reached their states in that run; the run is COMPLETED when nothing more is running or can start; and
GetWorkflow and GetWorkflowRun with IncludeGraph return the graph of jobs and triggers (a run's graph
with each job's runs in it). moto stores workflows, triggers and runs, but its GetWorkflow and
GetWorkflowRun return no graph, its triggers never start a job, and its runs stay RUNNING.

Here a run is played as Glue plays it: StartWorkflowRun starts the start trigger's jobs with moto's own
StartJobRun (not as the caller: Glue starts them, so no IAM check applies), and each GetWorkflowRun
fires, after answering, the conditional triggers whose conditions now hold (one wave per call, so a
run is seen RUNNING between waves) and completes the run once every job run has ended and no trigger
can fire. The graph
is built from the workflow's triggers, as AWS builds it. Where job runs really run
(moto_patches/glue_job_runs.py), a run's end also advances the workflow runs it is in, at once, as
Glue's own event does.
"""

from __future__ import annotations

import threading
from typing import Any

from moto.core.utils import utcnow

from moto_support.backend_lock import BACKENDS
from moto_support.glue_job_run import FINAL_STATES as FINAL_JOB_STATES, LocalJobRun, on_run_end

# (account, region, workflow, run id) -> job name -> ids of its runs in that workflow run
_RUN_JOBS: dict[tuple[str, str, str, str], dict[str, list[str]]] = {}
# (account, region, workflow, run id) -> names of the triggers fired in that run
_FIRED: dict[tuple[str, str, str, str], set[str]] = {}

# A job run's end (on its own thread) and GetWorkflowRun (on a request's) both advance runs: one at a time.
_ADVANCING = threading.Lock()


def _triggers_of(backend: Any, workflow: str) -> list[Any]:
    return [trigger for trigger in backend.triggers.values() if trigger.workflow_name == workflow]


def _jobs_of(triggers: list[Any]) -> list[str]:
    names: list[str] = []
    for trigger in triggers:
        conditions = trigger.predicate.conditions if trigger.predicate else []
        for name in [a.job_name for a in trigger.actions] + [c.job_name for c in conditions]:
            if name and name not in names:
                names.append(name)
    return names


def _job_run(backend: Any, job_name: str, run_id: str) -> Any:
    job = backend.jobs.get(job_name)
    return next((run for run in (job.job_runs if job else []) if run.job_run_id == run_id), None)


def _graph(backend: Any, workflow: str, key: tuple[str, str, str, str] | None) -> dict[str, Any]:
    """Nodes (jobs, triggers) and edges (trigger → job it starts, job → trigger that waits for it)."""
    triggers = _triggers_of(backend, workflow)
    runs = _RUN_JOBS.get(key, {}) if key else {}
    nodes: list[dict[str, Any]] = []
    for name in _jobs_of(triggers):
        node: dict[str, Any] = {"Type": "JOB", "Name": name, "UniqueId": f"job-{name}"}
        if key is not None:
            job_runs = [_job_run(backend, name, run_id) for run_id in runs.get(name, [])]
            node["JobDetails"] = {"JobRuns": [run.as_dict() for run in job_runs if run is not None]}
        nodes.append(node)
    edges: list[dict[str, str]] = []
    for trigger in triggers:
        nodes.append({"Type": "TRIGGER", "Name": trigger.name, "UniqueId": f"trigger-{trigger.name}", "TriggerDetails": {"Trigger": trigger.as_dict()}})
        edges += [{"SourceId": f"trigger-{trigger.name}", "DestinationId": f"job-{a.job_name}"} for a in trigger.actions if a.job_name]
        for condition in trigger.predicate.conditions if trigger.predicate else []:
            if condition.job_name:
                edges.append({"SourceId": f"job-{condition.job_name}", "DestinationId": f"trigger-{trigger.name}"})
    return {"Nodes": nodes, "Edges": edges}


def _fire(backend: Any, key: tuple[str, str, str, str], trigger: Any) -> None:
    _FIRED.setdefault(key, set()).add(trigger.name)
    for action in trigger.actions:
        if not action.job_name:
            continue
        run_id = backend.start_job_run(
            name=action.job_name,
            arguments=action.arguments,
            allocated_capacity=None,
            max_capacity=None,
            timeout=action.timeout,
            worker_type=None,
            security_configuration=action.security_configuration,
            number_of_workers=None,
            notification_property=action.notification_property,
            previous_run_id=None,
        )
        _RUN_JOBS.setdefault(key, {}).setdefault(action.job_name, []).append(run_id)


def _latest_state(backend: Any, key: tuple[str, str, str, str], job_name: str) -> str | None:
    run_ids = _RUN_JOBS.get(key, {}).get(job_name, [])
    run = _job_run(backend, job_name, run_ids[-1]) if run_ids else None
    return run.status if run is not None else None


def _advance(backend: Any, workflow: Any, run: Any, key: tuple[str, str, str, str]) -> None:
    """One wave: fire each activated conditional trigger whose conditions hold; complete the run when done."""
    if run.status != "RUNNING":
        return
    fired = _FIRED.setdefault(key, set())
    ready = []
    for trigger in _triggers_of(backend, workflow.name):
        if trigger.trigger_type != "CONDITIONAL" or trigger.name in fired or trigger.state != "ACTIVATED" or not trigger.predicate:
            continue
        met = [_latest_state(backend, key, c.job_name) == c.state.value for c in trigger.predicate.conditions if c.job_name and c.state]
        if met and (all(met) if trigger.predicate.logical.value == "AND" else any(met)):
            ready.append(trigger)
    for trigger in ready:
        _fire(backend, key, trigger)
    if ready:
        return
    states = [_latest_state(backend, key, name) for name in _RUN_JOBS.get(key, {})]
    if all(state in FINAL_JOB_STATES for state in states):
        run.status = "COMPLETED"
        run.completed_on = utcnow()


def _advance_runs_with(job_run: LocalJobRun) -> None:
    """A real job run ended: advance each workflow run it belongs to, as Glue does on the job's event."""
    from moto.glue.models import glue_backends

    spec = job_run.spec
    backend = glue_backends[spec.account_id][spec.region]
    with BACKENDS, _ADVANCING:  # a run's own thread, not a request's
        for key, jobs in list(_RUN_JOBS.items()):
            workflow = backend.workflows.get(key[2])
            if key[:2] == (spec.account_id, spec.region) and job_run.job_run_id in jobs.get(job_run.job_name, []) and workflow is not None:
                _advance(backend, workflow, workflow.get_run(key[3]), key)


def _statistics(backend: Any, key: tuple[str, str, str, str]) -> dict[str, int]:
    states = [_latest_state(backend, key, name) for name in _RUN_JOBS.get(key, {})]
    count = lambda wanted: sum(1 for state in states if state == wanted)  # noqa: E731
    return {
        "TotalActions": len(states),
        "SucceededActions": count("SUCCEEDED"),
        "FailedActions": count("FAILED"),
        "StoppedActions": count("STOPPED"),
        "TimeoutActions": count("TIMEOUT"),
        "ErroredActions": count("ERROR"),
        "RunningActions": sum(1 for state in states if state not in FINAL_JOB_STATES),
        "WaitingActions": 0,
    }


def apply(**_: Any) -> None:
    from moto.core.responses import ActionResult
    from moto.glue.models import GlueBackend
    from moto.glue.responses import GlueResponse

    original_start = GlueBackend.start_workflow_run

    def start_workflow_run(self: Any, workflow_name: str, properties: Any) -> str:
        run_id = original_start(self, workflow_name, properties)
        key = (self.account_id, self.region_name, workflow_name, run_id)
        with _ADVANCING:
            for trigger in _triggers_of(self, workflow_name):
                if trigger.trigger_type in ("ON_DEMAND", "SCHEDULED"):
                    _fire(self, key, trigger)
        return run_id

    def get_workflow(self: Any) -> ActionResult:
        name = self._get_param("Name")
        workflow = self.glue_backend.get_workflow(name)
        if self._get_param("IncludeGraph"):
            workflow = {**workflow, "Graph": _graph(self.glue_backend, name, None)}
        return ActionResult({"Workflow": workflow})

    def get_workflow_run(self: Any) -> ActionResult:
        name, run_id = self._get_param("Name"), self._get_param("RunId")
        backend = self.glue_backend
        backend.get_workflow_run(name, run_id)  # EntityNotFound for an unknown workflow or run
        workflow = backend.workflows[name]
        run = workflow.get_run(run_id)
        key = (backend.account_id, backend.region_name, name, run_id)
        result = {**run.as_dict(), "Statistics": _statistics(backend, key)}
        if self._get_param("IncludeGraph"):
            result["Graph"] = _graph(backend, name, key)
        # Glue starts jobs between calls: what this call fires, the next one shows.
        with _ADVANCING:
            _advance(backend, workflow, run, key)
        return ActionResult({"Run": result})

    on_run_end(_advance_runs_with)
    GlueBackend.start_workflow_run = start_workflow_run  # type: ignore[method-assign]
    GlueResponse.get_workflow = get_workflow  # type: ignore[method-assign]
    GlueResponse.get_workflow_run = get_workflow_run  # type: ignore[method-assign]
