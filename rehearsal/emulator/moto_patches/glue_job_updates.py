"""Gap glue-update-job: on AWS, UpdateJob replaces a job's whole definition with its JobUpdate (what it
leaves out goes back to Glue's default) and keeps the job's name, ARN, tags, runs and creation time.
moto does not implement it (HTTP 500), so neither Terraform's in-place update of an aws_glue_job nor a
change made by hand through the Glue API can be made. Here UpdateJob does what AWS does.
"""

from __future__ import annotations

from typing import Any

#: JobUpdate's fields, and the attribute of moto's FakeJob that keeps each, with its default when left out.
FIELDS: dict[str, tuple[str, Any]] = {
    "Description": ("description", None),
    "LogUri": ("log_uri", None),
    "Role": ("role", None),
    "ExecutionProperty": ("execution_property", {}),
    "Command": ("command", None),
    "DefaultArguments": ("default_arguments", {}),
    "NonOverridableArguments": ("non_overridable_arguments", None),
    "Connections": ("connections", None),
    "MaxRetries": ("max_retries", 0),
    "AllocatedCapacity": ("allocated_capacity", None),
    "Timeout": ("timeout", None),
    "MaxCapacity": ("max_capacity", None),
    "WorkerType": ("worker_type", None),
    "NumberOfWorkers": ("number_of_workers", None),
    "SecurityConfiguration": ("security_configuration", None),
    "NotificationProperty": ("notification_property", None),
    "GlueVersion": ("glue_version", None),
    "CodeGenConfigurationNodes": ("code_gen_configuration_nodes", None),
    "ExecutionClass": ("execution_class", "STANDARD"),
    "SourceControlDetails": ("source_control_details", None),
}


def apply(**_: Any) -> None:
    from moto.core.responses import ActionResult
    from moto.core.utils import utcnow
    from moto.glue.exceptions import InvalidInputException
    from moto.glue.responses import GlueResponse

    def update_job(self: GlueResponse) -> Any:
        name = self._get_param("JobName")
        update = self._get_param("JobUpdate")
        if not name or not isinstance(update, dict):
            raise InvalidInputException("UpdateJob", "JobName and JobUpdate are required")
        unknown = sorted(set(update) - set(FIELDS))
        if unknown:
            raise InvalidInputException("UpdateJob", f"JobUpdate has unknown fields: {', '.join(unknown)}")
        job = self.glue_backend.get_job(name)  # EntityNotFoundException when there is none
        for field, (attribute, default) in FIELDS.items():
            setattr(job, attribute, update.get(field, default))
        job.last_modified_on = utcnow()
        return ActionResult({"JobName": name})

    GlueResponse.update_job = update_job
