"""The organisation's policy: read it, change it (validated as a whole by the domain)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.policy import PolicyPublic
from api.services.events import emit
from domain.errors import check_if_match
from domain.policy import Policy
from persistence.repositories.org import PolicyRepository
from persistence.tables import PolicyRow

POLICY_ID = "default"


def _public(policy: Policy, version: int) -> PolicyPublic:
    return PolicyPublic.model_validate({**_fields(policy), "version": version})


def _fields(policy: Policy) -> dict[str, Any]:
    return {name: getattr(policy, name) for name in Policy.__dataclass_fields__}


async def current_policy(session: AsyncSession) -> tuple[Policy, int]:
    """The policy in force and its version (the defaults, version 1, until an admin changes it)."""
    row = await PolicyRepository(session).find(POLICY_ID)
    if row is None:
        return Policy(), 1
    return Policy.from_dict(row.data), row.version


async def read_policy(session: AsyncSession) -> PolicyPublic:
    """The policy as the API shows it."""
    policy, version = await current_policy(session)
    return _public(policy, version)


async def update_policy(
    session: AsyncSession, changes: Mapping[str, Any], *, if_match: str | None
) -> PolicyPublic:
    """Change policy fields; the domain refuses an inconsistent result naming every violation."""
    repo = PolicyRepository(session)
    row = await repo.find(POLICY_ID, for_update=True)
    if row is None:
        row = await repo.add(PolicyRow(id=POLICY_ID, data=Policy().as_dict(), version=1))
    check_if_match(if_match, row.version)
    policy = Policy.from_dict(row.data).changed(**changes)
    await repo.update_versioned(row, {"data": policy.as_dict()})
    public = _public(policy, row.version)
    await emit(session, "policy.updated", "policy", public, entity_id=POLICY_ID)
    return public
