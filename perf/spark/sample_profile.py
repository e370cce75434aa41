"""What the scaled data must keep from a job's sample inputs: unique keys, references between tables, hot keys.

The sample is a few rows, so every figure here is read from all of it with Spark aggregates; nothing is
assumed from column names. A column is
  - a *key* when it is a top-level string, never null, and distinct on every row (of at least 2 rows),
    and not a date or a year (eight distinct birth dates are a coincidence of a small sample, not a key);
  - a *reference* to a key of another input when at least one of its values is one of that key's values
    (e.g. memberships.person_id -> persons.id); its *match rate* is the share of its non-null values
    that are such a key;
  - *hot* (a skewed reference value) when one referenced key holds at least HOT_SHARE of the column's
    non-null values and at least 2 of them (the sample's House holds 7 of 11 memberships).
"""
from dataclasses import dataclass, field
from typing import Mapping

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StringType

HOT_SHARE = 0.25
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


@dataclass(frozen=True)
class Key:
    table: str
    column: str
    # "uuid" when every sample value is a UUID, so that generated keys look like the real ones.
    style: str


@dataclass(frozen=True)
class Reference:
    table: str
    column: str
    target: Key
    match_rate: float
    hot_values: tuple[str, ...] = ()


@dataclass
class SampleProfile:
    rows: dict[str, int] = field(default_factory=dict)
    keys: dict[tuple[str, str], Key] = field(default_factory=dict)
    references: dict[tuple[str, str], Reference] = field(default_factory=dict)


def _string_columns(frame: DataFrame) -> list[str]:
    return [f.name for f in frame.schema.fields if isinstance(f.dataType, StringType)]


def profile_samples(samples: Mapping[str, DataFrame]) -> SampleProfile:
    """Keys, references and hot values of the sample inputs, by input name."""
    profile = SampleProfile()
    for table, frame in samples.items():
        columns = _string_columns(frame)
        aggregates = [F.count(F.lit(1)).alias("__rows")]
        for c in columns:
            aggregates += [
                F.count(c).alias(f"n:{c}"),
                F.countDistinct(c).alias(f"d:{c}"),
                F.min(F.col(c).rlike(UUID_PATTERN).cast("int")).alias(f"u:{c}"),
                F.max(F.col(c).rlike(DATE_PATTERN).cast("int")).alias(f"t:{c}"),
            ]
        stats = frame.agg(*aggregates).first().asDict()
        rows = stats["__rows"]
        profile.rows[table] = rows
        for c in columns:
            if rows >= 2 and stats[f"n:{c}"] == rows and stats[f"d:{c}"] == rows and stats[f"t:{c}"] != 1:
                profile.keys[(table, c)] = Key(table, c, "uuid" if stats[f"u:{c}"] == 1 else "suffix")
    for table, frame in samples.items():
        for c in _string_columns(frame):
            if (table, c) in profile.keys:
                continue
            best = _best_target(frame, table, c, samples, profile)
            if best is not None:
                profile.references[(table, c)] = best
    return profile


def _best_target(frame, table, column, samples, profile):
    values = frame.where(F.col(column).isNotNull()).select(F.col(column).alias("v"))
    total = values.count()
    if total == 0:
        return None
    best = None
    for key in profile.keys.values():
        if key.table == table:
            continue
        targets = samples[key.table].select(F.col(key.column).alias("v"))
        counts = values.join(targets, "v", "left_semi").groupBy("v").count().collect()
        matched = sum(r["count"] for r in counts)
        if matched == 0 or (best is not None and matched <= best.match_rate * total):
            continue
        hot = tuple(sorted(r["v"] for r in counts if r["count"] >= 2 and r["count"] / total >= HOT_SHARE))
        best = Reference(table, column, key, matched / total, hot)
    return best
