"""The stress test's Python clients: boto3 threads, each call signed by botocore, retries off.

    python boto3_client.py --endpoint URL --ca CA.pem --threads N --requests N --deadline SECONDS --json FILE

Half the threads act as the bootstrap keys (unenforced), half as an assumed role, so the launcher's
IAM enforcement, policy evaluation and call recorder judge every one of their calls. The mix churns
IAM (CreateRole, GetRole, ListRoles, DeleteRole: the pair that once raised "dictionary changed size
during iteration"), S3 objects, STS, KMS and Glue. Prints one JSON object of figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from typing import Any, Callable

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

BOOTSTRAP = {"aws_access_key_id": "AKIAREHEARSALBOOTSTRAP", "aws_secret_access_key": "rehearsal-bootstrap-secret"}
REGION = "us-east-1"
BUCKET = "stress-boto3"
ROLE = "stress-caller"
TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}'
GLUE_TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"glue.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
CALLER_POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["iam:CreateRole", "iam:GetRole", "iam:ListRoles", "iam:DeleteRole"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:ListBucket"], "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]},
            {"Effect": "Allow", "Action": ["kms:ListKeys", "glue:GetJobs", "sts:GetCallerIdentity"], "Resource": "*"},
        ],
    }
)
# Connection errors are what the stress test is about; botocore's own retries would hide them.
NO_RETRIES = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=30, read_timeout=120, max_pool_connections=4)


def clients(endpoint: str, ca: str, credentials: dict[str, str]) -> dict[str, Any]:
    session = boto3.session.Session(region_name=REGION, **credentials)
    make = lambda name: session.client(name, endpoint_url=endpoint, verify=ca, config=NO_RETRIES)  # noqa: E731
    return {name: make(name) for name in ("iam", "s3", "sts", "kms", "glue")}


def operations(c: dict[str, Any], worker: int) -> list[Callable[[int], Any]]:
    role = lambda i: f"stress-{worker}-{i // 4}"  # noqa: E731
    return [
        lambda i: c["iam"].create_role(RoleName=role(i), AssumeRolePolicyDocument=GLUE_TRUST),
        lambda i: c["iam"].get_role(RoleName=role(i)),
        lambda i: c["iam"].list_roles(MaxItems=100),
        lambda i: c["iam"].delete_role(RoleName=role(i)),
        lambda i: c["s3"].put_object(Bucket=BUCKET, Key=f"w{worker}/{i}", Body=b"x" * 2048),
        lambda i: c["s3"].get_object(Bucket=BUCKET, Key=f"w{worker}/{i - 1}")["Body"].read(),
        lambda i: c["s3"].list_objects_v2(Bucket=BUCKET, Prefix=f"w{worker}/", MaxKeys=50),
        lambda i: c["sts"].get_caller_identity(),
        lambda i: c["kms"].list_keys(Limit=10),
        lambda i: c["glue"].get_jobs(MaxResults=10),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--ca", required=True)
    parser.add_argument("--threads", type=int, default=12)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--deadline", type=float, default=300)
    parser.add_argument("--json")
    args = parser.parse_args(argv)

    admin = clients(args.endpoint, args.ca, BOOTSTRAP)
    admin["s3"].create_bucket(Bucket=BUCKET)
    admin["iam"].create_role(RoleName=ROLE, AssumeRolePolicyDocument=TRUST)
    admin["iam"].put_role_policy(RoleName=ROLE, PolicyName="stress", PolicyDocument=CALLER_POLICY)
    assumed = admin["sts"].assume_role(RoleArn=f"arn:aws:iam::123456789012:role/{ROLE}", RoleSessionName="stress")["Credentials"]
    role_credentials = {"aws_access_key_id": assumed["AccessKeyId"], "aws_secret_access_key": assumed["SecretAccessKey"], "aws_session_token": assumed["SessionToken"]}

    lock = threading.Lock()
    counter = {"next": 0}
    figures: dict[str, Any] = {"ok": 0, "clientErrors": 0, "http5xx": 0, "transportErrors": 0, "errors": {}}
    latencies: list[float] = []
    start = time.monotonic()

    def work(worker: int) -> None:
        ops = operations(clients(args.endpoint, args.ca, BOOTSTRAP if worker % 2 == 0 else role_credentials), worker)
        while True:
            with lock:
                counter["next"] += 1
                i = counter["next"]
            if i > args.requests or time.monotonic() - start > args.deadline:
                return
            began = time.monotonic()
            outcome = "ok"
            try:
                ops[i % len(ops)](i)
            except ClientError as error:
                status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                outcome = "http5xx" if status >= 500 else "clientErrors"
                detail = f"{status} {error.response.get('Error', {}).get('Code')}"
            except Exception as error:  # the transport: connection closed, reset, TLS, timeouts
                outcome = "transportErrors"
                detail = f"{type(error).__name__}: {str(error)[:160]}"
            with lock:
                latencies.append(time.monotonic() - began)
                figures[outcome] += 1
                if outcome in ("http5xx", "transportErrors"):
                    figures["errors"][detail] = figures["errors"].get(detail, 0) + 1

    threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    at = lambda q: round(latencies[int((len(latencies) - 1) * q)], 4) if latencies else 0  # noqa: E731
    figures.update(requests=len(latencies), seconds=round(time.monotonic() - start, 2), p50=at(0.5), p99=at(0.99), max=at(1.0))
    text = json.dumps(figures, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
