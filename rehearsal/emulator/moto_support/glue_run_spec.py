"""What one run of a Glue job runs, read from the job as the emulator holds it and from StartJobRun:
the script, the arguments Glue hands it, the libraries, the role, the timeout and the worker settings.

Glue's rules: a run's Arguments replace the job's DefaultArguments of the same name, and
NonOverridableArguments replace both; StartJobRun's Timeout, WorkerType and NumberOfWorkers replace
the job's; `--extra-py-files` is a comma-separated list of S3 objects (.py or .zip) put on the Python
path. Glue gives the script `--JOB_ID`, `--JOB_RUN_ID` and `--JOB_NAME` before the arguments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

#: Glue's default Timeout of a glueetl job, in minutes, when the job sets none.
DEFAULT_TIMEOUT_MINUTES = 2880
S3_URI = re.compile(r"^s3://([^/]+)(?:/(.*))?$")


@dataclass(frozen=True)
class RunSpec:
    job_name: str
    account_id: str
    region: str
    partition: str
    role_arn: str
    script_location: str
    #: Everything Glue hands the script after --JOB_*: defaults, then the run's, then the non-overridable.
    arguments: Mapping[str, str]
    #: The run's own (StartJobRun's or a trigger's), as GetJobRun reports them.
    run_arguments: Mapping[str, str] = field(default_factory=dict)
    timeout_minutes: int = DEFAULT_TIMEOUT_MINUTES
    max_concurrent_runs: int = 1
    worker_type: Optional[str] = None
    number_of_workers: Optional[int] = None
    execution_class: str = "STANDARD"
    glue_version: str = "5.1"
    security_configuration: Optional[str] = None
    previous_run_id: Optional[str] = None

    @property
    def extra_py_files(self) -> list[str]:
        value = self.arguments.get("--extra-py-files", "")
        return [part.strip() for part in value.split(",") if part.strip()]


def spec_of(job: Any, run_arguments: Optional[Mapping[str, str]], *, timeout: Optional[int] = None, worker_type: Optional[str] = None, number_of_workers: Optional[int] = None, security_configuration: Optional[str] = None, previous_run_id: Optional[str] = None) -> RunSpec:
    """The run of moto's FakeJob `job` that StartJobRun asks for."""
    backend = job.backend
    arguments = dict(job.default_arguments or {})
    arguments.update(run_arguments or {})
    arguments.update(job.non_overridable_arguments or {})
    execution = job.execution_property or {}
    return RunSpec(
        job_name=job.name,
        account_id=backend.account_id,
        region=backend.region_name,
        partition=job.arn.split(":")[1],
        role_arn=job.role,
        script_location=(job.command or {}).get("ScriptLocation", ""),
        arguments=arguments,
        run_arguments=dict(run_arguments or {}),
        timeout_minutes=int(timeout or job.timeout or DEFAULT_TIMEOUT_MINUTES),
        max_concurrent_runs=int(execution.get("MaxConcurrentRuns") or 1),
        worker_type=worker_type or job.worker_type,
        number_of_workers=number_of_workers or job.number_of_workers,
        execution_class=job.execution_class or "STANDARD",
        glue_version=job.glue_version or "5.1",
        security_configuration=security_configuration or job.security_configuration,
        previous_run_id=previous_run_id,
    )


def script_argv(spec: RunSpec, run_id: str) -> list[str]:
    """The script's arguments as Glue passes them: S3 locations as they are, for the script's Spark to read through S3A."""
    argv = ["--JOB_ID", f"j_{run_id[3:]}", "--JOB_RUN_ID", run_id, "--JOB_NAME", spec.job_name]
    for name, value in spec.arguments.items():
        if name in ("--JOB_ID", "--JOB_RUN_ID", "--JOB_NAME"):
            continue
        argv += [name, value]
    return argv
