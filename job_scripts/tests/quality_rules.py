"""The data-quality rules the config gives the jobs' outputs (`outputs.<name>.quality`), and the check a
job's test makes with them: the rules, evaluated by Deequ on the data the job writes, all pass.

The rules are read through the config's own loader (local-run/output-quality.ts, one node process per
test session) as the very `--<output>_quality` argument the job gets on Glue, in the emulator and from
`npm run job`; they are evaluated by the job runtime's own evaluator (glue_runtime.quality).
"""
from typing import Mapping, Optional

from pyspark.sql import DataFrame

from glue_runtime.quality import QUALITY_ARG_SUFFIX, RuleResult, evaluate_locally, format_results, output_quality
from stage_json import stage_json


def configured_quality(stage: str = "dev") -> dict:
    """{job: {output: <the --<output>_quality argument>}} for the stage's outputs that have rules."""
    return stage_json("output-quality.ts", stage)


def quality_argument(job: str, output: str, stage: str = "dev") -> str:
    argument = configured_quality(stage).get(job, {}).get(output)
    assert argument is not None, f"{job}.outputs.{output} has no data-quality rules in the config"
    return argument


def evaluate_configured_rules(
    frame: DataFrame, job: str, output: str, references: Optional[Mapping[str, DataFrame]] = None, stage: str = "dev"
) -> list[RuleResult]:
    """Every locally checkable rule of the output, evaluated on `frame` (what the job writes)."""
    quality = output_quality({output + QUALITY_ARG_SUFFIX: quality_argument(job, output, stage)}, output)
    missing = [name for name in quality.references if name not in (references or {})]
    assert not missing, f"{job}.outputs.{output} has rules that read the inputs {missing}; pass them as references"
    results = evaluate_locally(frame, quality, references or {})
    print(format_results(job, quality, results))
    return results


def failed_rules(frame: DataFrame, job: str, output: str, references: Optional[Mapping[str, DataFrame]] = None) -> list[str]:
    return [r.rule for r in evaluate_configured_rules(frame, job, output, references) if not r.passed]


def assert_passes_configured_rules(frame: DataFrame, job: str, output: str, references: Optional[Mapping[str, DataFrame]] = None) -> None:
    """Fails, naming every failed rule with its measured value, when `frame` breaks a rule of the output."""
    results = evaluate_configured_rules(frame, job, output, references)
    failed = [f"{r.rule} (measured {r.measured}{'; ' + r.reason if r.reason else ''})" for r in results if not r.passed]
    assert not failed, f"{job}.outputs.{output} fails its data-quality rules: " + "; ".join(failed)
