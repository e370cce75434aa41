"""Gap events-sns-targets: a rule's SNS target gets the event, as EventBridge delivers it.

AWS: a matching event goes to each target; for an SNS topic EventBridge publishes the (transformed) input
as events.amazonaws.com. The topic policy must allow sns:Publish to that principal, the request carrying
aws:SourceArn (the rule) and aws:SourceAccount ("Amazon EventBridge User Guide", "Using resource-based
policies for Amazon EventBridge: Amazon SNS permissions",
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions).
For a topic encrypted with a customer-managed key, the key policy must let EventBridge use the key, and its
request to KMS carries none of aws:SourceArn, aws:SourceAccount or aws:SourceOrgID (the table row
eventbridge-sns, judged by moto_support/service_key_use.py). A delivery either fails counts as one of the
rule's FailedInvocations, and nobody is told.

moto: Rule.send_to_targets raises NotImplementedError for an SNS target; it judges no topic or key policy.

Here: SNS targets are delivered after both judgements, with moto's own SNS publish (which delivers to the
topic's subscriptions, e.g. an SQS queue); every delivery and failure is written to the launcher's log,
and kept in DELIVERIES. A target moto does not deliver to (CodeBuild, CodePipeline) is left out with a
log line instead of failing the whole PutEvents.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import datetime, timezone
from typing import Any

from moto_patches.events_input_transformer import render
from moto_support import service_key_use
from moto_support.policy_evaluator import ALLOW, DENY, _as_list, action_matches, conditions_met
from moto_support.resources import kms_key

EVENTS_PRINCIPAL = "events.amazonaws.com"

#: (rule ARN, topic ARN, delivered, reason), in order.
DELIVERIES: list[tuple[str, str, bool, str]] = []
_deliveries_lock = threading.Lock()


def _log(line: str) -> None:
    print(f"events-sns-targets: {line}", file=sys.stderr, flush=True)


def _iso_time(event: dict[str, Any]) -> dict[str, Any]:
    """The event with its time as AWS writes it (ISO-8601, seconds); moto keeps PutEvents' epoch seconds."""
    time = event.get("time")
    if isinstance(time, (int, float)):
        return {**event, "time": datetime.fromtimestamp(float(time), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
    return event


def topic_policy_allows(policy: dict[str, Any], topic_arn: str, rule_arn: str, account: str) -> bool:
    """sns:Publish by events.amazonaws.com, with aws:SourceArn and aws:SourceAccount, by the topic policy alone."""
    context = {"aws:sourcearn": [rule_arn], "aws:sourceaccount": [account]}
    verdict = None
    for statement in _as_list(policy.get("Statement")):
        principal = statement.get("Principal")
        if not (principal == "*" or (isinstance(principal, dict) and (EVENTS_PRINCIPAL in _as_list(principal.get("Service")) or "*" in _as_list(principal.get("AWS"))))):
            continue
        if not action_matches(statement.get("Action"), "sns:Publish"):
            continue
        resources = _as_list(statement.get("Resource"))
        if resources and not any(r in ("*", topic_arn) for r in resources):
            continue
        if not conditions_met(statement.get("Condition"), context, statement.get("Effect")):
            continue
        if statement.get("Effect") == DENY:
            return False
        verdict = ALLOW
    return verdict == ALLOW


def deliver(rule: Any, target: dict[str, Any], event: dict[str, Any]) -> tuple[bool, str]:
    """Publishes the target's input to its topic if AWS would; (delivered, why)."""
    from moto.sns.models import sns_backends

    topic_arn = target["Arn"]
    _, partition, _, region, account, name = topic_arn.split(":", 5)
    backend = sns_backends[account][region]
    topic = backend.topics.get(topic_arn)
    if topic is None:
        return False, f"topic {name} does not exist"
    policy = json.loads(topic.policy) if isinstance(topic.policy, str) and topic.policy else {}
    if not topic_policy_allows(policy, topic_arn, rule.arn, rule.account_id):
        return False, f"the topic policy of {name} does not allow {EVENTS_PRINCIPAL} sns:Publish from {rule.arn}"
    if topic.kms_master_key_id:
        key = kms_key(topic.kms_master_key_id, partition, region, account)
        if key is None:
            return False, f"the key {topic.kms_master_key_id} of {name} does not exist"
        values = {"aws:SourceArn": rule.arn, "aws:SourceAccount": rule.account_id, "kms:ViaService": f"sns.{region}.amazonaws.com"}
        for action in ("kms:GenerateDataKey", "kms:Decrypt"):
            decision = service_key_use.judge(json.loads(key.policy), "eventbridge-sns", action, values)
            if not decision.allowed:
                return False, f"KMS refuses {action} on the key of {name}: {decision.reason}"
    text = render(target.get("InputTransformer"), _iso_time(event), rule.arn, rule.name)
    backend.publish(text, arn=topic_arn)
    return True, f"published to {name}"


def apply(**_: Any) -> None:
    from moto.events.models import Rule

    original = Rule.send_to_targets

    def send_to_targets(self: Any, original_event: Any, transform_input: bool = True) -> None:
        if not self.event_pattern.matches_event(original_event):
            return
        targets = list(self.targets)
        try:
            for target in targets:
                if target["Arn"].split(":")[2] == "sns":
                    delivered, reason = deliver(self, target, original_event)
                    with _deliveries_lock:
                        DELIVERIES.append((self.arn, target["Arn"], delivered, reason))
                    _log(f"{self.arn} -> {target['Arn']}: {'delivered' if delivered else 'FailedInvocations'}: {reason}")
                    continue
                self.targets = [target]
                try:
                    original(self, original_event, transform_input)
                except NotImplementedError:
                    _log(f"{self.arn} -> {target['Arn']}: not delivered, the emulator has no such target")
        finally:
            self.targets = targets

    Rule.send_to_targets = send_to_targets  # type: ignore[method-assign]
