"""An output's schema as data (`[{name, type, nullable}]`), and where produced data breaks a declared one.

Types are Spark's `DataType.simpleString()`, as the config's `outputs.<name>.schema` writes them
(stacks/config/schema-output-contract.ts normalizes aliases such as `integer` to `int`). A column
declared `nullable: false` is broken by a null in the data, not by Spark's own nullable flag: a
column read from JSON is always nullable to Spark, though it may never be null.
"""
from typing import Mapping, Optional, Sequence

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql.types import StructType

Column = dict  # {"name": str, "type": str, "nullable": bool}


def columns_of(schema: StructType) -> list[Column]:
    return [{"name": f.name, "type": f.dataType.simpleString(), "nullable": f.nullable} for f in schema.fields]


def null_counts(frame: DataFrame) -> dict[str, int]:
    """How many nulls each column holds, in one pass."""
    if not frame.columns:
        return {}
    row = frame.agg(*(F.sum(F.col(f"`{c}`").isNull().cast("int")).alias(c) for c in frame.columns)).first()
    return {c: int(row[c] or 0) for c in frame.columns}


def violations(
    produced: Sequence[Column], nulls: Mapping[str, int], declared_columns: Optional[Sequence[Column]], keys: Optional[Sequence[str]] = None
) -> list[str]:
    """What the produced columns (and their null counts) break of the declared schema, one sentence each."""
    found = {c["name"]: c for c in produced}
    problems = []
    for key in keys or ():
        if key not in found:
            problems.append(f"key column {key} is not produced")
    if declared_columns is None:
        return problems
    declared = {c["name"]: c for c in declared_columns}
    for name, column in declared.items():
        if name not in found:
            problems.append(f"declares {name} ({column['type']}), which the job does not produce")
            continue
        if found[name]["type"] != column["type"]:
            problems.append(f"declares {name} as {column['type']}, the job produces {found[name]['type']}")
        if not column.get("nullable", True) and nulls.get(name, 0) > 0:
            problems.append(f"declares {name} not nullable, the job wrote {nulls[name]} null(s)")
    for name, column in found.items():
        if name not in declared:
            problems.append(f"produces {name} ({column['type']}), which the schema does not declare")
    return problems
