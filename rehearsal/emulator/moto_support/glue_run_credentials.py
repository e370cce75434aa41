"""The credentials a Glue job run acts with: a session of the job's role, which Glue (the service
glue.amazonaws.com) assumes for each run. Every S3 request of the run is then signed with them, so the
launcher's IAM enforcement judges it against the job role's policies, boundary, bucket policies and
key policies, as AWS would.

Glue may assume the role only if it exists and its trust policy lets glue.amazonaws.com assume it,
with the request's aws:SourceAccount and aws:SourceArn (the job's account and ARN) meeting its
conditions; otherwise the run fails, as on AWS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from moto_support.backend_lock import BACKENDS
from moto_support.policy_evaluator import ALLOW, DENY, action_matches, conditions_met
from moto_support.request_facts import role_or_none

GLUE_SERVICE = "glue.amazonaws.com"
#: The session name Glue uses for a job run's role session.
SESSION_NAME = "GlueJobRunnerSession"
SESSION_SECONDS = 12 * 3600


class RoleNotAssumable(Exception):
    """Glue cannot assume the job's role; the message says why."""


@dataclass(frozen=True)
class RunCredentials:
    access_key_id: str
    secret_access_key: str
    session_token: str


def _names_glue(principal: Any) -> bool:
    if not isinstance(principal, dict):
        return principal == "*"
    services = principal.get("Service", [])
    return GLUE_SERVICE in (services if isinstance(services, list) else [services])


def trust_verdict(trust: dict[str, Any], context: dict[str, list[str]]) -> Optional[str]:
    """Allow, Deny or None: what the trust policy says of glue.amazonaws.com assuming the role."""
    verdict = None
    statements = trust.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        if not action_matches(statement.get("Action"), "sts:AssumeRole") or not _names_glue(statement.get("Principal")):
            continue
        if not conditions_met(statement.get("Condition"), context, statement.get("Effect", "")):
            continue
        if statement.get("Effect") == DENY:
            return DENY
        verdict = ALLOW
    return verdict


def assume_job_role(role_arn: str, job_arn: str, region: str) -> RunCredentials:
    """A session of the job's role, made in moto's STS as Glue's AssumeRole would."""
    from moto.sts.models import sts_backends

    from moto_patches.iam_enforcement import _document

    parts = role_arn.split(":")
    if len(parts) < 6 or not parts[5].startswith("role/"):
        raise RoleNotAssumable(f"the job's role {role_arn!r} is not a role ARN")
    partition, account = parts[1], parts[4]
    role = role_or_none(account, partition, parts[5].split("/")[-1])
    if role is None:
        raise RoleNotAssumable(f"the job's role {role_arn} does not exist")
    job_account = job_arn.split(":")[4]
    context = {"aws:sourceaccount": [job_account], "aws:sourcearn": [job_arn]}
    if trust_verdict(_document(role.assume_role_policy_document), context) != ALLOW:
        raise RoleNotAssumable(f"the trust policy of {role_arn} does not let {GLUE_SERVICE} assume it for {job_arn}")
    with BACKENDS:  # a run's own thread, not a request's
        session = sts_backends[account][partition].assume_role(
            region_name=region,
            role_session_name=SESSION_NAME,
            role_arn=role_arn,
            policy=None,
            duration=SESSION_SECONDS,
            external_id=None,
        )
    return RunCredentials(session.access_key_id, session.secret_access_key, session.session_token)
