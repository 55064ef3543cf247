"""The change feed: recording an answer's entity, and reading the feed."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.check_ins import CheckInPublic
from api.schemas.events import EventPage, EventPublic
from domain.access import Audience, event_audience
from persistence.events import CHECK_IN_CREATED, FeedEntry, end_snapshot, list_feed, record_event
from persistence.visibility import Visibility

MAX_WAIT_SECONDS = 30
"""The longest a long poll (``?wait=``) blocks."""

WAIT_POLL_SECONDS = 0.25
"""How often a long poll looks again while nothing is new."""


def _objectives_of(entity: str, entity_id: str, data: dict[str, Any]) -> tuple[Any, Any]:
    """The objective an event is about, and the other one for a link between two."""
    if entity == "objective":
        return entity_id, None
    if entity == "alignment":
        return data.get("child_objective_id"), data.get("parent_objective_id")
    return data.get("objective_id"), None


async def emit(
    session: AsyncSession,
    type: str,
    entity: str,
    public: BaseModel,
    *,
    entity_id: str,
    objective_id: str | None = None,
    related_objective_id: str | None = None,
) -> None:
    """Append event ``type`` carrying the entity as the API shows it, in this transaction.

    Who sees the event in the feed follows ``domain.access.event_audience``; for an event about
    an objective or what hangs under it, the objective (and the other end of a link) is taken
    from the entity when it names it, else the caller passes it."""
    data = public.model_dump(mode="json")
    audience = event_audience(entity)
    if audience in (Audience.OBJECTIVE, Audience.REVIEW) and objective_id is None:
        objective_id, related_objective_id = _objectives_of(entity, entity_id, data)
    await record_event(
        session,
        type,
        entity,
        entity_id,
        data,
        audience=audience.value,
        objective_id=objective_id,
        related_objective_id=related_objective_id,
    )


def public_entry(entry: FeedEntry) -> EventPublic:
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


async def feed_page(
    session: AsyncSession,
    principal: Principal,
    *,
    after: int,
    limit: int,
    types: Collection[str] | None = None,
    entities: Collection[str] | None = None,
    wait: float = 0,
) -> EventPage:
    """The entries after the cursor ``after`` that the caller sees, oldest first, at most
    ``limit`` (the visibility rule applied in the query), of the given types and entities.

    With ``wait`` (seconds, at most ``MAX_WAIT_SECONDS``) and nothing new, look again every
    ``WAIT_POLL_SECONDS`` until something is or the time is up. ``next_cursor`` is the cursor of
    the last entry returned, or ``after`` itself when nothing is new."""
    rule = Visibility(principal.viewer)
    deadline = time.monotonic() + min(max(wait, 0), MAX_WAIT_SECONDS)
    while True:
        entries = await list_feed(
            session, rule, after=after, limit=limit + 1, types=types, entities=entities
        )
        left = deadline - time.monotonic()
        if entries or left <= 0:
            break
        await end_snapshot(session)
        await asyncio.sleep(min(WAIT_POLL_SECONDS, left))
    items = [public_entry(entry) for entry in entries[:limit]]
    return EventPage(
        items=items,
        next_cursor=items[-1].cursor if items else str(after),
        has_more=len(entries) > limit,
    )
