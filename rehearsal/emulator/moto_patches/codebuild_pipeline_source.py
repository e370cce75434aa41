"""Gap codebuild-codepipeline-source: CodeBuild's CreateProject takes no location for a CODEPIPELINE (or
NO_SOURCE) source, nor for CODEPIPELINE artifacts: CodePipeline hands both over. moto demands a location
for every source and every artifact type but NO_ARTIFACTS. Here its validators ask for a location only
where AWS does.
"""

from __future__ import annotations

from typing import Any

SOURCE_TYPES = ["BITBUCKET", "CODECOMMIT", "CODEPIPELINE", "GITHUB", "GITHUB_ENTERPRISE", "GITLAB", "GITLAB_SELF_MANAGED", "NO_SOURCE", "S3"]
NO_LOCATION = {"CODEPIPELINE", "NO_SOURCE", "NO_ARTIFACTS"}


def apply(**_: Any) -> None:
    import moto.codebuild.responses as responses
    from moto.codebuild.exceptions import InvalidInputException

    def validate_source(source: dict[str, Any]) -> None:
        if source.get("type") not in SOURCE_TYPES:
            raise InvalidInputException("Invalid type provided: Project source type")
        if source["type"] not in NO_LOCATION and not source.get("location"):
            raise InvalidInputException("Project source location is required")

    def validate_artifacts(artifacts: dict[str, Any]) -> None:
        if artifacts.get("type") not in ["CODEPIPELINE", "S3", "NO_ARTIFACTS"]:
            raise InvalidInputException("Invalid type provided: Artifact type")
        if artifacts["type"] == "NO_ARTIFACTS" and "location" in artifacts:
            raise InvalidInputException("Invalid artifacts: artifact type NO_ARTIFACTS should have null location")
        if artifacts["type"] not in NO_LOCATION and not artifacts.get("location"):
            raise InvalidInputException("Project artifacts location is required")

    responses._validate_required_params_source = validate_source
    responses._validate_required_params_artifacts = validate_artifacts
