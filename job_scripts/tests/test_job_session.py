"""The session and job lifecycle: locally, and on Glue through a stand-in awsglue package."""
import sys
import types

import pytest

from glue_runtime import job_session as job_session_module
from glue_runtime.job_args import JobArgumentError
from glue_runtime.job_session import WAREHOUSE_ENV, job_session, local_spark_builder, running_on_glue


class FakeGlue:
    """Stand-ins for the awsglue modules, recording what the Glue branch does with them."""

    class GlueArgumentError(Exception):
        pass

    def __init__(self, spark):
        self.calls = []
        fake = self

        def get_resolved_options(argv, options):
            fake.calls.append(("getResolvedOptions", list(argv), list(options)))
            values = dict(zip(argv[1::2], argv[2::2]))
            missing = [name for name in options if f"--{name}" not in values]
            if missing:
                raise FakeGlue.GlueArgumentError(f"the following arguments are required: --{missing[0]}")
            return {name: values[f"--{name}"] for name in options} | {"job_bookmark_option": "job-bookmark-disable"}

        class GlueContext:
            def __init__(self, spark_context):
                fake.calls.append(("GlueContext", spark_context is spark.sparkContext))
                self.spark_session = spark

        class Job:
            def __init__(self, glue_context):
                self.glue_context = glue_context

            def init(self, name, args):
                fake.calls.append(("Job.init", name, args["input_path"]))

            def commit(self):
                fake.calls.append(("Job.commit",))

        self.modules = {
            "awsglue": types.ModuleType("awsglue"),
            "awsglue.utils": types.SimpleNamespace(getResolvedOptions=get_resolved_options, GlueArgumentError=FakeGlue.GlueArgumentError),
            "awsglue.context": types.SimpleNamespace(GlueContext=GlueContext),
            "awsglue.job": types.SimpleNamespace(Job=Job),
        }


@pytest.fixture
def glue(spark, monkeypatch):
    fake = FakeGlue(spark)
    for name, module in fake.modules.items():
        monkeypatch.setitem(sys.modules, name, module)
    return fake


def test_this_machine_is_not_glue():
    assert running_on_glue() is False


def test_the_local_session_keeps_its_catalog_in_memory_with_the_warehouse_it_is_given(spark, tmp_path_factory):
    # conftest builds the suite's session with local_spark_builder(warehouse_dir=<pytest's tmp dir>/...).
    assert spark.conf.get("spark.sql.catalogImplementation") == "in-memory"
    assert spark.conf.get("spark.sql.warehouse.dir").startswith(f"file:{tmp_path_factory.getbasetemp()}/")


def test_the_warehouse_comes_from_the_argument_else_the_environment_else_sparks_default(monkeypatch, tmp_path):
    def warehouse_of(builder):
        return builder._options.get("spark.sql.warehouse.dir")

    monkeypatch.delenv(WAREHOUSE_ENV, raising=False)
    assert warehouse_of(local_spark_builder("X")) is None
    monkeypatch.setenv(WAREHOUSE_ENV, "relative/warehouse")
    monkeypatch.chdir(tmp_path)
    assert warehouse_of(local_spark_builder("X")) == str(tmp_path / "relative" / "warehouse")
    assert warehouse_of(local_spark_builder("X", warehouse_dir="/given")) == "/given"


def test_locally_it_yields_the_given_session_and_the_parsed_arguments(spark):
    with job_session(["--input_path", "p.json", "--TempDir", "t"], ["input_path"], ["output_path"], app_name="X", spark=spark) as (
        session,
        args,
    ):
        assert session is spark
        assert args == {"JOB_NAME": None, "input_path": "p.json", "output_path": None}
    assert not spark.sparkContext._jsc.sc().isStopped()


def test_locally_without_a_session_it_starts_one_named_after_the_job_and_stops_it(monkeypatch):
    started = []

    class FakeSession:
        stopped = False

        def stop(self):
            self.stopped = True

    class FakeBuilder:
        def __init__(self, app_name):
            self.app_name = app_name

        def getOrCreate(self):
            started.append((self.app_name, FakeSession()))
            return started[-1][1]

    monkeypatch.setattr(job_session_module, "local_spark_builder", FakeBuilder)
    with job_session(["--JOB_NAME", "dev-Join", "--input_path", "p"], ["input_path"], app_name="Join") as (session, _):
        assert session is started[0][1] and not session.stopped

    assert started[0][0] == "dev-Join"
    assert session.stopped


def test_a_missing_argument_fails_before_any_session_starts(monkeypatch):
    monkeypatch.setattr(job_session_module, "local_spark_builder", lambda *_: pytest.fail("a session was started"))

    with pytest.raises(JobArgumentError, match="--input_path"):
        with job_session([], ["input_path"], app_name="X"):
            pytest.fail("the body ran")


def test_on_glue_it_resolves_options_inits_the_job_and_commits_it(spark, glue):
    argv = ["--JOB_NAME", "dev-ProcessLegislators", "--input_path", "s3://in/p.json", "--TempDir", "s3://t/"]

    with job_session(argv, ["input_path"], ["output_path"], app_name="X") as (session, args):
        assert session is spark
        assert args == {"JOB_NAME": "dev-ProcessLegislators", "input_path": "s3://in/p.json", "output_path": None}
        assert ("Job.commit",) not in glue.calls

    assert glue.calls == [
        # output_path is not asked for, since getResolvedOptions would require it
        ("getResolvedOptions", ["job", *argv], ["JOB_NAME", "input_path"]),
        ("GlueContext", True),
        ("Job.init", "dev-ProcessLegislators", "s3://in/p.json"),
        ("Job.commit",),
    ]


def test_on_glue_an_optional_argument_that_is_given_is_resolved(glue):
    argv = ["--JOB_NAME", "J", "--input_path", "p", "--output_path", "s3://out/"]

    with job_session(argv, ["input_path"], ["output_path"], app_name="X") as (_, args):
        assert args["output_path"] == "s3://out/"
    assert glue.calls[0][2] == ["JOB_NAME", "input_path", "output_path"]


def test_on_glue_a_failed_body_is_not_committed(glue):
    with pytest.raises(RuntimeError, match="boom"):
        with job_session(["--JOB_NAME", "J", "--input_path", "p"], ["input_path"], app_name="X"):
            raise RuntimeError("boom")

    assert ("Job.commit",) not in glue.calls


def test_on_glue_a_missing_argument_is_a_job_argument_error_naming_it(glue):
    with pytest.raises(JobArgumentError, match="required: --input_path"):
        with job_session(["--JOB_NAME", "J"], ["input_path"], app_name="X"):
            pytest.fail("the body ran")
