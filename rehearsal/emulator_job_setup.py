"""Puts one stage job in the emulator the way its stack deploys it, as the stage account's administrator:
the stage's KMS key, the buckets the job writes to, its script and libraries, its security configuration,
its role (trust and least-privilege policy as synthesized) and the Glue job with its default arguments.

Reads the plan as JSON on stdin (written by rehearsal/emulator-job-run.ts); the policy names the key as
KEY_ARN, replaced by the new key's ARN. Prints {"key": <the key's ARN>}. AWS_* in the environment point
boto3 at the emulator.
"""

import json
import sys

import boto3
from botocore.config import Config


def main() -> None:
    plan = json.load(sys.stdin)
    client = lambda service: boto3.client(service, config=Config(s3={"addressing_style": "path"}))  # noqa: E731
    key = client("kms").create_key(Description="the stage key (npm run job -- --s3)")["KeyMetadata"]["Arn"]
    s3 = client("s3")
    for bucket in plan["buckets"]:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": plan["region"]})
    for item in plan["objects"]:
        with open(item["file"], "rb") as handle:
            s3.put_object(Bucket=item["bucket"], Key=item["key"], Body=handle.read())
    client("glue").create_security_configuration(
        Name=plan["securityConfiguration"], EncryptionConfiguration={"S3Encryption": [{"S3EncryptionMode": "SSE-KMS", "KmsKeyArn": key}]}
    )
    role = plan["role"]
    iam = client("iam")
    arn = iam.create_role(RoleName=role["name"], AssumeRolePolicyDocument=role["trust"])["Role"]["Arn"]
    iam.put_role_policy(RoleName=role["name"], PolicyName="least-privilege", PolicyDocument=role["policy"].replace("KEY_ARN", key))
    job = plan["job"]
    client("glue").create_job(
        Name=job["name"],
        Role=arn,
        Command={"Name": "glueetl", "ScriptLocation": job["scriptLocation"], "PythonVersion": "3"},
        DefaultArguments=job["defaultArguments"],
        GlueVersion=job["glueVersion"],
        Timeout=job["timeoutMinutes"],
        SecurityConfiguration=plan["securityConfiguration"],
    )
    print(json.dumps({"key": key}))


if __name__ == "__main__":
    main()
