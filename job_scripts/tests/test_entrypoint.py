"""run_job: exit codes and the one-line error report."""
import pytest

from glue_runtime.entrypoint import EXIT_BAD_ARGUMENTS, EXIT_BAD_INPUT, EXIT_OK, run_job
from glue_runtime.storage import InputPathError


def test_a_successful_body_exits_ok_with_the_session_and_arguments(spark):
    seen = {}

    def body(session, args):
        seen.update(session=session, args=args)

    assert run_job(body, ["--input_path", "p"], ["input_path"], app_name="X", spark=spark) == EXIT_OK
    assert seen == {"session": spark, "args": {"JOB_NAME": None, "input_path": "p"}}


def test_a_missing_argument_exits_2_with_one_error_line_naming_it(spark, capsys):
    code = run_job(lambda *_: pytest.fail("the body ran"), ["--JOB_NAME", "J"], ["input_path"], app_name="X", spark=spark)

    assert code == EXIT_BAD_ARGUMENTS == 2
    assert capsys.readouterr().err == "error: the following arguments are required: --input_path\n"


def test_an_unreadable_input_exits_1_with_one_error_line(spark, capsys):
    def body(*_):
        raise InputPathError("input path does not exist: /nowhere")

    assert run_job(body, ["--input_path", "p"], ["input_path"], app_name="X", spark=spark) == EXIT_BAD_INPUT == 1
    assert capsys.readouterr().err == "error: input path does not exist: /nowhere\n"


def test_any_other_failure_propagates_with_its_traceback(spark):
    def body(*_):
        raise ZeroDivisionError("a bug")

    with pytest.raises(ZeroDivisionError):
        run_job(body, ["--input_path", "p"], ["input_path"], app_name="X", spark=spark)


def test_without_argv_it_reads_sys_argv_after_the_program_name(spark, monkeypatch):
    monkeypatch.setattr("sys.argv", ["job.py", "--input_path", "from-sys-argv"])
    seen = []

    assert run_job(lambda _, args: seen.append(args["input_path"]), None, ["input_path"], app_name="X", spark=spark) == 0
    assert seen == ["from-sys-argv"]
