"""Off Glue, what an evaluation publishes: on Glue, EvaluateDataQuality publishes each output's results
(enableDataQualityResultsPublishing) and Glue Data Quality sends the "Data Quality Evaluation Results
Available" event; off Glue, when `GLUE_LOCAL_QUALITY_RESULTS` names a file, each evaluation appends one
JSON line to it, which the rehearsal's emulator turns into that event (gap glue-data-quality-events).
Unset, as in `npm run job` and pytest, nothing is written.
"""
import json
import os
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:  # quality.py calls this module
    from .quality import OutputQuality, RuleResult

RESULTS_FILE_ENV = "GLUE_LOCAL_QUALITY_RESULTS"


def results_record(quality: "OutputQuality", results: Sequence["RuleResult"]) -> dict:
    """One evaluation: its context, each rule's outcome and measure, and the rules left to Glue (skipped here)."""
    return {
        "evaluationContext": quality.context,
        "output": quality.output,
        "rules": [{"rule": r.rule, "passed": r.passed, "measured": r.measured} for r in results],
        "skipped": list(quality.left_to_glue),
    }


def publish_locally(quality: "OutputQuality", results: Sequence["RuleResult"]) -> None:
    path = os.environ.get(RESULTS_FILE_ENV)
    if not path:
        return
    with open(path, "a", encoding="utf-8") as results_file:
        results_file.write(json.dumps(results_record(quality, results)) + "\n")
