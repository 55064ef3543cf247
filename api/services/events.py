"""The change feed: recording an answer's entity, and reading the feed."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.check_ins import CheckInPublic
from api.schemas.events import EventPage, EventPublic
from persistence.events import FeedEntry, list_feed, record_event

CHECK_IN_CREATED = "check_in.created"


async def emit(
    session: AsyncSession, type: str, entity: str, public: BaseModel, *, entity_id: str
) -> None:
    """Append event ``type`` carrying the entity as the API shows it, in this transaction."""
    await record_event(session, type, entity, entity_id, public.model_dump(mode="json"))


def _public(entry: FeedEntry) -> EventPublic:
    if entry.check_in is not None:
        row = entry.check_in
        return EventPublic(
            cursor=str(entry.cursor),
            type=CHECK_IN_CREATED,
            entity="check_in",
            entity_id=row.id,
            data=CheckInPublic.model_validate(row).model_dump(mode="json"),
            occurred_at=row.received_at,
        )
    assert entry.event is not None
    event = entry.event
    return EventPublic(
        cursor=str(entry.cursor),
        type=event.type,
        entity=event.entity,
        entity_id=event.entity_id,
        data=event.data,
        occurred_at=event.occurred_at,
    )


async def feed_page(session: AsyncSession, *, after: int, limit: int) -> EventPage:
    """The entries after the cursor ``after``, oldest first, at most ``limit``."""
    entries = await list_feed(session, after=after, limit=limit + 1)
    items = [_public(entry) for entry in entries[:limit]]
    more = len(entries) > limit
    return EventPage(items=items, next_cursor=items[-1].cursor if more else None)
