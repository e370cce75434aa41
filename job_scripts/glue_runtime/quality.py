"""Data-quality rules of an output, evaluated before the output is written.

The stack hands each output that has rules one argument, `--<output>_quality`, holding JSON:

    {"context": "dev-JoinLegislators-output_path", "onFailure": "fail",
     "rules": [{"rule": "RowCount > 0"}, {"rule": "DetectAnomalies \\"RowCount\\"", "awsOnly": true}],
     "references": ["input_path_orgs"]}

`references` are the job's inputs that rules name as a dataset (`"input_path_orgs.id"`); each is
read again by its argument and handed to the evaluator under that name. The same text is evaluated
in every place: on Glue by awsgluedq's EvaluateDataQuality (glue_runtime.entrypoint, the only
module that imports it), everywhere else by Deequ's DQDL evaluator
(`com.amazon.deequ.dqdl.EvaluateDataQuality`), which local Spark loads from the project's .jars/.
A rule marked `awsOnly` is left to Glue: Deequ cannot check it (docs/data-quality.md).
"""
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Mapping, Optional, Sequence

from py4j.java_gateway import JavaPackage
from pyspark.sql import DataFrame

from .quality_results import publish_locally

QUALITY_ARG_SUFFIX = "_quality"
ON_FAILURE = ("fail", "warn")
PASSED = "Passed"


class QualityArgumentError(ValueError):
    """A `--<output>_quality` argument that is not the JSON the stack writes; the message names it."""


class QualityCheckFailed(RuntimeError):
    """Rules of an output failed under `onFailure: fail`; the message names every failed rule and its measured value."""


@dataclass(frozen=True)
class QualityRule:
    rule: str
    aws_only: bool = False


@dataclass(frozen=True)
class OutputQuality:
    output: str
    context: str
    on_failure: str
    rules: tuple[QualityRule, ...]
    references: tuple[str, ...] = ()

    def ruleset(self, on_glue: bool) -> str:
        """The DQDL ruleset to evaluate: every rule on Glue, the locally checkable ones elsewhere."""
        rules = [r.rule for r in self.rules if on_glue or not r.aws_only]
        return "Rules = [\n    " + ",\n    ".join(rules) + "\n]"

    @property
    def left_to_glue(self) -> list[str]:
        return [r.rule for r in self.rules if r.aws_only]


@dataclass(frozen=True)
class RuleResult:
    rule: str
    passed: bool
    #: What the evaluator measured, by metric name (e.g. {"Column.id.Completeness": 1.0}).
    metrics: Mapping[str, float] = field(default_factory=dict)
    reason: Optional[str] = None

    @property
    def measured(self) -> str:
        if not self.metrics:
            return "-"
        return ", ".join(f"{_short_metric(name)} {_number(value)}" for name, value in sorted(self.metrics.items()))


def quality_argument_names(argv: Sequence[str]) -> list[str]:
    """The `--<output>_quality` names that argv gives, so the job's argument parser keeps them."""
    names = [arg[2:].split("=", 1)[0] for arg in argv if arg.startswith("--")]
    return sorted({name for name in names if name.endswith(QUALITY_ARG_SUFFIX)})


def output_quality(args: Mapping[str, Optional[str]], output: str) -> Optional[OutputQuality]:
    """The rules of `output`, from `--<output>_quality`; None when the output has none."""
    arg = output + QUALITY_ARG_SUFFIX
    text = args.get(arg)
    if not text:
        return None
    try:
        spec = json.loads(text)
        rules = tuple(QualityRule(str(r["rule"]), bool(r.get("awsOnly", False))) for r in spec["rules"])
        quality = OutputQuality(
            output=output,
            context=str(spec["context"]),
            on_failure=str(spec.get("onFailure", "fail")),
            rules=rules,
            references=tuple(str(name) for name in spec.get("references", ())),
        )
    except (ValueError, KeyError, TypeError) as error:
        raise QualityArgumentError(f"argument --{arg} is not the JSON the stack writes ({error}); redeploy the stage") from error
    if quality.on_failure not in ON_FAILURE or not rules:
        raise QualityArgumentError(f"argument --{arg} needs rules and onFailure fail or warn, got {text[:200]}")
    return quality


Evaluator = Callable[[DataFrame, OutputQuality, Mapping[str, DataFrame]], list[RuleResult]]


def evaluate_locally(frame: DataFrame, quality: OutputQuality, references: Mapping[str, DataFrame]) -> list[RuleResult]:
    """Every locally checkable rule of `quality` on `frame`, evaluated by Deequ's DQDL evaluator."""
    spark = frame.sparkSession
    jvm = spark._jvm
    try:
        evaluator = jvm.com.amazon.deequ.dqdl.EvaluateDataQuality
        if isinstance(evaluator, JavaPackage):  # py4j names a class it cannot load a package, not an error
            raise LookupError("com.amazon.deequ.dqdl.EvaluateDataQuality is not a loaded class")
        scala_map = getattr(getattr(jvm.scala.collection.immutable, "Map$"), "MODULE$").empty()
    except Exception as error:  # py4j raises a bare Py4JError for a class it cannot find
        raise RuntimeError(f"Deequ is not on local Spark's classpath ({error}); run npm run setup, which fetches it into .jars/") from error
    for name, reference in references.items():
        scala_map = scala_map.updated(name, reference._jdf)
    outcomes = DataFrame(evaluator.process(frame._jdf, quality.ruleset(on_glue=False), scala_map), spark)
    return results_of(outcomes.collect(), [r.rule for r in quality.rules if not r.aws_only])


def results_of(rows, rules: Sequence[str]) -> list[RuleResult]:
    """One result per configured rule, in their order, from the Rule / Outcome / FailureReason /
    EvaluatedMetrics rows that both evaluators return. A rule the evaluator gave no row counts as failed."""
    # The evaluators give the rule back in their own spacing, e.g. in ["a","b"] for in ["a", "b"].
    by_rule = {_normalized(row["Rule"]): row for row in rows}
    results = []
    for rule in rules:
        row = by_rule.get(_normalized(rule))
        if row is None:
            results.append(RuleResult(rule, False, {}, "the evaluator returned no outcome for this rule"))
            continue
        metrics = {str(k): float(v) for k, v in (row["EvaluatedMetrics"] or {}).items()}
        results.append(RuleResult(rule, row["Outcome"] == PASSED, metrics, row["FailureReason"]))
    return results


def format_results(job: Optional[str], quality: OutputQuality, results: Sequence[RuleResult]) -> str:
    """The table a run prints: rule, measured value, pass or fail; then the rules left to Glue."""
    title = f"data quality of {job + '.' if job else ''}{quality.output} ({quality.context}, onFailure: {quality.on_failure})"
    width = max([len("rule"), *(len(r.rule) for r in results)])
    measured_width = max([len("measured"), *(len(r.measured) for r in results)])
    lines = [title, f"  {'rule'.ljust(width)}  {'measured'.ljust(measured_width)}  result"]
    for r in results:
        lines.append(f"  {r.rule.ljust(width)}  {r.measured.ljust(measured_width)}  {'pass' if r.passed else 'FAIL'}")
        if not r.passed and r.reason:
            lines.append(f"  {''.ljust(width)}  {_one_line(r.reason)}")
    for rule in quality.left_to_glue:
        lines.append(f"  {rule.ljust(width)}  {'-'.ljust(measured_width)}  on Glue only (awsOnly)")
    return "\n".join(lines)


def failure_message(job: Optional[str], quality: OutputQuality, results: Sequence[RuleResult]) -> str:
    failed = [r for r in results if not r.passed]
    where = f"{job}: " if job else ""
    listed = "; ".join(f"{r.rule} (measured {r.measured}{', ' + _one_line(r.reason) if r.reason and not r.metrics else ''})" for r in failed)
    return f"{where}data quality of output {quality.output} failed {len(failed)} of {len(results)} rules: {listed}"


_evaluators: list[Evaluator] = [evaluate_locally]


@contextmanager
def evaluated_by(evaluator: Evaluator):
    """Rules are evaluated by `evaluator` inside the block: run_job picks Glue's on Glue."""
    _evaluators.append(evaluator)
    try:
        yield
    finally:
        _evaluators.pop()


def check_output(frame: DataFrame, args: Mapping[str, Optional[str]], output: str, references: Mapping[str, DataFrame]) -> list[RuleResult]:
    """Evaluates the output's rules (if any), prints the table, and raises QualityCheckFailed when a
    rule failed under `onFailure: fail`; under `warn` it prints a warning and the output is written."""
    quality = output_quality(args, output)
    if quality is None:
        return []
    job = args.get("JOB_NAME")
    evaluator = _evaluators[-1]
    results = evaluator(frame, quality, references)
    print(format_results(job, quality, results))
    if evaluator is evaluate_locally:  # on Glue, EvaluateDataQuality publishes them itself
        publish_locally(quality.context, quality.output, results, quality.left_to_glue)
    if all(r.passed for r in results):
        return results
    message = failure_message(job, quality, results)
    if quality.on_failure == "fail":
        raise QualityCheckFailed(message + "; the output was not written")
    print(f"warning: {message}; written anyway (onFailure: warn)", file=sys.stderr)
    return results


def _short_metric(name: str) -> str:
    # Column.id.Completeness -> Completeness; Dataset.*.RowCount -> RowCount.
    return name.rsplit(".", 1)[-1] if name.count(".") >= 2 else name


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) and abs(value) < 1e15 else f"{value:.4g}"


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _normalized(rule: str) -> str:
    return "".join(rule.split())
