"""ProcessLegislators end to end on the sample data, in-process; and its command line (a full run as a
command, JVM and all, is test_run_job.py's)."""
import subprocess
import sys

from pyspark.testing.utils import assertDataFrameEqual

import process_legislators
from conftest import JOB_SCRIPTS_DIR
from legislators.transforms import clean_persons

SCRIPT = JOB_SCRIPTS_DIR / "process_legislators.py"


def test_shows_the_persons_and_writes_the_clean_copy_as_parquet(spark, sample_paths, tmp_path, capsys):
    output = str(tmp_path / "output" / "process_legislators")

    code = process_legislators.main(
        ["--JOB_NAME", "ProcessLegislators", "--input_path", sample_paths["persons"], "--output_path", output,
         "--TempDir", "s3://tmp/", "--enable-metrics", "true"],
        spark=spark,
    )

    assert code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("root\n |-- birth_date: string")  # printSchema
    assert "Marion Kettle|" in shown and "persons: 8 rows" in shown  # show() and the count
    assert f"wrote 8 rows to {output}" in shown
    assertDataFrameEqual(spark.read.parquet(output), clean_persons(spark.read.json(sample_paths["persons"])))


def test_with_an_output_table_it_writes_the_clean_copy_as_that_catalog_table(spark, sample_paths, database, tmp_path, capsys):
    output = str(tmp_path / "persons")
    argv = ["--input_path", sample_paths["persons"], "--output_path", output, "--output_path_table", f"{database}.persons"]

    assert process_legislators.main(argv, spark=spark) == 0

    assert f"wrote 8 rows to {output} (table {database}.persons)" in capsys.readouterr().out
    assertDataFrameEqual(spark.table(f"{database}.persons"), clean_persons(spark.read.json(sample_paths["persons"])))


def test_without_output_path_it_only_shows_the_data(spark, sample_paths, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)

    assert process_legislators.main(["--input_path", sample_paths["persons"]], spark=spark) == 0
    assert "persons: 8 rows" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_a_bad_input_path_exits_1_with_one_error_line_naming_it(spark, tmp_path, capsys):
    missing = str(tmp_path / "persons.json")

    assert process_legislators.main(["--input_path", missing], spark=spark) == 1
    assert capsys.readouterr().err == f"error: input path does not exist: {missing}\n"


def run_script(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300, cwd=JOB_SCRIPTS_DIR.parent)


def test_as_a_command_a_missing_argument_exits_2_naming_it():
    result = run_script("--JOB_NAME", "ProcessLegislators", "--output_path", "out")

    assert result.returncode == 2
    assert result.stderr == "error: the following arguments are required: --input_path\n"


def test_the_clean_persons_pass_the_outputs_data_quality_rules(spark, sample_paths):
    from quality_rules import assert_passes_configured_rules

    assert_passes_configured_rules(clean_persons(spark.read.json(sample_paths["persons"])), "ProcessLegislators", "output_path")
