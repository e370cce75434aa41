"""SummarizeLegislators: per organization and role, how many memberships and distinct persons.

Runs after JoinLegislators and reads its history table.

Arguments:
    --history             the joined history's location (Parquet), written by JoinLegislators
    --history_table       the history's catalog table, <database>.<table>
    --output_path         where the summary goes, as Parquet
    --output_path_table   optional: <database>.<table>, to write the summary as that catalog table
                          (at --output_path)
See legislators.transforms.summarize_memberships for the summary itself.
"""
import sys
from typing import Optional, Sequence

from pyspark.sql import SparkSession

from glue_runtime.entrypoint import run_job
from glue_runtime.job_session import JobArgs
from glue_runtime.storage import read_table, write_output
from legislators.transforms import SUMMARY_KEYS, summarize_memberships

REQUIRED_ARGS = ("history", "history_table", "output_path")
OPTIONAL_ARGS = ("output_path_table",)


def summarize_legislators_job(spark: SparkSession, args: JobArgs) -> None:
    summary = summarize_memberships(read_table(spark, args, "history"))
    summary.orderBy(*SUMMARY_KEYS).show(truncate=False)
    write_output(summary, args, "output_path")


def main(argv: Optional[Sequence[str]] = None, spark: Optional[SparkSession] = None) -> int:
    return run_job(
        summarize_legislators_job, argv, REQUIRED_ARGS, OPTIONAL_ARGS, app_name="SummarizeLegislators", spark=spark
    )


if __name__ == "__main__":
    sys.exit(main())
