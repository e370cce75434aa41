"""Gap codebuild-webhooks: moto does not implement CodeBuild's CreateWebhook, UpdateWebhook and
DeleteWebhook (HTTP 500), so a codestar source's pull-request check (an aws_codebuild_webhook) cannot be
applied. Here a project keeps its webhook as the CodeBuild API Reference describes it
(https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Webhook.html): CreateWebhook, only for a
project whose source is GitHub, GitHub Enterprise, Bitbucket or GitLab and only once
(ResourceAlreadyExistsException), answers the webhook with its url and payloadUrl; UpdateWebhook changes
its filter groups, build type and pull request build policy; DeleteWebhook removes it; BatchGetProjects
shows it as the project's `webhook`, which is where the Terraform provider reads it back. No events reach
it: the rehearsal starts the check as the webhook would (rehearsal/pipeline-definition.ts).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

#: Source types a webhook can be attached to (CreateWebhook: "the source code is stored in GitHub, GitHub
#: Enterprise, GitLab, GitLab Self Managed, or Bitbucket").
WEBHOOK_SOURCES = {"GITHUB", "GITHUB_ENTERPRISE", "BITBUCKET", "GITLAB", "GITLAB_SELF_MANAGED"}

#: Request fields CreateWebhook and UpdateWebhook keep on the webhook as given.
KEPT = ("branchFilter", "filterGroups", "buildType", "manualCreation", "scopeConfiguration", "pullRequestBuildPolicy")


def _hook_url(source: dict[str, Any], hook_id: int) -> str:
    """Where the repository host keeps the hook: its repository's hooks API (GitHub's shape)."""
    location = str(source.get("location", "")).removesuffix(".git")
    repository = "/".join(location.split("/")[-2:])
    return f"https://api.github.com/repos/{repository}/hooks/{hook_id}"


def apply(**_: Any) -> None:
    from moto.codebuild.exceptions import InvalidInputException, ResourceAlreadyExistsException, ResourceNotFoundException
    from moto.codebuild.responses import CodeBuildResponse
    from moto.core.responses import ActionResult, EmptyResult

    def project_of(self: CodeBuildResponse) -> Any:
        name = self._get_param("projectName")
        project = self.codebuild_backend.codebuild_projects.get(name)
        if project is None:
            raise ResourceNotFoundException(f"Project cannot be found: {name}")
        return project

    def create_webhook(self: CodeBuildResponse) -> Any:
        project = project_of(self)
        metadata = project.project_metadata
        source = metadata.get("source") or {}
        if source.get("type") not in WEBHOOK_SOURCES:
            raise InvalidInputException(f"Webhooks are only supported for GitHub, GitHub Enterprise, GitLab and Bitbucket sources; {metadata['name']} has {source.get('type')}")
        if metadata.get("webhook"):
            raise ResourceAlreadyExistsException(f"Webhook already exists for project {metadata['name']}")
        webhook = {
            "url": _hook_url(source, int(time.time() * 1000) % 10**9),
            "payloadUrl": f"https://codebuild.{self.region}.amazonaws.com/webhooks?t={uuid.uuid4()}&v=1",
            "lastModifiedSecret": time.time(),
            "status": "ACTIVE",
            **{field: self._get_param(field) for field in KEPT if self._get_param(field) is not None},
        }
        metadata["webhook"] = webhook
        return ActionResult({"webhook": webhook})

    def update_webhook(self: CodeBuildResponse) -> Any:
        metadata = project_of(self).project_metadata
        webhook = metadata.get("webhook")
        if not webhook:
            raise ResourceNotFoundException(f"Webhook not found for project {metadata['name']}")
        for field in KEPT:
            if self._get_param(field) is not None:
                webhook[field] = self._get_param(field)
        if self._get_param("rotateSecret"):
            webhook["lastModifiedSecret"] = time.time()
        return ActionResult({"webhook": webhook})

    def delete_webhook(self: CodeBuildResponse) -> Any:
        metadata = project_of(self).project_metadata
        if not metadata.pop("webhook", None):
            raise ResourceNotFoundException(f"Webhook not found for project {metadata['name']}")
        return EmptyResult()

    CodeBuildResponse.create_webhook = create_webhook  # type: ignore[attr-defined]
    CodeBuildResponse.update_webhook = update_webhook  # type: ignore[attr-defined]
    CodeBuildResponse.delete_webhook = delete_webhook  # type: ignore[attr-defined]
