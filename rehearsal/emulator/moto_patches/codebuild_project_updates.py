"""Gap codebuild-project-fields: CodeBuild keeps a project's encryptionKey as given and UpdateProject
changes any of its fields. moto answers every project with the default key alias/aws/s3, so Terraform
plans a change to every project on every run, and it does not implement UpdateProject (HTTP 500), so
that change cannot be applied. Here CreateProject keeps the key, and UpdateProject updates the fields it
is given.
"""

from __future__ import annotations

from typing import Any

#: UpdateProject's request fields, and where the project's description (BatchGetProjects) keeps them.
UPDATABLE = {
    "description": "description",
    "source": "source",
    "artifacts": "artifacts",
    "environment": "environment",
    "serviceRole": "serviceRole",
    "timeoutInMinutes": "timeoutInMinutes",
    "queuedTimeoutInMinutes": "queuedTimeoutInMinutes",
    "encryptionKey": "encryptionKey",
    "tags": "tags",
    "cache": "cache",
    "logsConfig": "logsConfig",
    "vpcConfig": "vpcConfig",
    "sourceVersion": "sourceVersion",
    "badgeEnabled": None,
}


def apply(**_: Any) -> None:
    from moto.codebuild.exceptions import ResourceNotFoundException
    from moto.codebuild.responses import CodeBuildResponse
    from moto.core.responses import ActionResult
    from moto.core.utils import unix_time

    original_create = CodeBuildResponse.create_project

    def create_project(self: CodeBuildResponse) -> Any:
        result = original_create(self)
        key = self._get_param("encryptionKey")
        if key:
            self.codebuild_backend.codebuild_projects[self._get_param("name")].project_metadata["encryptionKey"] = key
        return result

    def update_project(self: CodeBuildResponse) -> Any:
        name = self._get_param("name")
        project = self.codebuild_backend.codebuild_projects.get(name) or next(
            (p for p in self.codebuild_backend.codebuild_projects.values() if p.arn == name), None
        )
        if project is None:
            raise ResourceNotFoundException(f"Project cannot be found: {name}")
        metadata = project.project_metadata
        for field, kept_as in UPDATABLE.items():
            value = self._get_param(field)
            if value is None:
                continue
            if field == "badgeEnabled":
                metadata["badge"] = {"badgeEnabled": bool(value)}
            else:
                metadata[kept_as] = value
            if field == "serviceRole":
                project.service_role = value
        metadata["lastModifiedDate"] = unix_time()
        return ActionResult({"project": metadata})

    CodeBuildResponse.create_project = create_project  # type: ignore[method-assign]
    CodeBuildResponse.update_project = update_project  # type: ignore[attr-defined]
