"""The audit trail's read side (rows are written by ``persistence.audit`` on every write)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.api_keys import AuditEventPublic
from persistence.repositories.identity import AuditEventRepository


async def list_audit_events(
    session: AsyncSession,
    *,
    entity: str | None,
    entity_id: str | None,
    principal_id: str | None,
    since: datetime | None,
    until: datetime | None,
    after: int,
    limit: int,
) -> tuple[list[AuditEventPublic], int | None]:
    """Recorded writes after the id ``after``, oldest first, and the id to continue after (None
    on the last page)."""
    rows, next_id = await AuditEventRepository(session).list(
        entity=entity,
        entity_id=entity_id,
        principal_id=principal_id,
        since=since,
        until=until,
        after=after,
        limit=limit,
    )
    return [AuditEventPublic.model_validate(r) for r in rows], next_id
