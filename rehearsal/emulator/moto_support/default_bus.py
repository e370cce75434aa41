"""An AWS service's event, put on the default event bus of an account and region as the service puts it:
each enabled rule of the bus matches it and delivers to its targets. A target that fails is only the
rule's FailedInvocations on AWS, never the sender's failure, so it is logged and the sender goes on."""

from __future__ import annotations

import sys
from typing import Any

from moto_support.backend_lock import BACKENDS


def send_to_default_bus(account_id: str, region: str, event: dict[str, Any], sender: str) -> None:
    from moto.events.models import events_backends

    with BACKENDS:
        bus = events_backends[account_id][region].event_buses.get("default")
        rules = list(bus.rules.values()) if bus is not None else []
        for rule in rules:
            if rule.state != "ENABLED":
                continue
            try:
                rule.send_to_targets(event)
            except Exception as error:  # noqa: BLE001 - see the module's docstring
                print(f"{sender}: {rule.arn}: {error!r}", file=sys.stderr, flush=True)
