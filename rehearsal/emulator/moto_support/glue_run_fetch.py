"""Glue's fetch of a job run's code: its script (ScriptLocation) and its `--extra-py-files`, read from S3
with the run's own credentials, as Glue reads them as the job's role before the script starts.

The job's data is not fetched: the script's Spark reads and writes it in S3 through S3A
(glue_run_s3a.py). Every request is signed with the run's credentials over the emulator's https
endpoint, so the IAM enforcement judges and the call recorder records each one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from moto_support.glue_run_spec import S3_URI


class FetchError(Exception):
    """A file of the run could not be read; the message names it and S3's answer."""


def _describe(error: Exception) -> str:
    response = getattr(error, "response", None)
    if isinstance(response, dict) and "Error" in response:
        return f"{response['Error'].get('Code')}: {response['Error'].get('Message') or 'no message'}"
    return str(error)


def fetch_object(s3: Any, uri: str, into: Path) -> Path:
    """One object, as `<into>/<its file name>`; `s3` is a boto3 S3 client with the run's credentials."""
    match = S3_URI.match(uri)
    if not match or not match.group(2):
        raise FetchError(f"{uri} is not an s3://bucket/key location")
    bucket, key = match.group(1), match.group(2)
    target = into / os.path.basename(key)
    try:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except Exception as error:  # botocore's ClientError and connection errors alike
        raise FetchError(f"cannot read s3://{bucket}/{key}: {_describe(error)}") from error
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)
    return target
