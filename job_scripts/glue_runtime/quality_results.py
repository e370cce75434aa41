"""Off Glue, what an evaluation publishes: on Glue, EvaluateDataQuality publishes each output's results
(enableDataQualityResultsPublishing) and Glue Data Quality sends the "Data Quality Evaluation Results
Available" event; off Glue, when `GLUE_LOCAL_QUALITY_RESULTS` names a file, each evaluation appends one
JSON line to it, which the rehearsal's emulator turns into that event (gap glue-data-quality-events).
Unset, as in `npm run job` and pytest, nothing is written.
"""
import json
import os
from typing import Any, Sequence

RESULTS_FILE_ENV = "GLUE_LOCAL_QUALITY_RESULTS"


def results_record(context: str, output: str, results: Sequence[Any], skipped: Sequence[str]) -> dict:
    """One evaluation: its context, each rule's outcome and measure (glue_runtime.quality.RuleResult), and
    the rules left to Glue, which are skipped here."""
    return {
        "evaluationContext": context,
        "output": output,
        "rules": [{"rule": r.rule, "passed": r.passed, "measured": r.measured} for r in results],
        "skipped": list(skipped),
    }


def publish_locally(context: str, output: str, results: Sequence[Any], skipped: Sequence[str] = ()) -> None:
    path = os.environ.get(RESULTS_FILE_ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as results_file:
        results_file.write(json.dumps(results_record(context, output, results, skipped)) + "\n")
