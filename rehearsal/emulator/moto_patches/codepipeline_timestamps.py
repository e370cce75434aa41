"""Gap codepipeline-iso-timestamps: CodePipeline speaks AWS JSON 1.1, whose timestamps are epoch seconds
(numbers). moto writes ISO-8601 strings in GetPipeline's metadata (created, updated), ListPipelines and
the executions, and the Terraform AWS provider's Go SDK refuses to decode them. Here moto's CodePipeline
model writes epoch seconds instead.
"""

from __future__ import annotations

import datetime
from typing import Any


def epoch_seconds(value: datetime.datetime) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.timezone.utc)
    return round(value.timestamp(), 3)


def apply(**_: Any) -> None:
    import moto.codepipeline.models as models

    models.iso_8601_datetime_with_milliseconds = epoch_seconds  # type: ignore[assignment]
