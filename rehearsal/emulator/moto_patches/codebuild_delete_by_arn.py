"""Gap codebuild-delete-by-arn: CodeBuild's DeleteProject takes the project's name or its ARN, and the
Terraform provider sends the ARN (a project's id). moto looks the value up by name only, finds nothing,
and answers success without deleting, so the project outlives `terraform destroy`. Here an ARN is
turned into the project's name first.
"""

from __future__ import annotations

from typing import Any


def apply(**_: Any) -> None:
    from moto.codebuild.models import CodeBuildBackend

    original = CodeBuildBackend.delete_project

    def delete_project(self: Any, project_name: str) -> None:
        if project_name.startswith("arn:"):
            project_name = next(
                (name for name, project in self.codebuild_projects.items() if project.arn == project_name),
                project_name.rsplit("/", 1)[-1],
            )
        original(self, project_name)

    CodeBuildBackend.delete_project = delete_project  # type: ignore[method-assign]
