"""Reading JSON lines with errors that name the path; writing Parquet and catalog tables, and reading tables."""
import pytest
from pyspark.testing.utils import assertDataFrameEqual

from glue_runtime import storage
from glue_runtime.job_args import JobArgumentError
from glue_runtime.storage import (
    InputPathError,
    output_requested,
    read_json_lines,
    read_table,
    table_name,
    write_output,
    write_parquet,
)


def test_reads_a_json_lines_file(spark, sample_paths):
    persons = read_json_lines(spark, sample_paths["persons"])

    assert persons.count() == 8
    assert {"id", "name", "links", "identifiers"} <= set(persons.columns)


def test_reads_every_file_below_a_directory(spark, tmp_path):
    (tmp_path / "part" / "deeper").mkdir(parents=True)
    (tmp_path / "part" / "a.json").write_text('{"id": "a"}\n', encoding="utf-8")
    (tmp_path / "part" / "deeper" / "b.json").write_text('{"id": "b"}\n', encoding="utf-8")

    assert sorted(row.id for row in read_json_lines(spark, str(tmp_path)).collect()) == ["a", "b"]


def test_a_path_that_does_not_exist_is_a_one_line_error_naming_it(spark, tmp_path):
    missing = str(tmp_path / "nope" / "persons.json")

    with pytest.raises(InputPathError) as raised:
        read_json_lines(spark, missing)

    assert str(raised.value) == f"input path does not exist: {missing}"


def test_a_directory_without_data_is_an_error_naming_it(spark, tmp_path):
    with pytest.raises(InputPathError, match=f"^input path holds no JSON data: {tmp_path}$"):
        read_json_lines(spark, str(tmp_path))


def test_lines_that_are_not_json_are_an_error_naming_the_path(spark, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "a"}\n[not json\n', encoding="utf-8")

    with pytest.raises(InputPathError, match=f"^input path {bad} has lines that are not JSON objects"):
        read_json_lines(spark, str(bad))


def test_a_scheme_without_a_file_system_is_a_one_line_error_naming_the_path(spark):
    # Locally this is what an s3:// path gives; on Glue an unreadable S3 object comes this way too.
    with pytest.raises(InputPathError) as raised:
        read_json_lines(spark, "nosuch://bucket/persons.json")

    message = str(raised.value)
    assert message.startswith("cannot read input path nosuch://bucket/persons.json: ")
    assert 'No FileSystem for scheme "nosuch"' in message
    assert "\n" not in message


def test_write_parquet_replaces_earlier_output_and_reports_the_rows_written(spark, tmp_path, capsys):
    target = str(tmp_path / "out")
    write_parquet(spark.range(5), target)

    assert write_parquet(spark.range(3), target) == 3
    assert spark.read.parquet(target).count() == 3
    assert capsys.readouterr().out.splitlines()[-1] == f"wrote 3 rows to {target}"


def test_output_requested_by_a_location_or_a_table():
    assert output_requested({"out": "s3://b/o/", "out_table": None}, "out")
    assert output_requested({"out": None, "out_table": "db.t"}, "out")
    assert not output_requested({"out": None, "out_table": None}, "out")
    assert not output_requested({}, "out")


def test_write_output_without_a_table_writes_plain_parquet_and_registers_nothing(spark, tmp_path, capsys):
    target = str(tmp_path / "out")
    tables_before = spark.catalog.listTables("default")

    assert write_output(spark.range(4), {"out": target, "out_table": None}, "out") == 4

    assert spark.read.parquet(target).count() == 4
    assert spark.catalog.listTables("default") == tables_before
    assert capsys.readouterr().out == f"wrote 4 rows to {target}\n"


def test_write_output_with_a_table_creates_the_database_and_an_external_parquet_table_at_the_location(
    spark, database, tmp_path, capsys
):
    target = str(tmp_path / "output" / "history") + "/"
    frame = spark.createDataFrame([("a", 1), ("b", 2)], "name string, n int")

    assert write_output(frame, {"out": target, "out_table": f"{database}.history"}, "out") == 2

    table = spark.catalog.getTable(f"{database}.history")
    assert (table.tableType, table.database) == ("EXTERNAL", database)
    assertDataFrameEqual(spark.table(f"{database}.history"), frame)
    # The data is plain Parquet at the location, readable without the catalog (as Athena reads it).
    assertDataFrameEqual(spark.read.parquet(target), frame)
    assert capsys.readouterr().out == f"wrote 2 rows to {target} (table {database}.history)\n"


def test_writing_a_table_again_replaces_its_data_and_schema(spark, database, tmp_path):
    args = {"out": str(tmp_path / "t"), "out_table": f"{database}.t"}
    write_output(spark.createDataFrame([(1,), (2,), (3,)], "n int"), args, "out")

    assert write_output(spark.createDataFrame([("x", 9)], "name string, n bigint"), args, "out") == 1

    assertDataFrameEqual(spark.table(f"{database}.t"), spark.createDataFrame([("x", 9)], "name string, n bigint"))
    assert spark.read.parquet(args["out"]).count() == 1


def test_a_relative_table_location_is_taken_from_the_working_directory_like_a_plain_output(
    spark, database, tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)

    write_output(spark.range(2), {"out": "output/t/", "out_table": f"{database}.t"}, "out")

    assert capsys.readouterr().out == f"wrote 2 rows to {tmp_path}/output/t/ (table {database}.t)\n"
    assert spark.read.parquet(str(tmp_path / "output" / "t")).count() == 2
    # Registering it again in a fresh catalog finds the same files.
    spark.sql(f"DROP TABLE {database}.t")
    assert read_table(spark, {"h": "output/t/", "h_table": f"{database}.t"}, "h").count() == 2


def test_a_table_without_a_location_is_an_argument_error(spark):
    with pytest.raises(JobArgumentError, match="^argument --out_table needs --out, the table's location$"):
        write_output(spark.range(1), {"out": None, "out_table": "db.t"}, "out")


@pytest.mark.parametrize("bad", ["history", "db.t.x", "db.", ".t", "dev-glue.t", "db.t; DROP", "`db`.t", ""])
def test_a_table_name_must_be_database_dot_table_in_letters_digits_and_underscores(bad):
    with pytest.raises(JobArgumentError, match=r"^argument --out_table must be <database>\.<table> \(letters, digits, _\), got "):
        table_name(bad, "out_table")
    assert table_name("dev_glue.legislators_history", "out_table") == "dev_glue.legislators_history"


def test_read_table_reads_a_table_written_in_the_same_session(spark, database, tmp_path, capsys):
    frame = spark.createDataFrame([("a", 1)], "name string, n int")
    location = str(tmp_path / "t")
    write_output(frame, {"out": location, "out_table": f"{database}.t"}, "out")
    capsys.readouterr()

    assertDataFrameEqual(read_table(spark, {"history": location, "history_table": f"{database}.t"}, "history"), frame)
    assert "registered" not in capsys.readouterr().out


def test_read_table_registers_a_table_the_catalog_does_not_know_from_its_location(spark, database, tmp_path, capsys):
    # What a separate local run sees: the data from an earlier run's write, and a fresh catalog.
    location = str(tmp_path / "history")
    frame = spark.createDataFrame([("a", 1), ("b", None)], "name string, n int")
    frame.write.parquet(location)
    assert not spark.catalog.tableExists(f"{database}.history")

    read = read_table(spark, {"history": location, "history_table": f"{database}.history"}, "history")

    assertDataFrameEqual(read, frame)
    assert spark.catalog.getTable(f"{database}.history").tableType == "EXTERNAL"
    assert capsys.readouterr().out == f"registered table {database}.history at {location}\n"


def test_read_table_of_an_unknown_table_at_a_location_without_parquet_is_a_one_line_error(spark, database, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for location in (str(empty), str(tmp_path / "missing")):
        with pytest.raises(InputPathError) as raised:
            read_table(spark, {"h": location, "h_table": f"{database}.h"}, "h")
        assert str(raised.value) == f"input table {database}.h is not in the catalog, and {location} holds no Parquet data"
    assert not spark.catalog.tableExists(f"{database}.h")


def test_read_table_of_an_unknown_table_without_a_location_is_an_error_naming_both(spark, database):
    with pytest.raises(InputPathError, match=f"^input table {database}.h is not in the catalog, and no --h gives its location$"):
        read_table(spark, {"h": None, "h_table": f"{database}.h"}, "h")


def test_read_table_needs_the_table_argument(spark):
    with pytest.raises(JobArgumentError, match="^the following arguments are required: --h_table$"):
        read_table(spark, {"h": "somewhere"}, "h")


def test_on_glue_a_missing_table_is_an_error_and_nothing_is_registered(spark, database, tmp_path, monkeypatch):
    # The Data Catalog keeps its tables: a missing one means the job that writes it has not run.
    location = str(tmp_path / "history")
    spark.range(2).write.parquet(location)
    monkeypatch.setattr(storage, "running_on_glue", lambda: True)

    with pytest.raises(InputPathError, match=f"^input table does not exist: {database}.history$"):
        read_table(spark, {"history": location, "history_table": f"{database}.history"}, "history")
    assert not spark.catalog.databaseExists(database)
