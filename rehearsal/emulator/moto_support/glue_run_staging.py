"""A job run's files between the emulator's S3 and a local folder, with the run's own credentials.

Glue reads a job's script, its `--extra-py-files` and its data from S3 as the job's role, and writes
its outputs there. A run on local Spark reads and writes local files instead, so:
- the script and the libraries are downloaded before the run;
- every S3 location among the job's arguments is synced down to `<dir>/<bucket>/<key>` (the mapping
  `npm run job` uses): one object if the key names one, else every object under it (none, for an output
  not written yet);
- after the run, what changed under those copies is synced back up: new and changed files are put,
  files the run deleted are deleted (Spark replaces an output's files on overwrite). Hadoop's local
  checksum files (.*.crc) have no S3 counterpart and stay local.
Every request is signed with the run's credentials over the emulator's https endpoint, so the IAM
enforcement judges and the call recorder records each one. Uploads carry the SSE-KMS key of the job's
security configuration, as Glue's writes do.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from moto_support.glue_run_spec import S3_URI

_CHECKSUM_FILE = (".", ".crc")


class StagingError(Exception):
    """A file of the run could not be read or written; the message names it and S3's answer."""


def _split(uri: str) -> tuple[str, str]:
    match = S3_URI.match(uri)
    if not match:
        raise StagingError(f"{uri} is not an s3://bucket/key location")
    return match.group(1), match.group(2) or ""


def _stays_local(path: Path) -> bool:
    return path.name.startswith(_CHECKSUM_FILE[0]) and path.name.endswith(_CHECKSUM_FILE[1])


def _describe(error: Exception) -> str:
    response = getattr(error, "response", None)
    if isinstance(response, dict) and "Error" in response:
        return f"{response['Error'].get('Code')}: {response['Error'].get('Message') or 'no message'}"
    return str(error)


class S3Stager:
    """Stages the files of one run; `s3` is a boto3 S3 client with the run's credentials."""

    def __init__(self, s3: Any, data_dir: Path, sse_kms_key: Optional[str] = None) -> None:
        self.s3 = s3
        self.data_dir = data_dir
        self.sse_kms_key = sse_kms_key
        #: local path of each staged location -> {local file: (size, mtime_ns)} as synced down
        self._snapshots: dict[Path, dict[Path, tuple[int, int]]] = {}
        self._uris: dict[Path, str] = {}

    def download(self, uri: str, into: Path) -> Path:
        """One object, as `<into>/<its file name>`."""
        bucket, key = _split(uri)
        target = into / os.path.basename(key)
        self._get(bucket, key, target)
        return target

    def local_path(self, uri: str) -> Path:
        bucket, key = _split(uri)
        parts = [bucket, *[p for p in key.split("/") if p]]
        if any(part in (".", "..") for part in parts):
            raise StagingError(f"{uri} has a . or .. path segment, which would map outside the run's folder")
        return self.data_dir.joinpath(*parts)

    def stage(self, uri: str) -> str:
        """Syncs the location down and returns its local path (a directory keeps the URI's trailing slash)."""
        bucket, key = _split(uri)
        local = self.local_path(uri)
        keys = self._list(bucket, key)
        if key and not key.endswith("/") and key in keys:
            self._get(bucket, key, local)
            files = [local]
            shown = str(local)
        else:
            prefix = key if not key or key.endswith("/") else f"{key}/"
            files = []
            for object_key in keys:
                if object_key.startswith(prefix) and not object_key.endswith("/"):
                    target = local.joinpath(*object_key[len(prefix):].split("/"))
                    self._get(bucket, object_key, target)
                    files.append(target)
            local.mkdir(parents=True, exist_ok=True)
            shown = f"{local}{os.sep}" if uri.endswith("/") else str(local)
        self._uris[local] = uri
        self._snapshots[local] = {f: self._stamp(f) for f in files}
        return shown

    def sync_up(self) -> list[str]:
        """Puts what the run wrote under the staged locations and deletes what it removed; returns the keys changed."""
        changed: list[str] = []
        for local, before in self._snapshots.items():
            bucket, key = _split(self._uris[local])
            now = {f: self._stamp(f) for f in self._files(local)}
            for path, stamp in now.items():
                if before.get(path) != stamp:
                    object_key = key if path == local else self._key_of(key, local, path)
                    self._put(bucket, object_key, path)
                    changed.append(f"s3://{bucket}/{object_key}")
            for path in before.keys() - now.keys():
                object_key = key if path == local else self._key_of(key, local, path)
                self._call(f"cannot delete s3://{bucket}/{object_key}", self.s3.delete_object, Bucket=bucket, Key=object_key)
                changed.append(f"s3://{bucket}/{object_key}")
        return changed

    @staticmethod
    def _key_of(key: str, local: Path, path: Path) -> str:
        prefix = key if not key or key.endswith("/") else f"{key}/"
        return prefix + path.relative_to(local).as_posix()

    @staticmethod
    def _stamp(path: Path) -> tuple[int, int]:
        stat = path.stat()
        return stat.st_size, stat.st_mtime_ns

    @staticmethod
    def _files(local: Path) -> list[Path]:
        if local.is_file():
            return [local]
        if not local.is_dir():
            return []
        return [p for p in local.rglob("*") if p.is_file() and not _stays_local(p)]

    def _list(self, bucket: str, prefix: str) -> set[str]:
        keys: set[str] = set()
        paginator = self.s3.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
                keys.update(item["Key"] for item in page.get("Contents", []))
        except Exception as error:  # botocore's ClientError and connection errors alike
            raise StagingError(f"cannot list s3://{bucket}/{prefix}: {_describe(error)}") from error
        return keys

    def _get(self, bucket: str, key: str, target: Path) -> None:
        response = self._call(f"cannot read s3://{bucket}/{key}", self.s3.get_object, Bucket=bucket, Key=key)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(response["Body"].read())

    def _put(self, bucket: str, key: str, path: Path) -> None:
        encryption = {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": self.sse_kms_key} if self.sse_kms_key else {}
        self._call(f"cannot write s3://{bucket}/{key}", self.s3.put_object, Bucket=bucket, Key=key, Body=path.read_bytes(), **encryption)

    @staticmethod
    def _call(what: str, method: Any, **params: Any) -> Any:
        try:
            return method(**params)
        except Exception as error:
            raise StagingError(f"{what}: {_describe(error)}") from error
