"""Runs a started Glue job run for real: as the job's role, its script and libraries fetched from the
emulator's S3, its script on local Spark whose s3:// paths go to the emulator's S3 through S3A (as on
Glue 5.1, glue_run_s3a.py), ended like Glue ends a run. Each S3 call of the run is judged against the job
role; one that S3 denied fails the run, naming the role, the action, the resource and the Spark operation
(glue_run_s3_calls.py).

One thread per run, one folder per run (<runs dir>/<job>/<run id>/: script/, libraries/, spark-conf/,
work/, stdout.log, stderr.log, s3-calls.json, quality-results.jsonl when the script evaluated data quality,
and runner.log when the emulator itself failed), one JVM per run: runs stay apart, so concurrent runs and a killed run leave the others alone. The local catalog's warehouse,
<runs dir>/spark-warehouse, is shared by the runs of one emulator; each run's catalog is Spark's
in-memory one, so a job that reads a table an earlier run wrote registers it from its location (the
job runtime does that off Glue).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from moto_support.backend_lock import BACKENDS
from moto_support.glue_job_run import LocalJobRun
from moto_support.glue_run_credentials import RoleNotAssumable, RunCredentials, assume_job_role
from moto_support.glue_run_process import ScriptProcesses
from moto_support.glue_run_fetch import FetchError, fetch_object
from moto_support.glue_run_s3_calls import RunS3Calls
from moto_support.glue_run_s3a import JarError, S3aSession, pinned_jars, spark_defaults, truststore_of, write_spark_conf_dir
from moto_support.glue_run_spec import RunSpec, script_argv

#: Where the job runtime keeps the local catalog's warehouse (glue_runtime.job_session.WAREHOUSE_ENV).
WAREHOUSE_ENV = "GLUE_LOCAL_WAREHOUSE"
#: Where the job runtime finds the data-quality jars (glue_runtime.job_session.JARS_DIR_ENV): its runtime
#: comes from the libraries zip here, so it is told the project's .jars/ (requirements-jars.txt).
JARS_ENV = "GLUE_LOCAL_JARS"
#: The file the job runtime publishes each data-quality evaluation to (glue_runtime.quality_results).
QUALITY_RESULTS_ENV = "GLUE_LOCAL_QUALITY_RESULTS"
QUALITY_RESULTS_FILE = "quality-results.jsonl"
_PROJECT_JARS = Path(__file__).resolve().parents[3] / ".jars"
# Nothing of the emulator's own environment that would change what the script sees or whom it acts as.
_NOT_INHERITED = ("AWS_", "PYTHONPATH", "PYTHONHOME", "PYSPARK_", "SPARK_HOME")


@dataclass(frozen=True)
class GlueRunSettings:
    #: The emulator's own https endpoint and CA: a run's S3 requests go through it like any client's.
    endpoint: str
    ca_bundle: str
    runs_dir: Path
    #: The Python that runs the scripts (it has pyspark). @default the launcher's own
    python: str = field(default_factory=lambda: sys.executable)
    #: How long one minute of a job's Timeout lasts here. 60 except in tests, which end a run TIMEOUT in
    #: seconds instead of minutes (emulator.ts: testSecondsPerTimeoutMinute).
    seconds_per_timeout_minute: float = 60.0


def _sse_kms_key(account: str, region: str, name: Optional[str]) -> Optional[str]:
    """The KMS key of the security configuration's S3 encryption (SSE-KMS), with which Glue writes."""
    if not name:
        return None
    from moto.glue.models import glue_backends

    with BACKENDS:  # a run's own thread, not a request's
        config = glue_backends[account][region].security_configurations.get(name)
    settings = (config.configuration or {}).get("S3Encryption") if config is not None else None
    for item in settings if isinstance(settings, list) else [settings] if settings else []:
        if item.get("S3EncryptionMode") == "SSE-KMS":
            return item.get("KmsKeyArn")
    return None


def read_quality_results(path: Path) -> list[dict[str, Any]]:
    """The evaluations a run published; a line the script left half-written (killed mid-write) is dropped."""
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return records


class GlueRunner:
    def __init__(self, settings: GlueRunSettings) -> None:
        self.settings = settings
        self.processes = ScriptProcesses()
        settings.runs_dir.mkdir(parents=True, exist_ok=True)

    def start(self, run: LocalJobRun, job_arn: str) -> None:
        threading.Thread(target=self._run, args=(run, job_arn), name=f"glue-run-{run.job_run_id[:11]}", daemon=True).start()

    def stop(self) -> None:
        """Ends every script still running (the emulator is stopping)."""
        self.processes.end_all()

    def _run(self, run: LocalJobRun, job_arn: str) -> None:
        spec = run.spec
        run_dir = self.settings.runs_dir / spec.job_name / run.job_run_id
        run_dir.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + spec.timeout_minutes * self.settings.seconds_per_timeout_minute
        calls: Optional[RunS3Calls] = None
        try:
            credentials = assume_job_role(spec.role_arn, job_arn, spec.region)
            jars = pinned_jars()
            with RunS3Calls(credentials.access_key_id, spec.role_arn) as calls:
                try:
                    s3 = self._s3(credentials, spec.region)
                    script = fetch_object(s3, spec.script_location, run_dir / "script")
                    libraries = [fetch_object(s3, uri, run_dir / "libraries") for uri in spec.extra_py_files]
                except FetchError as error:
                    raise FetchError(calls.denial_message("") or str(error)) from error
                calls.phase = "script"
                session = S3aSession(
                    endpoint=self.settings.endpoint,
                    region=spec.region,
                    truststore=truststore_of(self.settings.ca_bundle, self.settings.runs_dir / "truststore"),
                    access_key_id=credentials.access_key_id,
                    secret_access_key=credentials.secret_access_key,
                    session_token=credentials.session_token,
                    sse_kms_key=_sse_kms_key(spec.account_id, spec.region, spec.security_configuration),
                )
                conf_dir = write_spark_conf_dir(run_dir / "spark-conf", spark_defaults(session, jars))
                work = run_dir / "work"
                work.mkdir(exist_ok=True)
                outcome = self.processes.run(
                    [self.settings.python, str(script), *script_argv(spec, run.job_run_id)],
                    self._env(spec, credentials, libraries, run_dir, conf_dir),
                    work,
                    deadline - time.monotonic(),
                    run_dir / "stdout.log",
                    run_dir / "stderr.log",
                )
            calls.write(run_dir / "s3-calls.json")
            run.quality_results = read_quality_results(run_dir / QUALITY_RESULTS_FILE)
            if outcome.timed_out:
                # Glue stops the run where it is; what S3A wrote so far stays where it is.
                run.finish("TIMEOUT", f"Job run timed out after {spec.timeout_minutes} minute(s) (its Timeout)")
                return
            # A denied call fails the run even when the script carried on past it: on AWS it is a bug to fix.
            denied = calls.denial_message((run_dir / "stderr.log").read_text(encoding="utf-8", errors="replace"))
            if denied:
                run.finish("FAILED", denied)
                return
            run.finish("SUCCEEDED" if outcome.exit_code == 0 else "FAILED", outcome.error_line)
        except (RoleNotAssumable, FetchError) as error:
            if calls is not None:
                calls.write(run_dir / "s3-calls.json")
            run.finish("FAILED", str(error))
        except JarError as error:
            run.finish("ERROR", f"the emulator could not run the job: {error}")
        except Exception as error:  # noqa: BLE001 - the emulator's own failure must still end the run
            (run_dir / "runner.log").write_text(traceback.format_exc(), encoding="utf-8")
            run.finish("ERROR", f"the emulator could not run the job: {error.__class__.__name__}: {error} (see {run_dir / 'runner.log'})")

    def _s3(self, credentials: RunCredentials, region: str) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.session.Session().client(
            "s3",
            region_name=region,
            endpoint_url=self.settings.endpoint,
            verify=self.settings.ca_bundle,
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 2}),
        )

    def _env(self, spec: RunSpec, credentials: RunCredentials, libraries: list[Path], run_dir: Path, spark_conf_dir: Path) -> dict[str, str]:
        """The script's environment: the libraries on the Python path, the shared warehouse, Spark's config
        (S3A), and, as on Glue, the job role's credentials for any AWS call the script makes (to the emulator)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(_NOT_INHERITED)}
        python_path = [str(p) if p.suffix == ".zip" else str(p.parent) for p in libraries]
        config = run_dir / "aws-config"
        config.write_text("[default]\ns3 =\n  addressing_style = path\n", encoding="utf-8")
        env.update(
            {
                "PYTHONPATH": os.pathsep.join(dict.fromkeys(python_path)),
                "PYSPARK_PYTHON": self.settings.python,
                "SPARK_CONF_DIR": str(spark_conf_dir),
                WAREHOUSE_ENV: str(self.settings.runs_dir / "spark-warehouse"),
                JARS_ENV: os.environ.get(JARS_ENV) or str(_PROJECT_JARS),
                QUALITY_RESULTS_ENV: str(run_dir / QUALITY_RESULTS_FILE),
                "AWS_ACCESS_KEY_ID": credentials.access_key_id,
                "AWS_SECRET_ACCESS_KEY": credentials.secret_access_key,
                "AWS_SESSION_TOKEN": credentials.session_token,
                "AWS_REGION": spec.region,
                "AWS_DEFAULT_REGION": spec.region,
                "AWS_ENDPOINT_URL": self.settings.endpoint,
                "AWS_CA_BUNDLE": self.settings.ca_bundle,
                "AWS_CONFIG_FILE": str(config),
                "AWS_EC2_METADATA_DISABLED": "true",
            }
        )
        return env
