"""Scaled copies of a job's sample inputs, generated with Spark and written as JSON lines.

At `copies` copies, every input has (sample rows x copies) rows. Row g of an input is a copy of sample
row g mod n (its template), in copy g div n, so every column keeps the sample's values, nulls, missing
fields and their correlations. Then, with the profile of sample_profile.py:
  - a key gets a new value per copy (copy 0 keeps the sample's value), so it stays unique;
  - a reference points at the same key in a copy chosen by a seeded hash, so a value that matched still
    matches (the match rate is kept) and one that did not still does not; each key keeps, on average,
    the sample's number of rows pointing at it;
  - a hot value always points at copy 0, so the one key keeps its share of the rows at every scale,
    which is the skew a Spark join feels (one task gets that share).
"""
import math
import os
from dataclasses import dataclass
from typing import Mapping

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from sample_profile import Key, SampleProfile

# Aim for part files of about this size, so that a scan has several tasks.
TARGET_FILE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class WrittenInput:
    name: str
    path: str
    rows: int
    bytes: int


def indexed(frame: DataFrame) -> DataFrame:
    """The sample with its line number as `__template` (the sample is one small file, read in order)."""
    return frame.coalesce(1).withColumn("__template", F.monotonically_increasing_id())


def key_value(value: Column, copy: Column, key: Key) -> Column:
    """The key's value in a copy: the sample's in copy 0, else a new one of the same style."""
    if key.style == "uuid":
        h = F.md5(F.concat(value, F.lit("#"), copy.cast("string")))
        fresh = F.concat_ws("-", h.substr(1, 8), h.substr(9, 4), h.substr(13, 4), h.substr(17, 4), h.substr(21, 12))
    else:
        fresh = F.concat(value, F.lit("~"), copy.cast("string"))
    return F.when(copy == 0, value).otherwise(fresh)


def scaled_frame(
    spark: SparkSession, name: str, sample: DataFrame, rows: int, copies: int, profile: SampleProfile, seed: int, files: int
) -> DataFrame:
    """`files` partitions, one part file each: range partitions are contiguous, so every run writes the same files."""
    template = indexed(sample)
    ids = spark.range(0, rows * copies, numPartitions=files).select(
        F.col("id").alias("__g"), (F.col("id") % rows).alias("__template"), (F.col("id") / rows).cast("long").alias("__copy")
    )
    joined = ids.join(F.broadcast(template), "__template")
    copy = F.col("__copy")
    columns = []
    for column in sample.columns:
        c = F.col(column)
        if (name, column) in profile.keys:
            c = key_value(c, copy, profile.keys[(name, column)])
        elif (name, column) in profile.references:
            ref = profile.references[(name, column)]
            spread = F.pmod(F.xxhash64(F.lit(seed), F.lit(name), F.lit(column), F.col("__g")), F.lit(copies))
            target_copy = F.when(c.isin(*ref.hot_values), F.lit(0)).otherwise(spread) if ref.hot_values else spread
            c = key_value(c, target_copy, ref.target)
        columns.append(c.alias(column))
    return joined.select(*columns)


def write_scaled_inputs(
    spark: SparkSession, samples: Mapping[str, DataFrame], sample_bytes: Mapping[str, int], targets: Mapping[str, str],
    copies: int, profile: SampleProfile, seed: int,
) -> list[WrittenInput]:
    written = []
    for name, sample in samples.items():
        rows = profile.rows[name]
        files = max(spark.sparkContext.defaultParallelism, math.ceil(sample_bytes[name] * copies / TARGET_FILE_BYTES))
        frame = scaled_frame(spark, name, sample, rows, copies, profile, seed, files)
        frame.write.mode("overwrite").json(targets[name])
        written.append(WrittenInput(name, targets[name], rows * copies, folder_bytes(targets[name])))
    return written


def folder_bytes(path: str) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files if not f.startswith((".", "_")))
    return total
