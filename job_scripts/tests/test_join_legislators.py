"""JoinLegislators end to end on the sample data."""
import join_legislators
from pyspark.testing.utils import assertDataFrameEqual

from legislators.transforms import join_legislators as join_transform


def job_args(sample_paths, **overrides):
    args = {
        "input_path_orgs": sample_paths["organizations"],
        "input_path_persons": sample_paths["persons"],
        "input_path_memberships": sample_paths["memberships"],
    } | overrides
    return [item for name, value in args.items() for item in (f"--{name}", value)]


def test_joins_the_sample_and_writes_it_as_parquet(spark, sample_paths, tmp_path, capsys):
    output = str(tmp_path / "output" / "join_legislators")

    assert join_legislators.main(["--JOB_NAME", "JoinLegislators", *job_args(sample_paths, output_path=output)], spark=spark) == 0

    shown = capsys.readouterr().out
    assert " |-- org_name: string" in shown and "history: 9 rows" in shown
    assert f"wrote 9 rows to {output}" in shown
    expected = join_transform(*(spark.read.json(sample_paths[name]) for name in ("persons", "memberships", "organizations")))
    assertDataFrameEqual(spark.read.parquet(output), expected)


def test_a_missing_input_exits_2_naming_it(spark, sample_paths, capsys):
    argv = job_args(sample_paths)
    del argv[argv.index("--input_path_memberships") : argv.index("--input_path_memberships") + 2]

    assert join_legislators.main(argv, spark=spark) == 2
    assert capsys.readouterr().err == "error: the following arguments are required: --input_path_memberships\n"


def test_a_bad_input_path_exits_1_naming_it(spark, sample_paths, tmp_path, capsys):
    missing = str(tmp_path / "organizations.json")

    assert join_legislators.main(job_args(sample_paths, input_path_orgs=missing), spark=spark) == 1
    assert capsys.readouterr().err == f"error: input path does not exist: {missing}\n"


def test_with_an_output_table_it_writes_the_history_as_that_catalog_table(spark, sample_paths, database, tmp_path, capsys):
    output = str(tmp_path / "output" / "join_legislators") + "/"
    argv = job_args(sample_paths, output_path=output, output_path_table=f"{database}.legislators_history")

    assert join_legislators.main(argv, spark=spark) == 0

    assert f"wrote 9 rows to {output} (table {database}.legislators_history)" in capsys.readouterr().out
    assert spark.catalog.getTable(f"{database}.legislators_history").tableType == "EXTERNAL"
    assertDataFrameEqual(spark.table(f"{database}.legislators_history"), spark.read.parquet(output))
    assert spark.table(f"{database}.legislators_history").count() == 9


def test_the_history_passes_the_outputs_data_quality_rules(spark, sample_paths):
    from quality_rules import assert_passes_configured_rules

    inputs = {name: spark.read.json(sample_paths[name]) for name in ("persons", "memberships", "organizations")}
    history = join_transform(inputs["persons"], inputs["memberships"], inputs["organizations"])
    assert_passes_configured_rules(history, "JoinLegislators", "output_path", {"input_path_orgs": inputs["organizations"]})
