"""Reading the jobs' inputs and writing their outputs, with errors that name the path."""
from py4j.protocol import Py4JJavaError
from pyspark.errors import AnalysisException
from pyspark.sql import DataFrame, SparkSession

# Spark's name for the column that collects lines it could not parse as JSON.
CORRUPT_RECORD_COLUMN = "_corrupt_record"


class InputPathError(RuntimeError):
    """An input that cannot be read; the message is one line and names the path."""


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
    first_line = str(error).strip().splitlines()[0]
    return f"cannot read input path {path}: {first_line}"


def write_parquet(frame: DataFrame, path: str) -> int:
    """Writes (replacing what is there, so a rerun is idempotent) and returns the rows written.

    The count is read back from the Parquet footers, which costs no second pass over the data.
    """
    frame.write.mode("overwrite").parquet(path)
    rows = frame.sparkSession.read.parquet(path).count()
    print(f"wrote {rows} rows to {path}")
    return rows
