"""Who signed a request, read from moto's own STS and IAM state at the time of the request.

moto puts every access key, an IAM user's or one that STS AssumeRole handed out, in the IAM backend of
the account it acts in; AssumeRole puts it in the account of the role's ARN. That is how credentials from
AssumeRole into another account's role act in that account.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from moto.core import DEFAULT_ACCOUNT_ID
from moto.iam.models import iam_backends
from moto.sts.models import sts_backends
from moto.utilities.utils import PARTITION_NAMES


@dataclass(frozen=True)
class Principal:
    account_id: str
    partition: str
    #: arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, or arn:aws:iam::ACCT:user/NAME
    arn: str
    #: arn:aws:iam::ACCT:role/ROLE for an assumed role, else None
    role_arn: Optional[str]
    session_token: Optional[str] = None

    @property
    def role_name(self) -> Optional[str]:
        return self.role_arn.split("/")[-1] if self.role_arn else None


def account_of(access_key_id: Optional[str]) -> str:
    """The account moto acts in for these credentials (its default account for unknown keys)."""
    if access_key_id:
        for account_id, by_partition in list(iam_backends.items()):
            for partition in PARTITION_NAMES:
                backend = dict.get(by_partition, partition)  # never creates a backend
                if backend is not None and access_key_id in backend.access_keys:
                    return account_id
    return DEFAULT_ACCOUNT_ID


def resolve(access_key_id: Optional[str]) -> Optional[Principal]:
    """The principal of an access key moto issued or holds, or None for keys it does not know."""
    if not access_key_id:
        return None
    for account_id, by_partition in list(iam_backends.items()):
        for partition in PARTITION_NAMES:
            backend = dict.get(by_partition, partition)
            if backend is None:
                continue
            key = backend.access_keys.get(access_key_id)
            if key is None:
                continue
            if key.role_arn:
                session = _assumed_role(account_id, partition, access_key_id)
                role_name = key.role_arn.split("/")[-1]
                session_name = session.session_name if session else "unknown"
                return Principal(
                    account_id=account_id,
                    partition=partition,
                    arn=f"arn:{partition}:sts::{account_id}:assumed-role/{role_name}/{session_name}",
                    role_arn=f"arn:{partition}:iam::{account_id}:role/{role_name}",
                    session_token=session.session_token if session else None,
                )
            if key.user_name:
                return Principal(account_id, partition, f"arn:{partition}:iam::{account_id}:user/{key.user_name}", None)
    return None


def _assumed_role(account_id: str, partition: str, access_key_id: str):  # type: ignore[no-untyped-def]
    by_partition = dict.get(sts_backends, account_id)
    backend = dict.get(by_partition, partition) if by_partition is not None else None
    return backend.get_assumed_role_from_access_key(access_key_id) if backend is not None else None
