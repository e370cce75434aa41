"""The data plan's Python side on the suite's session: contract checks and the row diff by keys (datacompy)."""
from datetime import date

from data_plan.contract import columns_of, null_counts, violations
from data_plan.row_diff import row_diff

DECLARED = [
    {"name": "org", "type": "string", "nullable": False},
    {"name": "members", "type": "bigint", "nullable": True},
]


def test_a_frame_that_keeps_its_declared_schema_has_no_violations(spark):
    frame = spark.createDataFrame([("House", 6)], "org string, members bigint")
    assert violations(columns_of(frame.schema), null_counts(frame), DECLARED, ["org"]) == []


def test_every_way_of_breaking_a_declared_schema_is_named(spark):
    frame = spark.createDataFrame([(None, 6, "x")], "org string, members int, extra string")
    assert violations(columns_of(frame.schema), null_counts(frame), DECLARED, ["org", "chamber"]) == [
        "key column chamber is not produced",
        "declares org not nullable, the job wrote 1 null(s)",
        "declares members as bigint, the job produces int",
        "produces extra (string), which the schema does not declare",
    ]


def test_rows_compared_by_keys_count_what_is_only_on_one_side_and_what_changed(spark):
    base = spark.createDataFrame(
        [("House", "member", 6, date(2020, 1, 1)), ("Senate", "member", 3, date(2020, 1, 1)), ("Gone", "chair", 1, None)],
        "org string, role string, members bigint, since date",
    )
    head = spark.createDataFrame(
        [("House", "member", 7, date(2020, 1, 1)), ("Senate", "member", 3, date(2020, 1, 1)), ("New", "chair", 2, None)],
        "org string, role string, members bigint, since date",
    )

    diff = row_diff(spark, base, head, ["org", "role"])

    assert {k: diff[k] for k in ("rowsBase", "rowsHead", "rowsOnlyInBase", "rowsOnlyInHead", "rowsChanged", "rowsMatched")} == {
        "rowsBase": 3, "rowsHead": 3, "rowsOnlyInBase": 1, "rowsOnlyInHead": 1, "rowsChanged": 1, "rowsMatched": 1,
    }
    assert diff["columns"] == [{"column": "members", "differing": 1}]
    assert diff["examples"]["changed"] == [{"keys": {"org": "House", "role": "member"}, "changes": {"members": {"base": 6, "head": 7}}}]
    assert diff["examples"]["onlyInBase"] == [{"org": "Gone", "role": "chair", "members": 1, "since": None}]


def test_dates_are_compared_by_value(spark):
    base = spark.createDataFrame([("a", date(2020, 1, 1))], "k string, d date")
    head = spark.createDataFrame([("a", date(2021, 1, 1))], "k string, d date")
    assert row_diff(spark, base, head, ["k"])["examples"]["changed"] == [{"keys": {"k": "a"}, "changes": {"d": {"base": "2020-01-01", "head": "2021-01-01"}}}]


def test_without_keys_rows_are_compared_whole_on_the_shared_columns(spark):
    base = spark.createDataFrame([("a", 1), ("b", 2)], "k string, v bigint")
    head = spark.createDataFrame([("a", 1, "x"), ("b", 3, "x")], "k string, v bigint, extra string")

    diff = row_diff(spark, base, head, None)

    assert diff["keyed"] is False and diff["comparedColumns"] == ["k", "v"]
    assert (diff["rowsOnlyInBase"], diff["rowsOnlyInHead"], diff["columnsOnlyInHead"]) == (1, 1, ["extra"])
