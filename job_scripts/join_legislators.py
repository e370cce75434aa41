"""JoinLegislators: one row per membership, with its person and its organization.

Arguments:
    --input_path_orgs         organizations, as JSON lines
    --input_path_persons      persons, as JSON lines
    --input_path_memberships  memberships, as JSON lines
    --output_path             optional: where the joined history goes, as Parquet
    --output_path_table       optional: <database>.<table>, to write the history as that catalog
                              table (at --output_path)
See legislators.transforms.join_legislators for the join itself.
"""
import sys
from typing import Optional, Sequence

from pyspark.sql import SparkSession

from glue_runtime.entrypoint import run_job
from glue_runtime.job_session import JobArgs
from glue_runtime.storage import output_requested, read_json_lines, write_output
from legislators.transforms import join_legislators

REQUIRED_ARGS = ("input_path_orgs", "input_path_persons", "input_path_memberships")
OPTIONAL_ARGS = ("output_path", "output_path_table")


def join_legislators_job(spark: SparkSession, args: JobArgs) -> None:
    history = join_legislators(
        persons=read_json_lines(spark, args["input_path_persons"]),
        memberships=read_json_lines(spark, args["input_path_memberships"]),
        organizations=read_json_lines(spark, args["input_path_orgs"]),
    )
    history.printSchema()
    print(f"history: {history.count()} rows")
    if output_requested(args, "output_path"):
        write_output(history, args, "output_path")


def main(argv: Optional[Sequence[str]] = None, spark: Optional[SparkSession] = None) -> int:
    return run_job(join_legislators_job, argv, REQUIRED_ARGS, OPTIONAL_ARGS, app_name="JoinLegislators", spark=spark)


if __name__ == "__main__":
    sys.exit(main())
