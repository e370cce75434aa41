"""The local chain runner: jobs in order on one session, stopping at the first failure."""
import io
import json
import re

import pytest
from pyspark.testing.utils import assertDataFrameEqual

from glue_runtime import chain
from glue_runtime.chain import ChainSpecError, parse_chain

# A job that prints its first argument and the session it was given, and exits with its second.
ECHO_JOB = """
def main(argv, spark=None):
    print(f"ran {argv[0]} with {spark!r}")
    return int(argv[1])
"""
RAISING_JOB = """
def main(argv, spark=None):
    raise ZeroDivisionError("a bug in the job")
"""
TIMING = r"\d+\.\ds"


@pytest.fixture
def scripts(tmp_path):
    for name, text in {"echo.py": ECHO_JOB, "raising.py": RAISING_JOB, "no_main.py": "X = 1\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def job(name, script, *args):
    return {"name": name, "script": str(script), "args": list(args)}


def write_jobs(path, jobs):
    path.write_text(json.dumps(jobs), encoding="utf-8")
    return str(path)


def chain_lines(out):
    return [line for line in out.splitlines() if line.startswith("chain: ")]


def test_the_three_legislators_jobs_chain_through_their_tables_on_the_sample_data(
    spark, sample_paths, database, tmp_path, capsys
):
    out = tmp_path / "output"
    history, summary = f"{database}.legislators_history", f"{database}.legislators_summary"
    jobs = [
        # Scripts named as the config names them, relative to job_scripts/.
        job("ProcessLegislators", "process_legislators.py", "--JOB_NAME", "dev-ProcessLegislators",
            "--input_path", sample_paths["persons"], "--output_path", f"{out}/process_legislators/"),
        job("JoinLegislators", "join_legislators.py", "--JOB_NAME", "dev-JoinLegislators",
            "--input_path_orgs", sample_paths["organizations"], "--input_path_persons", sample_paths["persons"],
            "--input_path_memberships", sample_paths["memberships"],
            "--output_path", f"{out}/join_legislators/", "--output_path_table", history),
        job("SummarizeLegislators", "summarize_legislators.py", "--JOB_NAME", "dev-SummarizeLegislators",
            "--history", f"{out}/join_legislators/", "--history_table", history,
            "--output_path", f"{out}/summarize_legislators/", "--output_path_table", summary),
    ]

    assert chain.main([write_jobs(tmp_path / "jobs.json", jobs)], spark=spark) == 0

    lines = chain_lines(capsys.readouterr().out)
    assert [re.sub(TIMING, "T", line) for line in lines] == [
        "chain: [1/3] ProcessLegislators: process_legislators.py",
        "chain: [1/3] ProcessLegislators succeeded in T",
        "chain: [2/3] JoinLegislators: join_legislators.py",
        "chain: [2/3] JoinLegislators succeeded in T",
        "chain: [3/3] SummarizeLegislators: summarize_legislators.py",
        "chain: [3/3] SummarizeLegislators succeeded in T",
        # The session was given, so the chain has no start-up of its own to report.
        "chain: 3 of 3 jobs succeeded in T",
    ]
    assert spark.read.parquet(f"{out}/process_legislators/").count() == 8
    assert spark.table(history).count() == 9
    assertDataFrameEqual(spark.table(summary), [("House", "member", 6, 5), ("Senate", "member", 3, 3)])


def test_a_failing_job_stops_the_chain_with_its_exit_code(spark, sample_paths, database, tmp_path, capsys):
    missing = str(tmp_path / "organizations.json")
    jobs = [
        job("JoinLegislators", "join_legislators.py", "--input_path_orgs", missing,
            "--input_path_persons", sample_paths["persons"], "--input_path_memberships", sample_paths["memberships"],
            "--output_path", str(tmp_path / "history"), "--output_path_table", f"{database}.history"),
        job("SummarizeLegislators", "summarize_legislators.py", "--history", str(tmp_path / "history"),
            "--history_table", f"{database}.history", "--output_path", str(tmp_path / "summary")),
    ]

    assert chain.main([write_jobs(tmp_path / "jobs.json", jobs)], spark=spark) == 1

    captured = capsys.readouterr()
    assert captured.err == f"error: input path does not exist: {missing}\n"
    assert [re.sub(TIMING, "T", line) for line in chain_lines(captured.out)] == [
        "chain: [1/2] JoinLegislators: join_legislators.py",
        "chain: [1/2] JoinLegislators failed with exit code 1 in T",
        "chain: stopped at JoinLegislators (exit code 1); 0 of 2 jobs succeeded in T; "
        "not run: SummarizeLegislators",
    ]
    assert not (tmp_path / "summary").exists()
    assert not spark.catalog.tableExists(f"{database}.history")


def test_the_chain_exits_with_the_failing_jobs_own_code_and_runs_nothing_after_it(scripts, monkeypatch, capsys):
    jobs = [job("First", scripts / "echo.py", "first", "0"), job("Second", scripts / "echo.py", "second", "3"),
            job("Third", scripts / "echo.py", "third", "0")]
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(jobs)))

    assert chain.main([], spark="the-session") == 3

    out = capsys.readouterr().out
    assert "ran first with 'the-session'" in out and "ran second with 'the-session'" in out
    assert "ran third" not in out
    assert chain_lines(out)[-1].endswith("not run: Third")


def test_a_job_that_raises_ends_the_chain_with_1_and_its_traceback(scripts, capsys):
    jobs = [job("Buggy", scripts / "raising.py"), job("After", scripts / "echo.py", "after", "0")]

    assert chain.run_chain(parse_chain(json.dumps(jobs)), spark="the-session") == 1

    captured = capsys.readouterr()
    assert "Traceback" in captured.err and "ZeroDivisionError: a bug in the job" in captured.err
    assert "ran after" not in captured.out
    assert "chain: [1/2] Buggy failed with exit code 1 in " in captured.out


def test_without_a_session_it_starts_one_shares_it_between_the_jobs_and_stops_it(scripts, monkeypatch, capsys):
    sessions = []

    class FakeSession:
        stopped = False

        def stop(self):
            self.stopped = True

        def __repr__(self):
            return f"session {len(sessions)} stopped={self.stopped}"

    class FakeBuilder:
        def __init__(self, app_name):
            assert app_name == chain.APP_NAME

        def getOrCreate(self):
            sessions.append(FakeSession())
            return sessions[-1]

    monkeypatch.setattr(chain, "local_spark_builder", FakeBuilder)
    jobs = [job("A", scripts / "echo.py", "a", "0"), job("B", scripts / "echo.py", "b", "0")]

    assert chain.run_chain(parse_chain(json.dumps(jobs))) == 0

    out = capsys.readouterr().out
    assert "ran a with session 1 stopped=False" in out and "ran b with session 1 stopped=False" in out
    assert len(sessions) == 1 and sessions[0].stopped
    assert re.fullmatch(rf"chain: 2 of 2 jobs succeeded in {TIMING} \(spark start-up {TIMING}\)", chain_lines(out)[-1])


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", r"^the job list is not JSON: "),
        ("[]", r"^the job list must be a non-empty JSON list"),
        ('{"name": "A"}', r"^the job list must be a non-empty JSON list"),
        ('["A"]', r'^job 0 must be an object with "name", "script" and "args"$'),
        ('[{"script": "echo.py"}]', r'^job 0 needs a "name" string$'),
        ('[{"name": "A", "script": "echo.py", "after": []}]', r"^job 0 has unknown keys: after$"),
        ('[{"name": "A"}]', r'^job 0 \(A\) needs a "script" string$'),
        ('[{"name": "A", "script": "echo.py", "args": ["--n", 1]}]', r'^job 0 \(A\): "args" must be a list of strings$'),
        ('[{"name": "A", "script": "echo.py"}, {"name": "B", "script": "gone.py"}]', r"^job 1 \(B\): script .*/gone\.py does not exist$"),
    ],
)
def test_a_job_list_that_cannot_be_run_is_refused_naming_the_entry(scripts, text, message):
    with pytest.raises(ChainSpecError, match=message):
        parse_chain(text, scripts_dir=scripts)


def test_relative_scripts_resolve_against_the_scripts_folder_and_args_default_to_empty(scripts):
    (parsed,) = parse_chain('[{"name": "A", "script": "echo.py"}]', scripts_dir=scripts)

    assert (parsed.name, parsed.script, parsed.args) == ("A", scripts / "echo.py", ())


def test_a_bad_job_list_exits_2_with_one_error_line_before_any_job_runs(scripts, tmp_path, capsys):
    jobs = [job("First", scripts / "echo.py", "first", "0"), job("NoMain", scripts / "no_main.py")]

    assert chain.main([write_jobs(tmp_path / "jobs.json", jobs)], spark="the-session") == 2

    captured = capsys.readouterr()
    assert captured.err == f"error: script {scripts / 'no_main.py'} has no main(argv, spark) function\n"
    assert captured.out == ""


def test_an_unreadable_job_list_file_or_extra_arguments_exit_2(tmp_path, capsys):
    assert chain.main([str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err == f"error: cannot read the job list {tmp_path / 'nope.json'}: No such file or directory\n"
    assert chain.main(["a.json", "b.json"]) == 2
    assert capsys.readouterr().err == "error: expected at most one argument, the job list's file, got 2\n"
