"""Local argument parsing, with Glue's conventions."""
import pytest

from glue_runtime.job_args import JobArgumentError, parse_job_args, present_optional_args

GLUE_EXTRAS = ["--JOB_ID", "j_123", "--JOB_RUN_ID", "jr_456", "--TempDir", "s3://b/tmp/", "--enable-metrics", "true",
               "--job-bookmark-option", "job-bookmark-disable", "--enable-observability-metrics", ""]


def test_parses_required_optional_and_job_name_and_ignores_glues_own_arguments():
    argv = ["--JOB_NAME", "ProcessLegislators", *GLUE_EXTRAS, "--input_path", "s3://in/p.json", "--output_path", "s3://out/"]

    assert parse_job_args(argv, required=["input_path"], optional=["output_path"]) == {
        "JOB_NAME": "ProcessLegislators",
        "input_path": "s3://in/p.json",
        "output_path": "s3://out/",
    }


def test_accepts_name_equals_value_and_leaves_absent_optional_arguments_none():
    assert parse_job_args(["--input_path=data/p.json"], required=["input_path"], optional=["output_path"]) == {
        "JOB_NAME": None,
        "input_path": "data/p.json",
        "output_path": None,
    }


def test_a_missing_required_argument_is_an_error_naming_it():
    with pytest.raises(JobArgumentError, match=r"required: --input_path_persons$"):
        parse_job_args(
            ["--input_path_orgs", "o.json", "--input_path_memberships", "m.json"],
            required=["input_path_orgs", "input_path_persons", "input_path_memberships"],
        )


def test_names_are_never_abbreviated():
    # argparse would take --input for --input_path by default; Glue's names must match exactly.
    with pytest.raises(JobArgumentError, match="required: --input_path"):
        parse_job_args(["--input", "p.json"], required=["input_path"])


def test_a_required_argument_without_a_value_is_an_error_naming_it():
    with pytest.raises(JobArgumentError, match="--input_path: expected one argument"):
        parse_job_args(["--input_path"], required=["input_path"])


def test_an_empty_required_argument_is_an_error_and_an_empty_optional_one_counts_as_absent():
    with pytest.raises(JobArgumentError, match="--input_path must not be empty"):
        parse_job_args(["--input_path", " "], required=["input_path"])
    assert parse_job_args(["--input_path", "p", "--output_path", ""], ["input_path"], ["output_path"])["output_path"] is None


def test_present_optional_args_lists_only_the_optional_names_argv_gives_in_either_form():
    assert present_optional_args(["--a", "1", "--b=2", "--TempDir", "t"], ["a", "b", "c"]) == ["a", "b"]
    assert present_optional_args(["--input_path", "--output_path_x"], ["output_path"]) == []
