"""The change feed: every write appends an event in its own transaction.

Event ids are the feed's cursor. On PostgreSQL, writers take one transaction-level advisory lock
before appending, so ids become visible in the order they were assigned: a reader that has seen
id ``n`` never later finds a newly committed id below ``n``. (SQLite serialises writers anyway.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.tables import EventRow

EVENTS_LOCK_KEY = 7_340_215_001
"""The advisory lock that orders event appends on PostgreSQL."""


async def record_event(
    session: AsyncSession,
    type: str,
    entity: str,
    entity_id: str,
    data: Mapping[str, Any],
) -> EventRow:
    """Append an event (``type`` like ``cycle.activated``) in the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_LOCK_KEY})
    row = EventRow(
        type=type, entity=entity, entity_id=entity_id, data=to_jsonable_python(dict(data))
    )
    session.add(row)
    await session.flush()
    return row


async def list_events(session: AsyncSession, *, after: int, limit: int) -> list[EventRow]:
    """Events with an id above ``after``, oldest first, at most ``limit``."""
    stmt = select(EventRow).where(col(EventRow.id) > after).order_by(col(EventRow.id)).limit(limit)
    return list((await session.execute(stmt)).scalars())
