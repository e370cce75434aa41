"""What the scaled data must keep from a job's sample inputs: unique keys, references between tables, hot keys.

The sample is a few rows, so every figure here is read from all of it with Spark aggregates; nothing is
assumed from column names. A column is
  - a *key* when it is a top-level string, never null, and distinct on every row (of at least 2 rows),
    and not a date or a year (eight distinct birth dates are a coincidence of a small sample, not a key);
  - a *reference* to a key of another input when at least one of its values is one of that key's values
    (e.g. memberships.person_id -> persons.id); its *match rate* is the share of its non-null values
    that are such a key;
  - *hot* (a skewed reference value) when one referenced key holds more than HOT_SHARE of the column's
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
    # The keys' values are a sample's few rows: one collect each, then one aggregate per table tests
    # every column against every key of the other inputs.
    key_values = {
        (k.table, k.column): [r[0] for r in samples[k.table].select(k.column).collect()] for k in profile.keys.values()
    }
    for table, frame in samples.items():
        candidates = [
            (c, key) for c in _string_columns(frame) if (table, c) not in profile.keys
            for key in profile.keys.values() if key.table != table
        ]
        if not candidates:
            continue
        matched = frame.agg(
            *(F.sum(F.col(c).isin(key_values[(key.table, key.column)]).cast("int")).alias(f"{i}") for i, (c, key) in enumerate(candidates)),
            *(F.count(c).alias(f"n:{c}") for c in {c for c, _ in candidates}),
        ).first().asDict()
        for i, (c, key) in enumerate(candidates):
            total, hits = matched[f"n:{c}"], matched[f"{i}"] or 0
            best = profile.references.get((table, c))
            if hits == 0 or (best is not None and hits <= best.match_rate * total):
                continue
            profile.references[(table, c)] = Reference(table, c, key, hits / total, _hot_values(frame, c, key_values[(key.table, key.column)], total))
    return profile


def _hot_values(frame: DataFrame, column: str, keys: list, total: int) -> tuple[str, ...]:
    counts = frame.where(F.col(column).isin(keys)).groupBy(column).count().collect()
    return tuple(sorted(r[0] for r in counts if r["count"] >= 2 and r["count"] / total > HOT_SHARE))
