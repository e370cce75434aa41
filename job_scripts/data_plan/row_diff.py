"""Base against head of one output, row by row on its keys, with datacompy's Spark comparison (SparkSQLCompare).

Without keys there is nothing to join rows on: the rows of each side missing from the other are
counted (`exceptAll`, duplicates kept) on the columns both share, so a changed row counts as one only
in base and one only in head, and no column's differences are counted.
"""
import json
from typing import Optional, Sequence

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

BASE, HEAD = "base", "head"
EXAMPLES = 3


def shared_columns(base: DataFrame, head: DataFrame) -> list[str]:
    """The columns both sides have with one type (maps left out: Spark cannot compare them)."""
    head_types = dict(head.dtypes)
    return [name for name, kind in base.dtypes if head_types.get(name) == kind and not kind.startswith("map<")]


def unkeyed_diff(base: DataFrame, head: DataFrame, examples: int = EXAMPLES) -> dict:
    """Rows of one side that the other lacks, on the columns both share."""
    shared = shared_columns(base, head)
    only_base = base.select(*shared).exceptAll(head.select(*shared))
    only_head = head.select(*shared).exceptAll(base.select(*shared))
    return {
        "keys": [],
        "keyed": False,
        "comparedColumns": shared,
        "rowsBase": base.count(),
        "rowsHead": head.count(),
        "rowsOnlyInBase": only_base.count(),
        "rowsOnlyInHead": only_head.count(),
        "columnsOnlyInBase": sorted(set(base.columns) - set(head.columns)),
        "columnsOnlyInHead": sorted(set(head.columns) - set(base.columns)),
        "examples": {"onlyInBase": _rows(only_base, [], examples), "onlyInHead": _rows(only_head, [], examples), "changed": []},
    }


# datacompy 1.1.0's Spark comparison casts every column to double for its largest difference, which Spark
# refuses for dates and timestamps; compared as their ISO text, equal values stay equal.
_AS_TEXT = ("date", "timestamp", "timestamp_ntz")


def _dates_as_text(frame: DataFrame) -> DataFrame:
    casts = {name: F.col(f"`{name}`").cast("string") for name, kind in frame.dtypes if kind in _AS_TEXT}
    return frame.withColumns(casts) if casts else frame


def row_diff(spark: SparkSession, base: DataFrame, head: DataFrame, keys: Optional[Sequence[str]], examples: int = EXAMPLES) -> dict:
    """Counts of rows only in base, only in head, changed and matched; per column how many differ; a few examples."""
    from datacompy.spark import SparkSQLCompare  # the driver's own dependency, not the jobs'

    if not keys:
        return unkeyed_diff(base, head, examples)
    on = list(keys)
    missing = [key for key in on if key not in base.columns or key not in head.columns]
    if missing:
        return {"keys": on, "keyed": True, "error": f"key column(s) {', '.join(missing)} missing on one side; rows not compared"}
    base, head = _dates_as_text(base), _dates_as_text(head)
    compare = SparkSQLCompare(spark, base, head, join_columns=on, df1_name=BASE, df2_name=HEAD, cast_column_names_lower=False)
    intersect = compare.intersect_rows.count()
    matched = compare.count_matching_rows()
    columns = [
        {"column": stat["column"], "differing": int(stat["unequal_cnt"])}
        for stat in compare.column_stats
        if stat["column"] not in on and stat["unequal_cnt"] > 0
    ]
    changed_examples = []
    if intersect > matched:
        differing = [c["column"] for c in columns]
        mismatch = F.lit(False)
        for column in differing:
            mismatch = mismatch | ~F.col(f"{column}_match")
        rows = compare.intersect_rows.filter(mismatch).limit(examples).collect()
        changed_examples = [
            {
                # datacompy keeps the join columns of intersecting rows under the first side's suffix.
                "keys": {key: _plain(row[f"{key}_{BASE}"]) for key in on},
                "changes": {c: {BASE: _plain(row[f"{c}_{BASE}"]), HEAD: _plain(row[f"{c}_{HEAD}"])} for c in differing if not row[f"{c}_match"]},
            }
            for row in rows
        ]
    return {
        "keys": on,
        "keyed": True,
        "rowsBase": base.count(),
        "rowsHead": head.count(),
        "rowsOnlyInBase": compare.df1_unq_rows.count(),
        "rowsOnlyInHead": compare.df2_unq_rows.count(),
        "rowsChanged": intersect - matched,
        "rowsMatched": matched,
        "columnsOnlyInBase": sorted(compare.df1_unq_columns()),
        "columnsOnlyInHead": sorted(compare.df2_unq_columns()),
        "columns": columns,
        "examples": {
            "onlyInBase": _rows(compare.df1_unq_rows, on, examples),
            "onlyInHead": _rows(compare.df2_unq_rows, on, examples),
            "changed": changed_examples,
        },
    }


def _rows(frame: DataFrame, keys: Sequence[str], limit: int) -> list[dict]:
    """A few rows, keys first; datacompy suffixes the columns of one side's rows with its name."""
    out = []
    for row in frame.limit(limit).collect():
        values = {name.removesuffix(f"_{BASE}").removesuffix(f"_{HEAD}"): _plain(value) for name, value in row.asDict(recursive=True).items() if not name.startswith("_")}
        out.append({**{k: values[k] for k in keys if k in values}, **{k: v for k, v in values.items() if k not in keys}})
    return out


def _plain(value):
    """A value JSON can carry: dates and decimals as text, nested rows as objects."""
    if hasattr(value, "asDict"):
        value = value.asDict(recursive=True)
    return json.loads(json.dumps(value, default=str))
