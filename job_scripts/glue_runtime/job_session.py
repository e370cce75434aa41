"""The Spark session and job lifecycle of an entrypoint, on AWS Glue or on a laptop.

Glue is detected by importing `awsglue`: the Glue runtime (and Glue's own container images)
ship it, plain pyspark does not, so no flag has to be passed and kept in sync. `awsglue` is
imported only inside the Glue branch, so this module loads anywhere pyspark does.
"""
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional, Sequence

from pyspark.sql import SparkSession

from .job_args import JobArgumentError, parse_job_args, present_optional_args
from .quality import quality_argument_names

JobArgs = dict[str, Optional[str]]
# Where the local catalog keeps its databases; `npm run job` sets it under its output folder.
WAREHOUSE_ENV = "GLUE_LOCAL_WAREHOUSE"
# Where the jars of requirements-jars.txt are (.ci/fetch-jars); the emulator's runs, whose runtime
# comes from the libraries zip, are told it. @default the project's .jars/ beside job_scripts/
JARS_DIR_ENV = "GLUE_LOCAL_JARS"
# Deequ's DQDL evaluator and the DQDL parser it calls: how rules are checked off Glue (glue_runtime.quality).
QUALITY_JAR_PREFIXES = ("deequ-", "dqdl-")


def local_quality_jars() -> list[str]:
    """The data-quality jars local Spark loads, or none when they have not been fetched."""
    jars_dir = Path(os.environ.get(JARS_DIR_ENV) or Path(__file__).resolve().parents[2] / ".jars")
    if not jars_dir.is_dir():
        return []
    return sorted(str(jar) for jar in jars_dir.glob("*.jar") if jar.name.startswith(QUALITY_JAR_PREFIXES))


def running_on_glue() -> bool:
    try:
        import awsglue  # noqa: F401
    except ImportError:
        return False
    return True


def local_spark_builder(
    app_name: str, master: str = "local[*]", warehouse_dir: Optional[str] = None
) -> SparkSession.Builder:
    """A local session that behaves like Glue's where it matters to results: UTC session time zone.

    Its catalog is Spark's in-memory one, with the warehouse in `warehouse_dir`, else in
    $GLUE_LOCAL_WAREHOUSE, else Spark's default (`spark-warehouse` in the working directory).
    """
    # Without this Spark resolves the host name first and warns when it maps to a loopback address.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = SparkSession.builder
    warehouse_dir = warehouse_dir or os.environ.get(WAREHOUSE_ENV)
    if warehouse_dir:
        builder = builder.config("spark.sql.warehouse.dir", os.path.abspath(warehouse_dir))
    jars = local_quality_jars()
    if jars:
        builder = builder.config("spark.jars", ",".join(jars))
    return (
        builder.master(master)
        .appName(app_name)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.ui.showConsoleProgress", "false")
        # Local runs are short: the JIT's quick first tier and the serial collector start a
        # JVM faster, which makes a run on the sample data about a third quicker.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    )


@contextmanager
def job_session(
    argv: Sequence[str],
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    app_name: str,
    spark: Optional[SparkSession] = None,
) -> Iterator[tuple[SparkSession, JobArgs]]:
    """Parses the job's arguments and yields (spark, args); the job is committed if the body succeeds.

    `argv` excludes the program name. Off Glue, `spark` (if given) is used and left running;
    otherwise a local session is started and stopped. Raises JobArgumentError before any
    session starts when an argument is missing.
    """
    # An output's rules come as --<output>_quality, which no job lists itself.
    optional = [*optional, *(name for name in quality_argument_names(argv) if name not in optional)]
    if running_on_glue():
        with _glue_job_session(argv, required, optional) as session_and_args:
            yield session_and_args
        return
    args = parse_job_args(argv, required, optional)
    if spark is not None:
        yield spark, args
        return
    session = local_spark_builder(args["JOB_NAME"] or app_name).getOrCreate()
    try:
        yield session, args
    finally:
        session.stop()


@contextmanager
def _glue_job_session(argv, required, optional) -> Iterator[tuple[SparkSession, JobArgs]]:
    from awsglue.context import GlueContext
    from awsglue.job import Job
    from awsglue.utils import GlueArgumentError, getResolvedOptions
    from pyspark.context import SparkContext

    wanted = ["JOB_NAME", *required, *present_optional_args(argv, optional)]
    try:
        # getResolvedOptions skips argv[0], the program name, as it expects sys.argv.
        resolved = getResolvedOptions(["job", *argv], wanted)
    except GlueArgumentError as error:
        raise JobArgumentError(str(error)) from error
    args: JobArgs = {name: None for name in optional}
    args.update({name: resolved[name] or None for name in wanted})
    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    job.init(args["JOB_NAME"], resolved)
    yield glue_context.spark_session, args
    job.commit()
