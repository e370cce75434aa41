"""Notes the schema of every frame a job writes, as the job built it (before Parquet makes every column nullable).

`record_writes(storage)` wraps `write_parquet` and `write_table` of one import of
glue_runtime.storage; `write_output` calls them through the module, so every output a job writes
through the runtime is seen, whatever the job's own code looks like.
"""
import os
from types import ModuleType

from .contract import columns_of


def location_key(location: str) -> str:
    """A location as the recorder files it: absolute, without a trailing slash."""
    return os.path.abspath(location).rstrip(os.sep) if "://" not in location else location.rstrip("/")


def record_writes(storage: ModuleType, written: dict) -> None:
    """Wraps the module's writers so that `written[location_key(location)]` is the written frame's columns."""
    write_parquet, write_table = storage.write_parquet, storage.write_table

    def recording_write_parquet(frame, path):
        written[location_key(path)] = columns_of(frame.schema)
        return write_parquet(frame, path)

    def recording_write_table(frame, table, location):
        written[location_key(location)] = columns_of(frame.schema)
        return write_table(frame, table, location)

    storage.write_parquet = recording_write_parquet
    storage.write_table = recording_write_table
