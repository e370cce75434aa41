"""Patches to moto for the rehearsal, one gap each. Every module has a docstring naming the gap it
handles (it matches an entry of emulator-gaps.ts) and an apply() that installs it. PATCHES lists them
in the order they are applied. apply_all hands each the launcher's settings; a patch takes those it needs.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from moto_patches import (
    bucket_policy_conditions,
    codebuild_delete_by_arn,
    codebuild_pipeline_source,
    codebuild_project_updates,
    codebuild_report_groups,
    codebuild_webhooks,
    codepipeline_timestamps,
    events_input_transformer,
    events_sns_targets,
    glue_data_quality_events,
    glue_data_quality_rulesets,
    glue_job_runs,
    glue_job_updates,
    glue_state_change_events,
    glue_workflow_runs,
    iam_enforcement,
    s3_delete_objects_per_key,
    s3_list_deleted_prefixes,
)

# The order of application (enforcement first), which is not the imports' alphabetical order: both lists are kept.
PATCHES: list[ModuleType] = [
    iam_enforcement,
    bucket_policy_conditions,
    codebuild_delete_by_arn,
    codebuild_pipeline_source,
    codebuild_project_updates,
    codebuild_report_groups,
    codebuild_webhooks,
    codepipeline_timestamps,
    events_input_transformer,
    events_sns_targets,
    glue_data_quality_events,
    glue_data_quality_rulesets,
    glue_job_runs,
    glue_job_updates,
    glue_state_change_events,
    glue_workflow_runs,
    s3_delete_objects_per_key,
    s3_list_deleted_prefixes,
]


def apply_all(admin_role_name: str, **settings: Any) -> list[str]:
    """Installs every patch; returns their module names."""
    for patch in PATCHES:
        patch.apply(admin_role_name=admin_role_name, **settings)
    return [patch.__name__.rsplit(".", 1)[-1] for patch in PATCHES]
