"""Runs jobs in order on one local SparkSession, so one job's tables feed the next.

    python -m glue_runtime.chain [JOBS_FILE]     (job_scripts/ on PYTHONPATH; no file or "-": stdin)

For local runs only: on Glue, the stage's workflow chains the jobs. The input is a JSON list, one
object per job, in the order to run them:

    [{"name": "JoinLegislators", "script": "join_legislators.py", "args": ["--JOB_NAME", "...", ...]}, ...]

`script` is the job's file; a relative path is taken from the job-scripts folder, the way the
config's `script` names it. Each script is imported and its `main(argv, spark)` called with `args`
and the shared session, exactly as `python <script> <args>` would run it but without a JVM of its own.
The session is the one a script starts on its own (`job_session.local_spark_builder`), so its
catalog's warehouse is $GLUE_LOCAL_WAREHOUSE.

Output (stdout), around each job's own:
    chain: [1/3] JoinLegislators: join_legislators.py
    chain: [1/3] JoinLegislators succeeded in 3.2s        (or: failed with exit code 1 in 0.4s)
and last, the total wall time (which includes starting the session):
    chain: 3 of 3 jobs succeeded in 9.8s (spark start-up 2.1s)
    chain: stopped at JoinLegislators (exit code 1); 0 of 3 jobs succeeded in 3.0s (spark start-up 2.1s); not run: ...

Exit code: 0 when every job succeeded; else the first failing job's code (1 for an exception it
raised, printed with its traceback), and no later job runs. 2, with one `error:` line and before
any job runs, for a list that cannot be read or a script that has no `main`.
"""
import importlib.util
import json
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

from pyspark.sql import SparkSession

from .entrypoint import EXIT_BAD_ARGUMENTS, EXIT_OK
from .job_session import local_spark_builder

# The folder that holds the job scripts and the shipped packages, this one included.
JOB_SCRIPTS_DIR = Path(__file__).resolve().parents[1]
APP_NAME = "glue-local-chain"
# What Python exits with when a script raises, or exits with a message instead of a number.
EXIT_JOB_RAISED = 1


class ChainSpecError(ValueError):
    """A job list that cannot be run; the message says which entry and why."""


@dataclass(frozen=True)
class ChainedJob:
    name: str
    script: Path
    args: tuple[str, ...]


def parse_chain(text: str, scripts_dir: Path = JOB_SCRIPTS_DIR) -> list[ChainedJob]:
    """The jobs of a JSON job list, checked; relative script paths resolve against scripts_dir."""
    try:
        entries = json.loads(text)
    except json.JSONDecodeError as error:
        raise ChainSpecError(f"the job list is not JSON: {error}") from error
    if not isinstance(entries, list) or not entries:
        raise ChainSpecError('the job list must be a non-empty JSON list of {"name", "script", "args"} objects')
    return [_chained_job(entry, i, scripts_dir) for i, entry in enumerate(entries)]


def _chained_job(entry: object, index: int, scripts_dir: Path) -> ChainedJob:
    where = f"job {index}"
    if not isinstance(entry, dict):
        raise ChainSpecError(f'{where} must be an object with "name", "script" and "args"')
    unknown = sorted(set(entry) - {"name", "script", "args"})
    if unknown:
        raise ChainSpecError(f"{where} has unknown keys: {', '.join(unknown)}")
    name, script, args = entry.get("name"), entry.get("script"), entry.get("args", [])
    if not isinstance(name, str) or not name:
        raise ChainSpecError(f'{where} needs a "name" string')
    where = f"job {index} ({name})"
    if not isinstance(script, str) or not script:
        raise ChainSpecError(f'{where} needs a "script" string')
    if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
        raise ChainSpecError(f'{where}: "args" must be a list of strings')
    path = scripts_dir / script
    if not path.is_file():
        raise ChainSpecError(f"{where}: script {path} does not exist")
    return ChainedJob(name, path, tuple(args))


JobMain = Callable[..., Optional[int]]


def load_main(script: Path) -> JobMain:
    """The script's `main`, from a fresh import of the file (it is not added to sys.modules)."""
    spec = importlib.util.spec_from_file_location(f"chained_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    main = getattr(module, "main", None)
    if not callable(main):
        raise ChainSpecError(f"script {script} has no main(argv, spark) function")
    return main


def run_chain(jobs: Sequence[ChainedJob], spark: Optional[SparkSession] = None) -> int:
    """Runs the jobs in order on one session (started and stopped here unless given) and returns the exit code."""
    started = time.perf_counter()
    mains = {job.script: load_main(job.script) for job in jobs}
    if spark is not None:
        return _run_in_order(jobs, mains, spark, started, startup_note="")
    spark = local_spark_builder(APP_NAME).getOrCreate()
    try:
        startup_note = f" (spark start-up {time.perf_counter() - started:.1f}s)"
        return _run_in_order(jobs, mains, spark, started, startup_note)
    finally:
        spark.stop()


def _run_in_order(jobs, mains, spark, started, startup_note) -> int:
    def say(line: str) -> None:
        print(f"chain: {line}", flush=True)

    def totals(succeeded: int) -> str:
        return f"{succeeded} of {len(jobs)} jobs succeeded in {time.perf_counter() - started:.1f}s{startup_note}"

    for index, job in enumerate(jobs):
        label = f"[{index + 1}/{len(jobs)}] {job.name}"
        say(f"{label}: {job.script.name}")
        job_started = time.perf_counter()
        code = _exit_code_of(mains[job.script], job.args, spark)
        took = time.perf_counter() - job_started
        if code == EXIT_OK:
            say(f"{label} succeeded in {took:.1f}s")
            continue
        say(f"{label} failed with exit code {code} in {took:.1f}s")
        not_run = ", ".join(later.name for later in jobs[index + 1 :]) or "none"
        say(f"stopped at {job.name} (exit code {code}); {totals(index)}; not run: {not_run}")
        return code
    say(totals(len(jobs)))
    return EXIT_OK


def _exit_code_of(main: JobMain, args: Sequence[str], spark: SparkSession) -> int:
    """What `python <script> <args>` would exit with."""
    sys.stdout.flush()
    try:
        code = main(list(args), spark=spark)
    except SystemExit as exit_:
        code = exit_.code
    except Exception:  # noqa: BLE001 - a job's bug ends the chain as it would end the job's own process
        traceback.print_exc()
        return EXIT_JOB_RAISED
    finally:
        sys.stdout.flush()
    if code is None:
        return EXIT_OK
    if not isinstance(code, int):
        print(code, file=sys.stderr)
        return EXIT_JOB_RAISED
    return code


def main(argv: Optional[Sequence[str]] = None, spark: Optional[SparkSession] = None) -> int:
    """`python -m glue_runtime.chain [JOBS_FILE]`; `spark` is for tests, which share one session."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        if len(argv) > 1:
            raise ChainSpecError(f"expected at most one argument, the job list's file, got {len(argv)}")
        source = argv[0] if argv else "-"
        text = sys.stdin.read() if source == "-" else _read_file(source)
        jobs = parse_chain(text)
        return run_chain(jobs, spark)
    except ChainSpecError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS


def _read_file(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ChainSpecError(f"cannot read the job list {path}: {error.strerror}") from error


if __name__ == "__main__":
    sys.exit(main())
