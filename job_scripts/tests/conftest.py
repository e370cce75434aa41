"""One local SparkSession for the whole suite, and the sample data's paths.

Starting the session and warming up its JVM is a large share of the suite's cost, so both are
timed and reported with the wall time at the end of the run (the "spark start-up" summary line).
The subprocess tests start JVMs of their own, which this line does not count.
"""
import os
import time
import uuid
from pathlib import Path

# pyspark.testing imports pandas-on-Spark, which warns unless this is set before pyarrow loads.
os.environ.setdefault("PYARROW_IGNORE_TIMEZONE", "1")

import pytest  # noqa: E402

from glue_runtime.job_session import local_spark_builder  # noqa: E402

JOB_SCRIPTS_DIR = Path(__file__).resolve().parents[1]
SAMPLE_DATA_DIR = JOB_SCRIPTS_DIR / "sample_data"
SAMPLE_DATASET_DIR = SAMPLE_DATA_DIR / "awsglue-datasets" / "examples" / "us-legislators" / "all"

_timings = {"spark_startup": None, "warm_up": 0.0}


def pytest_sessionstart(session):
    _timings["suite_start"] = time.perf_counter()


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    started = time.perf_counter()
    # The catalog is in-memory and shared by every test: tests that write tables use databases of their own.
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (
        local_spark_builder("job-scripts-tests", master="local[1]", warehouse_dir=str(warehouse))
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    _timings["spark_startup"] = time.perf_counter() - started
    # The JVM's first jobs load and compile most of Spark; do it here so that cost is counted
    # as start-up, not charged to whichever test happens to run first.
    warm_up_started = time.perf_counter()
    session.read.json(str(SAMPLE_DATASET_DIR / "persons.json")).count()
    _timings["warm_up"] = time.perf_counter() - warm_up_started
    yield session
    session.stop()


@pytest.fixture
def database(spark):
    """A catalog database of this test's own, dropped with its tables afterwards (the data stays where it was written)."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    yield name
    spark.sql(f"DROP DATABASE IF EXISTS {name} CASCADE")


@pytest.fixture(scope="session")
def sample_paths() -> dict[str, str]:
    """The sample files by dataset name: persons, memberships, organizations."""
    return {name: str(SAMPLE_DATASET_DIR / f"{name}.json") for name in ("persons", "memberships", "organizations")}


def pytest_terminal_summary(terminalreporter):
    wall = time.perf_counter() - _timings["suite_start"]
    startup = _timings["spark_startup"]
    if startup is None:
        terminalreporter.write_line(f"wall time {wall:.1f}s; no Spark session was started")
        return
    total = startup + _timings["warm_up"]
    terminalreporter.write_line(
        f"wall time {wall:.1f}s; spark start-up {total:.1f}s ({100 * total / wall:.0f}% of wall time): "
        f"session {startup:.1f}s + first job {_timings['warm_up']:.1f}s"
    )
