"""Reading JSON lines with errors that name the path, and writing Parquet."""
import pytest

from glue_runtime.storage import InputPathError, read_json_lines, write_parquet


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
