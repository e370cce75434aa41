"""`run_job`: the whole of an entrypoint's `main`, with errors turned into exit codes; and, on Glue,
the evaluation of an output's data-quality rules by awsgluedq (imported here only, as awsglue is
imported only in job_session's Glue branch)."""
import sys
from typing import Callable, Mapping, Optional, Sequence

from pyspark.sql import DataFrame, SparkSession

from .job_args import JobArgumentError
from .job_session import JobArgs, job_session, running_on_glue
from .quality import OutputQuality, QualityArgumentError, QualityCheckFailed, RuleResult, evaluate_locally, evaluated_by, results_of
from .storage import InputPathError

EXIT_OK = 0
EXIT_BAD_INPUT = 1
# argparse's code for a usage error.
EXIT_BAD_ARGUMENTS = 2
# An output's data-quality rules failed under onFailure: fail; the output was not written.
EXIT_QUALITY_FAILED = 3

JobBody = Callable[[SparkSession, JobArgs], None]


def run_job(
    body: JobBody,
    argv: Optional[Sequence[str]],
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    app_name: str,
    spark: Optional[SparkSession] = None,
) -> int:
    """Runs `body(spark, args)` in a job session and returns the process exit code.

    A bad argument or an unreadable input is reported as one `error: ...` line on stderr;
    anything else propagates with its stack trace, since it is a bug or an outage to look into.
    """
    argv = sys.argv[1:] if argv is None else argv
    try:
        evaluator = evaluate_on_glue if running_on_glue() else evaluate_locally
        with job_session(argv, required, optional, app_name=app_name, spark=spark) as (session, args), evaluated_by(evaluator):
            body(session, args)
    except (JobArgumentError, QualityArgumentError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    except QualityCheckFailed as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_QUALITY_FAILED
    except InputPathError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def evaluate_on_glue(frame: DataFrame, quality: OutputQuality, references: Mapping[str, DataFrame]) -> list[RuleResult]:
    """Every rule of `quality` on `frame`, evaluated by Glue Data Quality with its results published.

    The evaluation context is the job and output, so each output's results are apart in the console
    and in the "Data Quality Evaluation Results Available" event; observations are on. AWS Glue
    Developer Guide, "EvaluateDataQuality class" and "Evaluating data quality for ETL jobs in AWS Glue
    Studio": https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-transforms-EvaluateDataQuality.html
    """
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from awsgluedq.transforms import EvaluateDataQuality

    glue_context = GlueContext(frame.sparkSession.sparkContext)
    outcomes = EvaluateDataQuality().process_rows(
        frame=DynamicFrame.fromDF(frame, glue_context, quality.output),
        additional_data_sources={name: DynamicFrame.fromDF(df, glue_context, name) for name, df in references.items()},
        ruleset=quality.ruleset(on_glue=True),
        publishing_options={
            "dataQualityEvaluationContext": quality.context,
            "enableDataQualityResultsPublishing": True,
            "enableDataQualityCloudWatchMetrics": False,
        },
        additional_options={"observations.scope": "ALL", "performanceTuning.caching": "CACHE_NOTHING"},
    )
    rows = outcomes.select("ruleOutcomes").toDF().collect()
    return results_of(rows, [rule.rule for rule in quality.rules])
