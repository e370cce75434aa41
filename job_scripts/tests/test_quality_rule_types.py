"""Every DQDL rule type the config takes as checked locally (stacks/config/dqdl-rules.ts, `local: true`),
evaluated by the pinned Deequ (2.1.0-spark-3.5) with dqdl 1.0.0: one rule that holds and one that does
not, on a small frame whose values are known. docs/data-quality.md lists the result for each type."""
import datetime

import pytest

from glue_runtime.quality import OutputQuality, QualityRule, evaluate_locally

NOW = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)

# rule type: (a rule that holds, a rule that fails); column names are those of `frame` below.
RULE_TYPES = {
    "RowCount": ("RowCount = 4", "RowCount > 4"),
    "ColumnCount": ("ColumnCount = 6", "ColumnCount < 6"),
    "ColumnExists": ('ColumnExists "id"', 'ColumnExists "nope"'),
    "IsComplete": ('IsComplete "id"', 'IsComplete "name"'),
    "IsUnique": ('IsUnique "id"', 'IsUnique "kind"'),
    "IsPrimaryKey": ('IsPrimaryKey "id" "kind"', 'IsPrimaryKey "kind"'),
    "Completeness": ('Completeness "name" >= 0.75', 'Completeness "name" > 0.8'),
    "Uniqueness": ('Uniqueness "id" = 1.0', 'Uniqueness "kind" > 0.5'),
    # Values that occur once, over distinct values: every id once (1.0), no kind once (0.0).
    "UniqueValueRatio": ('UniqueValueRatio "id" = 1.0', 'UniqueValueRatio "kind" > 0'),
    "DistinctValuesCount": ('DistinctValuesCount "kind" = 2', 'DistinctValuesCount "kind" > 2'),
    "Mean": ('Mean "id" = 2.5', 'Mean "id" > 3'),
    "Sum": ('Sum "id" = 10', 'Sum "id" < 10'),
    "StandardDeviation": ('StandardDeviation "id" < 2', 'StandardDeviation "id" < 1'),
    "Entropy": ('Entropy "kind" > 0.5', 'Entropy "kind" > 1'),
    "ColumnLength": ('ColumnLength "kind" = 1', 'ColumnLength "kind" > 1'),
    "ColumnValues": ('ColumnValues "kind" in ["a", "b"]', 'ColumnValues "kind" in ["a"]'),
    "ColumnCorrelation": ('ColumnCorrelation "id" "score" > 0.9', 'ColumnCorrelation "id" "score" < 0.9'),
    # Whether a text column's values read as the type (INTEGER, DOUBLE, BOOLEAN, DATE, ...).
    "ColumnDataType": ('ColumnDataType "code" = "INTEGER"', 'ColumnDataType "kind" = "INTEGER"'),
    "ColumnNamesMatchPattern": ('ColumnNamesMatchPattern "[a-z_]+"', 'ColumnNamesMatchPattern "id"'),
    "DataFreshness": ('DataFreshness "updated" <= 24 hours', 'DataFreshness "updated" <= 1 minutes'),
    "ReferentialIntegrity": ('ReferentialIntegrity "kind" "kinds.code" = 1.0', 'ReferentialIntegrity "id" "kinds.code" = 1.0'),
}


@pytest.fixture(scope="module")
def frame(spark):
    rows = [
        (1, "a", "Ada", 10.0, NOW - datetime.timedelta(hours=1), "10"),
        (2, "b", "Bo", 20.5, NOW - datetime.timedelta(hours=2), "20"),
        (3, "a", None, 29.0, NOW - datetime.timedelta(hours=3), "30"),
        (4, "b", "Di", 41.0, NOW - datetime.timedelta(hours=4), "40"),
    ]
    return spark.createDataFrame(rows, "id int, kind string, name string, score double, updated timestamp, code string")


@pytest.fixture(scope="module")
def references(spark):
    return {"kinds": spark.createDataFrame([("a",), ("b",)], "code string")}


def evaluate(frame, references, rule):
    quality = OutputQuality("output_path", "test", "fail", (QualityRule(rule),), ("kinds",) if "kinds." in rule else ())
    [result] = evaluate_locally(frame, quality, references if quality.references else {})
    return result


@pytest.mark.parametrize("rule_type", sorted(RULE_TYPES))
def test_deequ_checks_the_rule_type_both_ways(frame, references, rule_type):
    holds, fails = RULE_TYPES[rule_type]

    passed = evaluate(frame, references, holds)
    failed = evaluate(frame, references, fails)

    assert passed.passed, f"{holds}: {passed.reason} (measured {passed.measured})"
    assert not failed.passed, f"{fails} passed (measured {failed.measured})"


def test_with_threshold_is_ignored_by_this_deequ_so_the_config_refuses_it_offline(frame, references):
    # Half the kinds are "a": Glue passes `with threshold > 0.4`; this Deequ asks every value to comply
    # instead. Hence dqdl-rules.ts refuses `with threshold` unless the rule is awsOnly; if this test
    # fails, Deequ has learned thresholds and the table in docs/data-quality.md can say so.
    result = evaluate(frame, references, 'ColumnValues "kind" in ["a"] with threshold > 0.4')
    assert not result.passed and result.metrics == {"Column.kind.ColumnValues.Compliance": 0.5}


def test_a_where_clause_narrows_the_rows_checked(frame, references):
    assert evaluate(frame, references, 'IsComplete "name" where "id != 3"').passed
