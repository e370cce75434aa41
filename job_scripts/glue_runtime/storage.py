"""Reading the jobs' inputs and writing their outputs, with errors that name the path or the table.

An output is Parquet at a location, and also a catalog table when the job is given `--<output>_table
<database>.<table>`; an input table is read through the catalog. On Glue (run with
`--enable-glue-datacatalog`) that catalog is the Glue Data Catalog; locally it is Spark's own
in-memory catalog, which forgets between runs, so a table read locally is registered from its
location when the catalog does not know it yet.
"""
import os
import re
from typing import Mapping, Optional
from urllib.parse import urlparse

from py4j.protocol import Py4JJavaError
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession

from .job_args import JobArgumentError
from .job_session import running_on_glue
from .quality import check_output, output_quality

# Spark's name for the column that collects lines it could not parse as JSON.
CORRUPT_RECORD_COLUMN = "_corrupt_record"
# `--<name>_table` names the catalog table of the input or output `--<name>`.
TABLE_ARG_SUFFIX = "_table"
_TABLE_NAME = re.compile(r"\w+\.\w+", re.ASCII)


class InputPathError(RuntimeError):
    """An input that cannot be read; the message is one line and names the path or the table."""


def read_json_lines(spark: SparkSession, path: str) -> DataFrame:
    """Reads a JSON-lines file, or every file below a directory (like the seed's `recurse: True`)."""
    try:
        frame = spark.read.option("recursiveFileLookup", "true").json(path)
    except AnalysisException as error:
        raise InputPathError(_describe_analysis_error(path, error)) from error
    except Py4JJavaError as error:
        # e.g. "No FileSystem for scheme "s3"" off Glue, or S3's Access Denied on it.
        raise InputPathError(f"cannot read input path {path}: {error.java_exception.toString()}") from error
    if CORRUPT_RECORD_COLUMN in frame.columns:
        raise InputPathError(f"input path {path} has lines that are not JSON objects; expected JSON lines")
    return frame


def _describe_analysis_error(path: str, error: AnalysisException) -> str:
    reason = error.getErrorClass()
    if reason == "PATH_NOT_FOUND":
        return f"input path does not exist: {path}"
    if reason == "UNABLE_TO_INFER_SCHEMA":
        return f"input path holds no JSON data: {path}"
    return f"cannot read input path {path}: {_first_line(error)}"


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]


def write_parquet(frame: DataFrame, path: str) -> int:
    """Writes (replacing what is there, so a rerun is idempotent) and returns the rows written.

    The count is read back from the Parquet footers, which costs no second pass over the data.
    """
    frame.write.mode("overwrite").parquet(path)
    rows = frame.sparkSession.read.parquet(path).count()
    print(f"wrote {rows} rows to {path}")
    return rows


def output_requested(args: Mapping[str, Optional[str]], name: str) -> bool:
    """Whether the job was given the output `name`, as a location, a table or both."""
    return bool(args.get(name) or args.get(name + TABLE_ARG_SUFFIX))


def write_output(frame: DataFrame, args: Mapping[str, Optional[str]], name: str) -> int:
    """Writes the output `name`: a catalog table at `--<name>` if `--<name>_table` is given, else plain Parquet there.

    Either way the data is Parquet at the location and a rerun replaces it. Returns the rows written.
    The output's data-quality rules (`--<name>_quality`) are evaluated first: a failed rule under
    `onFailure: fail` raises QualityCheckFailed and nothing is written.
    """
    location = args.get(name)
    table_arg = name + TABLE_ARG_SUFFIX
    table = args.get(table_arg)
    if not table and not location:
        raise JobArgumentError(f"the following arguments are required: --{name}")
    if table and not location:
        raise JobArgumentError(f"argument --{table_arg} needs --{name}, the table's location")
    _check_quality(frame, args, name)
    if not table:
        return write_parquet(frame, location)
    return write_table(frame, table_name(table, table_arg), location)


def _check_quality(frame: DataFrame, args: Mapping[str, Optional[str]], name: str) -> None:
    quality = output_quality(args, name)
    if quality is None:
        return
    references = {alias: read_input(frame.sparkSession, args, alias) for alias in quality.references}
    check_output(frame, args, name, references)


def read_input(spark: SparkSession, args: Mapping[str, Optional[str]], name: str) -> DataFrame:
    """The input `--<name>` as the job reads it: its catalog table if `--<name>_table` is given, else JSON lines."""
    if args.get(name + TABLE_ARG_SUFFIX):
        return read_table(spark, args, name)
    if not args.get(name):
        raise JobArgumentError(f"a data-quality rule reads the input {name}, but the job was not given --{name}")
    return read_json_lines(spark, args[name])


def write_table(frame: DataFrame, table: str, location: str) -> int:
    """Writes `frame` as the external Parquet table `table` at `location`, replacing both; returns the rows.

    The database is created if it is missing (locally it always is at first; on Glue the stage
    creates it, so only GetDatabase is called there).
    """
    spark = frame.sparkSession
    location = _absolute_location(location)
    _ensure_database(spark, table)
    # Overwriting drops and recreates the table's definition, so a changed schema is taken as written.
    frame.write.mode("overwrite").format("parquet").option("path", location).saveAsTable(table)
    rows = spark.table(table).count()
    print(f"wrote {rows} rows to {location} (table {table})")
    return rows


def read_table(spark: SparkSession, args: Mapping[str, Optional[str]], name: str) -> DataFrame:
    """Reads the input table `--<name>_table` through the catalog.

    Off Glue, a table the catalog does not know (it was written by an earlier local run) is first
    registered as an external Parquet table at `--<name>`, its location. On Glue a missing table is
    an error: the job that writes it has not run.
    """
    table_arg = name + TABLE_ARG_SUFFIX
    if not args.get(table_arg):
        raise JobArgumentError(f"the following arguments are required: --{table_arg}")
    table = table_name(args[table_arg], table_arg)
    if not running_on_glue() and not spark.catalog.tableExists(table):
        _register_parquet_table(spark, table, args.get(name), name)
    try:
        return spark.table(table)
    except AnalysisException as error:
        if error.getErrorClass() == "TABLE_OR_VIEW_NOT_FOUND":
            raise InputPathError(f"input table does not exist: {table}") from error
        raise InputPathError(f"cannot read input table {table}: {_first_line(error)}") from error


def _register_parquet_table(spark: SparkSession, table: str, location: Optional[str], name: str) -> None:
    if not location:
        raise InputPathError(f"input table {table} is not in the catalog, and no --{name} gives its location")
    location = _absolute_location(location)
    _ensure_database(spark, table)
    try:
        spark.catalog.createTable(table, path=location, source="parquet")
    except AnalysisException as error:
        if error.getErrorClass() == "UNABLE_TO_INFER_SCHEMA":
            raise InputPathError(f"input table {table} is not in the catalog, and {location} holds no Parquet data") from error
        raise InputPathError(f"cannot register input table {table} at {location}: {_first_line(error)}") from error
    print(f"registered table {table} at {location}")


def table_name(value: str, arg: str) -> str:
    """The checked `database.table` of the argument `--<arg>`.

    Names are letters, digits and underscores, which Spark, the Data Catalog and Athena all take
    unquoted.
    """
    if not _TABLE_NAME.fullmatch(value):
        raise JobArgumentError(f"argument --{arg} must be <database>.<table> (letters, digits, _), got {value!r}")
    return value


def _absolute_location(location: str) -> str:
    """A relative local path made absolute: the catalog would take it as relative to the database's folder."""
    if urlparse(location).scheme or os.path.isabs(location):
        return location
    return os.path.join(os.getcwd(), location)


def _ensure_database(spark: SparkSession, table: str) -> None:
    database = table.split(".")[0]
    # Checked first: on Glue, CREATE DATABASE IF NOT EXISTS would call glue:CreateDatabase.
    if not spark.catalog.databaseExists(database):
        spark.sql(f"CREATE DATABASE IF NOT EXISTS {database}")
