"""Counts the rows of Parquet outputs in the emulator's S3, from the files' footers.

    .venv/bin/python count_output_rows.py s3://bucket/prefix/ [...]     (AWS_* of an administrator)

Prints one JSON object: {"<location>": {"files": N Parquet files, "rows": N}} for each location; a
location with no Parquet file under it has 0 files and 0 rows. Spark's marker files (_SUCCESS) and
anything that is not Parquet are not counted.
"""

from __future__ import annotations

import io
import json
import re
import sys

import boto3
import pyarrow.parquet as parquet
from botocore.config import Config

S3_URI = re.compile(r"^s3://([^/]+)/?(.*)$")


def count(s3, uri: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    match = S3_URI.match(uri)
    if not match:
        raise SystemExit(f"error: {uri} is not an s3://bucket/prefix location")
    bucket, prefix = match.groups()
    files = rows = 0
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            name = item["Key"].rsplit("/", 1)[-1]
            if name.startswith(("_", ".")) or not name.endswith(".parquet"):
                continue
            body = s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            rows += parquet.ParquetFile(io.BytesIO(body)).metadata.num_rows
            files += 1
    return {"files": files, "rows": rows}


def main(argv: list[str]) -> int:
    s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}))
    print(json.dumps({uri: count(s3, uri) for uri in argv}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
