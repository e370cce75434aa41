"""Gap s3-list-deleted-prefixes: a listing with a delimiter names no prefix whose objects are all deleted.

AWS ("ListObjectsV2", Amazon S3 API Reference, https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html;
"Working with delete markers", Amazon S3 User Guide, https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeleteMarker.html):
in a versioned bucket a deleted object's current version is a delete marker, and ListObjects and ListObjectsV2
leave such an object out; a CommonPrefixes entry stands for the keys the listing would return below it, so a
prefix whose keys are all deleted is not listed either.

moto: leaves the deleted objects out of Contents, but builds CommonPrefixes from every key, delete markers
included. S3A then lists a "directory" it cannot stat: a second write to an output whose earlier run's
committer deleted <output>/_temporary/0/task_*/ fails in FileOutputCommitter.mergePaths with
FileNotFoundException (the stage buckets are versioned).

Here: the backend's listing keeps only the prefixes that some live (not deleted) key falls under.
"""

from __future__ import annotations

from typing import Any


def live_prefixes(keys: Any, folders: list[str], delete_marker: type) -> list[str]:
    """The folders of `folders` that some key of `keys` (name → current version) falls under and is not deleted."""
    live = [name for name, version in keys.items() if not isinstance(version, delete_marker)]
    return [folder for folder in folders if any(name.startswith(folder) for name in live)]


def apply(**_: Any) -> None:
    from moto.s3.models import FakeDeleteMarker, S3Backend

    original = S3Backend.list_objects

    def list_objects(self: Any, bucket: Any, prefix: Any, delimiter: Any, marker: Any, max_keys: Any) -> Any:
        keys, folders, truncated, next_marker = original(self, bucket, prefix, delimiter, marker, max_keys)
        if folders:
            folders = live_prefixes(bucket.keys, list(folders), FakeDeleteMarker)
        return keys, folders, truncated, next_marker

    S3Backend.list_objects = list_objects
