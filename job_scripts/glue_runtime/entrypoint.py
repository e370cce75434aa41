"""`run_job`: the whole of an entrypoint's `main`, with errors turned into exit codes."""
import sys
from typing import Callable, Optional, Sequence

from pyspark.sql import SparkSession

from .job_args import JobArgumentError
from .job_session import JobArgs, job_session
from .storage import InputPathError

EXIT_OK = 0
EXIT_BAD_INPUT = 1
# argparse's code for a usage error.
EXIT_BAD_ARGUMENTS = 2

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
        with job_session(argv, required, optional, app_name=app_name, spark=spark) as (session, args):
            body(session, args)
    except JobArgumentError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    except InputPathError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
