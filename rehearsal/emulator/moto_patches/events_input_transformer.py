"""Gap events-input-transformer: EventBridge's input transformer as its guide describes it.

AWS ("Amazon EventBridge input transformation", https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html):
each variable of InputPathsMap takes the value at its JSON path; the InputTemplate gets each <variable>
replaced by its value, unescaped ("EventBridge doesn't escape values extracted by Input Path"); a variable
whose path is not in the event is not created, so nothing stands in its place; the predefined variables
aws.events.rule-arn, aws.events.rule-name, aws.events.event.ingestion-time, aws.events.event and
aws.events.event.json are there too. The template need not be JSON: a plain-text template reaches the
target as that text.

moto (EventTemplateParser.parse): json.loads the result, so a plain-text template raises and a value with
a quote or a newline breaks the JSON; a missing path leaves "<variable>" in the text; no rule variables.

Here render() does what AWS does and returns the text; moto's parse is kept for its own targets but
falls back to the text when the result is not JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional

_PLACEHOLDER = re.compile(r"<([A-Za-z0-9_.\-]+)>")


def _value_at(path: str, event: dict[str, Any]) -> tuple[bool, Any]:
    """(found, value) of a `$.a.b[0]` path; the dot, dash, underscore and index forms the guide lists."""
    if path == "$":
        return True, event
    current: Any = event
    for part in re.findall(r"\.([^.\[\]]+)|\[(\d+)\]", path[1:] if path.startswith("$") else path):
        name, index = part
        if name:
            if not isinstance(current, dict) or name not in current:
                return False, None
            current = current[name]
        else:
            if not isinstance(current, list) or int(index) >= len(current):
                return False, None
            current = current[int(index)]
    return True, current


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, separators=(",", ":"))


def render(transformer: Optional[dict[str, Any]], event: dict[str, Any], rule_arn: str, rule_name: str) -> str:
    """The text the target receives for `event`: the transformed input, or the event as JSON when there is no transformer."""
    if not transformer or not transformer.get("InputTemplate"):
        return json.dumps(event)
    values: dict[str, str] = {}
    for name, path in (transformer.get("InputPathsMap") or {}).items():
        found, value = _value_at(path, event)
        if found:
            values[name] = _as_text(value)
    without_detail = {k: v for k, v in event.items() if k != "detail"}
    predefined = {
        "aws.events.rule-arn": rule_arn,
        "aws.events.rule-name": rule_name,
        "aws.events.event.ingestion-time": _as_text(event.get("ingestion-time", event.get("time", ""))),
        "aws.events.event": json.dumps(without_detail),
        "aws.events.event.json": json.dumps(event),
    }
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), predefined.get(m.group(1), "")), transformer["InputTemplate"])


def apply(**_: Any) -> None:
    from moto.events import utils

    original = utils.EventTemplateParser.parse

    def parse(input_template: str, input_paths_map: dict[str, Any], event: Any) -> Any:
        try:
            return original(input_template, input_paths_map, event)
        except ValueError:
            # A plain-text template: the text, as AWS delivers it.
            return render({"InputTemplate": input_template, "InputPathsMap": input_paths_map}, event, "", "")

    utils.EventTemplateParser.parse = staticmethod(parse)  # type: ignore[method-assign]
