"""Puts the project's sample data where the config's jobs read it, in the emulator's S3.

    .venv/bin/python seed_sample_data.py < plan.json      (AWS_* of an administrator of the data's account)

plan.json: {"buckets": [{"name", "region"}], "objects": [{"bucket", "key", "file"}]}. Each bucket is
created unless it exists, with a policy that lets anyone read it, as the public data sets' buckets
(s3://awsglue-datasets) do on AWS: a job role of any account may then read it where its own policies
allow. Prints one JSON line: {"buckets": N created, "objects": N put, "bytes": N}.
"""

from __future__ import annotations

import json
import sys

import boto3
from botocore.config import Config


def public_read_policy(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"},
                {"Sid": "PublicList", "Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{bucket}"},
            ],
        }
    )


def main() -> int:
    plan = json.load(sys.stdin)
    created = put = size = 0
    for bucket in plan["buckets"]:
        s3 = boto3.client("s3", region_name=bucket["region"], config=Config(s3={"addressing_style": "path"}))
        existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
        if bucket["name"] in existing:
            continue
        location = {} if bucket["region"] == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": bucket["region"]}}
        s3.create_bucket(Bucket=bucket["name"], **location)
        s3.put_bucket_policy(Bucket=bucket["name"], Policy=public_read_policy(bucket["name"]))
        created += 1
    s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}))
    for item in plan["objects"]:
        with open(item["file"], "rb") as body:
            data = body.read()
        s3.put_object(Bucket=item["bucket"], Key=item["key"], Body=data)
        put += 1
        size += len(data)
    print(json.dumps({"buckets": created, "objects": put, "bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
