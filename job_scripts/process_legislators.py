"""ProcessLegislators: shows the legislators' persons and writes a clean Parquet copy.

Arguments:
    --input_path   persons, as JSON lines (a file, or a directory of them)
    --output_path        optional: where the clean copy goes, as Parquet; without it the job only
                         shows the data, as the seed's job did
    --output_path_table  optional: <database>.<table>, to write the copy as that catalog table
                         (at --output_path)
See legislators.transforms.clean_persons for what "clean" means.
"""
import sys
from typing import Optional, Sequence

from pyspark.sql import SparkSession

from glue_runtime.entrypoint import run_job
from glue_runtime.job_session import JobArgs
from glue_runtime.storage import output_requested, read_json_lines, write_output
from legislators.transforms import clean_persons

REQUIRED_ARGS = ("input_path",)
OPTIONAL_ARGS = ("output_path", "output_path_table")


def process_legislators(spark: SparkSession, args: JobArgs) -> None:
    persons = read_json_lines(spark, args["input_path"])
    persons.printSchema()
    persons.show()
    print(f"persons: {persons.count()} rows")
    if output_requested(args, "output_path"):
        write_output(clean_persons(persons), args, "output_path")


def main(argv: Optional[Sequence[str]] = None, spark: Optional[SparkSession] = None) -> int:
    return run_job(process_legislators, argv, REQUIRED_ARGS, OPTIONAL_ARGS, app_name="ProcessLegislators", spark=spark)


if __name__ == "__main__":
    sys.exit(main())
