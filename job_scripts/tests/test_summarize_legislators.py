"""SummarizeLegislators end to end on the sample data's joined history, read as a catalog table."""
import pytest
from pyspark.testing.utils import assertDataFrameEqual

import summarize_legislators
from legislators.transforms import join_legislators

SAMPLE_SUMMARY = [("House", "member", 6, 5), ("Senate", "member", 3, 3)]


@pytest.fixture(scope="module")
def history(spark, sample_paths):
    """JoinLegislators' output on the sample data: 9 memberships."""
    return join_legislators(*(spark.read.json(sample_paths[name]) for name in ("persons", "memberships", "organizations")))


def test_reads_the_history_table_and_writes_the_summary_table(spark, history, database, tmp_path, capsys):
    history_location = str(tmp_path / "output" / "join_legislators") + "/"
    summary_location = str(tmp_path / "output" / "summarize_legislators") + "/"
    spark.sql(f"CREATE DATABASE {database}")
    history.write.format("parquet").option("path", history_location).saveAsTable(f"{database}.legislators_history")

    code = summarize_legislators.main(
        ["--JOB_NAME", "SummarizeLegislators",
         "--history", history_location, "--history_table", f"{database}.legislators_history",
         "--output_path", summary_location, "--output_path_table", f"{database}.legislators_summary"],
        spark=spark,
    )

    assert code == 0
    shown = capsys.readouterr().out
    assert "|House   |member|6          |5      |" in shown
    assert f"wrote 2 rows to {summary_location} (table {database}.legislators_summary)" in shown
    assertDataFrameEqual(spark.table(f"{database}.legislators_summary"), SAMPLE_SUMMARY)


def test_in_a_fresh_catalog_it_registers_the_history_from_its_location(spark, history, database, tmp_path, capsys):
    # A separate local run: JoinLegislators wrote the Parquet earlier, the in-memory catalog is empty.
    history_location = str(tmp_path / "history")
    history.write.parquet(history_location)
    summary_location = str(tmp_path / "summary")

    code = summarize_legislators.main(
        ["--history", history_location, "--history_table", f"{database}.legislators_history", "--output_path", summary_location],
        spark=spark,
    )

    assert code == 0
    assert f"registered table {database}.legislators_history at {history_location}" in capsys.readouterr().out
    # Without --output_path_table the summary is plain Parquet.
    assertDataFrameEqual(spark.read.parquet(summary_location), SAMPLE_SUMMARY)
    assert not spark.catalog.tableExists(f"{database}.legislators_summary")


def test_a_missing_history_table_argument_exits_2_naming_it(spark, tmp_path, capsys):
    argv = ["--history", str(tmp_path), "--output_path", str(tmp_path / "summary")]

    assert summarize_legislators.main(argv, spark=spark) == 2
    assert capsys.readouterr().err == "error: the following arguments are required: --history_table\n"


def test_a_history_that_was_never_written_exits_1_naming_the_table_and_location(spark, database, tmp_path, capsys):
    missing = str(tmp_path / "join_legislators")
    argv = ["--history", missing, "--history_table", f"{database}.legislators_history", "--output_path", str(tmp_path / "s")]

    assert summarize_legislators.main(argv, spark=spark) == 1
    assert capsys.readouterr().err == (
        f"error: input table {database}.legislators_history is not in the catalog, and {missing} holds no Parquet data\n"
    )


def test_the_summary_keeps_the_schema_its_output_declares_in_the_config(history):
    from declared_schema import assert_matches_declared_schema
    from legislators.transforms import summarize_memberships

    assert_matches_declared_schema(summarize_memberships(history), "SummarizeLegislators", "output_path")


def test_a_summary_without_a_declared_column_fails_the_check(history):
    from declared_schema import assert_matches_declared_schema
    from legislators.transforms import summarize_memberships

    with pytest.raises(AssertionError, match=r"declares persons \(bigint\), which the job does not produce"):
        assert_matches_declared_schema(summarize_memberships(history).drop("persons"), "SummarizeLegislators", "output_path")


def test_the_summary_passes_the_outputs_data_quality_rules(history):
    from legislators.transforms import summarize_memberships
    from quality_rules import assert_passes_configured_rules

    assert_passes_configured_rules(summarize_memberships(history), "SummarizeLegislators", "output_path")
