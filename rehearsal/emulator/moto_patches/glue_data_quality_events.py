"""Gap glue-data-quality-events: a job's data-quality evaluation sends Glue Data Quality's "Data Quality
Evaluation Results Available" event.

AWS: an EvaluateDataQuality transform with results publishing on makes Glue Data Quality send the event
to the account's default bus (Amazon EventBridge events reference, "AWS Glue Data Quality events":
source aws.glue-dataquality). For an evaluation inside a job, its detail is
  {resultId, context: {contextType: "GLUE_JOB", jobId: <the run's id, jr_...>, jobName, evaluationContext},
   rulesetNames, state: FAILED when a rule failed, score, numRulesSucceeded, numRulesFailed, numRulesSkipped}
as the AWS Glue Developer Guide's "Setting up alerts, deployments, and scheduling" shows it (its sample
spells the counts rulesSucceeded/rulesFailed/rulesSkipped and resultID; events captured from Glue, which
aws-samples' InsuranceLake documents, carry numRules* and resultId, which this sends). The state of an
evaluation whose rules all passed is not shown in either; this sends PASSED, which no rule of the project
matches (stacks/constructs/quality-alerts.ts matches FAILED only).

moto: runs no job and sends no event.

Here: the job runtime publishes each evaluation to the run's quality-results.jsonl (glue_runtime.
quality_results, told the file by moto_support/glue_runner.py); when the run ends, each evaluation becomes
one event on the default bus, ahead of the run's Glue Job State Change event (this patch is applied
first), as on AWS, where it is sent during the run. Rules left to Glue (awsOnly) count as skipped.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any

from moto.moto_api._internal import mock_random

from moto_support.default_bus import send_to_default_bus
from moto_support.glue_job_run import LocalJobRun, on_run_end

DETAIL_TYPE = "Data Quality Evaluation Results Available"
SOURCE = "aws.glue-dataquality"


def results_event(run: LocalJobRun, record: dict[str, Any]) -> dict[str, Any]:
    """The event of one evaluation `record` (glue_runtime.quality_results.results_record) of `run`."""
    spec = run.spec
    rules = record.get("rules", [])
    succeeded = sum(1 for rule in rules if rule.get("passed"))
    failed = len(rules) - succeeded
    context = str(record.get("evaluationContext", ""))
    ended = run.completed_on or datetime.now(timezone.utc)
    result_id = "dqresult-" + hashlib.sha1(f"{run.job_run_id}/{context}".encode()).hexdigest()
    return {
        "version": "0",
        "id": str(mock_random.uuid4()),
        "detail-type": DETAIL_TYPE,
        "source": SOURCE,
        "account": spec.account_id,
        "time": ended.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": spec.region,
        "resources": [],
        "detail": {
            "resultId": result_id,
            "context": {"contextType": "GLUE_JOB", "jobId": run.job_run_id, "jobName": run.job_name, "evaluationContext": context},
            "rulesetNames": [context],
            "state": "FAILED" if failed else "PASSED",
            # The ratio of rules that passed to the rules evaluated (GetDataQualityResult's Score).
            "score": round(succeeded / len(rules), 4) if rules else 1.0,
            "numRulesSucceeded": succeeded,
            "numRulesFailed": failed,
            "numRulesSkipped": len(record.get("skipped", [])),
        },
    }


def _send(run: LocalJobRun) -> None:
    for record in run.quality_results:
        send_to_default_bus(run.spec.account_id, run.spec.region, results_event(run, record), "glue-data-quality-events")


def apply(**_: Any) -> None:
    on_run_end(_send)
