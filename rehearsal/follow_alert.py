"""Follows a notice to a subscriber, as a person subscribed to the topic would receive it.

Reads a plan (JSON) on stdin: {"topicArn", "queueName", "waitSeconds", "runTimeoutSeconds", "triggers": [...]},
each trigger {"label", "kind": "glue-run", "jobName", "arguments"} or {"label", "kind": "put-event", "entry"}.
Subscribes a new SQS queue to the topic, then for each trigger in turn: starts the job run and waits for
its end (or puts the event), and collects what the queue receives in the next waitSeconds. Unsubscribes
and deletes the queue in any case. Prints one JSON line: {"results": [{"label", "runId", "state", "error",
"messages"}]}, each message the text SNS delivered ("Message" of its envelope).

With "mode": "subscribe" it only subscribes the queue and prints {"queueUrl", "subscriptionArn"}; with
"mode": "collect" (and those two) it reads the queue for waitSeconds, unsubscribes, deletes the queue and
prints {"messages"}: for a notice that another step publishes in between.

Runs with the credentials and endpoint of the environment (the account's administrator in the rehearsal).
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

import boto3

FINAL_STATES = {"SUCCEEDED", "FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED"}


def _queue_policy(queue_arn: str, topic_arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic_arn}},
                }
            ],
        }
    )


def _receive(sqs: Any, queue_url: str, seconds: float) -> list[str]:
    messages: list[str] = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        wait = max(1, min(5, int(deadline - time.monotonic())))
        answer = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait)
        for message in answer.get("Messages", []):
            body = json.loads(message["Body"])
            messages.append(body.get("Message", message["Body"]) if isinstance(body, dict) else message["Body"])
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return messages


def _run_job(glue: Any, trigger: dict[str, Any], timeout: float) -> dict[str, Any]:
    run_id = glue.start_job_run(JobName=trigger["jobName"], Arguments=trigger.get("arguments") or {})["JobRunId"]
    deadline = time.monotonic() + timeout
    while True:
        run = glue.get_job_run(JobName=trigger["jobName"], RunId=run_id)["JobRun"]
        if run["JobRunState"] in FINAL_STATES or time.monotonic() > deadline:
            return {"runId": run_id, "state": run["JobRunState"], "error": run.get("ErrorMessage")}
        time.sleep(2)


def _subscribe(sns: Any, sqs: Any, topic_arn: str, queue_name: str) -> tuple[str, str]:
    queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.set_queue_attributes(QueueUrl=queue_url, Attributes={"Policy": _queue_policy(queue_arn, topic_arn)})
    return queue_url, sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn, ReturnSubscriptionArn=True)["SubscriptionArn"]


def main() -> int:
    plan = json.load(sys.stdin)
    sns, sqs = boto3.client("sns"), boto3.client("sqs")
    if plan.get("mode") == "subscribe":
        queue_url, subscription = _subscribe(sns, sqs, plan["topicArn"], plan["queueName"])
        print(json.dumps({"queueUrl": queue_url, "subscriptionArn": subscription}))
        return 0
    if plan.get("mode") == "collect":
        try:
            messages = _receive(sqs, plan["queueUrl"], plan.get("waitSeconds", 5))
        finally:
            sns.unsubscribe(SubscriptionArn=plan["subscriptionArn"])
            sqs.delete_queue(QueueUrl=plan["queueUrl"])
        print(json.dumps({"messages": messages}))
        return 0
    queue_url = subscription = None
    results = []
    try:
        queue_url, subscription = _subscribe(sns, sqs, plan["topicArn"], plan["queueName"])
        for trigger in plan["triggers"]:
            if trigger["kind"] == "glue-run":
                outcome = _run_job(boto3.client("glue"), trigger, plan.get("runTimeoutSeconds", 900))
            else:
                answer = boto3.client("events").put_events(Entries=[trigger["entry"]])
                failed = [e for e in answer["Entries"] if e.get("ErrorCode")]
                outcome = {"runId": None, "state": "PUT", "error": json.dumps(failed) if failed else None}
            outcome["messages"] = _receive(sqs, queue_url, plan.get("waitSeconds", 10))
            results.append({"label": trigger["label"], **outcome})
    finally:
        if subscription:
            sns.unsubscribe(SubscriptionArn=subscription)
        if queue_url:
            sqs.delete_queue(QueueUrl=queue_url)
    print(json.dumps({"results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
