"""The change feed: every write appends to it in its own transaction.

A feed entry's cursor is ``event id * STRIDE`` for a row of ``events``, and ``feed_position`` for a
check-in stored since check-ins carry one: a batch of up to ``STRIDE`` check-ins appends a single
reservation row (type ``check_in.batch``, not itself shown in the feed) and numbers its check-ins
``id * STRIDE + 0, 1, ...``. So a batch writes one small row to ``events`` instead of one row per
check-in, and the feed shows each check-in as a ``check_in.created`` entry built from the stored
row (check-ins never change once stored).

Cursors are assigned in commit order: on PostgreSQL, writers take one transaction-level advisory
lock before appending, so ids become visible in the order they were assigned: a reader that has
seen cursor ``n`` never later finds a newly committed cursor below ``n``. (SQLite serialises
writers anyway.)
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import BigInteger, bindparam, false, func, insert, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.tables import CheckInRow, EventRow
from persistence.visibility import Visibility

EVENTS_LOCK_KEY = 7_340_215_001
"""The advisory lock that orders event appends on PostgreSQL."""

STRIDE = 1000
"""Feed positions per event row: the most check-ins one reservation numbers."""

CHECK_IN_BATCH = "check_in.batch"
"""The type of a reservation row (never shown in the feed)."""

_EVENTS = EventRow.metadata.tables[EventRow.__tablename__]


async def _lock(session: AsyncSession) -> None:
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENTS_LOCK_KEY})


async def record_event(
    session: AsyncSession,
    type: str,
    entity: str,
    entity_id: str,
    data: Mapping[str, Any],
    *,
    audience: str,
    objective_id: str | None = None,
    related_objective_id: str | None = None,
) -> EventRow:
    """Append an event (``type`` like ``cycle.activated``) in the caller's transaction, with
    the audience and the objective(s) that decide who sees it (``persistence.visibility``)."""
    await _lock(session)
    row = EventRow(
        type=type,
        entity=entity,
        entity_id=entity_id,
        audience=audience,
        objective_id=objective_id,
        related_objective_id=related_objective_id,
        data=to_jsonable_python(dict(data)),
    )
    session.add(row)
    await session.flush()
    return row


async def reserve_check_in_positions(
    session: AsyncSession, count: int, first_id: str, now: datetime
) -> int:
    """Reserve feed positions for ``count`` new check-ins (the first is ``first_id``); returns
    the first position, the others follow it. Call once the transaction's other row locks are
    held (the feed lock is taken last, as every writer does)."""
    if not 0 < count <= STRIDE:
        raise ValueError(f"a reservation numbers 1 to {STRIDE} check-ins, not {count}")
    params = {"entity_id": first_id, "data": {"count": count}, "now": now}
    if session.get_bind().dialect.name == "postgresql":
        params["key"] = EVENTS_LOCK_KEY
        event_id = int((await session.execute(_LOCK_AND_RESERVE, params)).scalar_one())
    else:
        event_id = int((await session.execute(_RESERVE, params)).scalar_one())
    return event_id * STRIDE


_RESERVATION: dict[str, Any] = {
    "type": literal(CHECK_IN_BATCH, _EVENTS.c.type.type),
    "entity": literal("check_in", _EVENTS.c.entity.type),
    "entity_id": bindparam("entity_id", type_=_EVENTS.c.entity_id.type),
    "audience": literal("admin", _EVENTS.c.audience.type),
    "data": bindparam("data", type_=_EVENTS.c.data.type),
    "occurred_at": bindparam("now", type_=_EVENTS.c.occurred_at.type),
    "created_at": bindparam("now", type_=_EVENTS.c.created_at.type),
    "updated_at": bindparam("now", type_=_EVENTS.c.updated_at.type),
}
_RESERVE = insert(_EVENTS).values(**_RESERVATION).returning(_EVENTS.c.id)
_FEED_LOCK = select(func.pg_advisory_xact_lock(bindparam("key", type_=BigInteger()))).subquery(
    "feed_lock"
)
_LOCK_AND_RESERVE = (
    insert(_EVENTS)
    .from_select(list(_RESERVATION), select(*_RESERVATION.values()).select_from(_FEED_LOCK))
    .returning(_EVENTS.c.id)
)
"""PostgreSQL: the feed lock and the reservation in one statement. The row to insert comes from
the one-row subquery that takes the lock, so the lock is held before the id is drawn."""


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One entry of the feed: an event row, or a check-in shown as ``check_in.created``."""

    cursor: int
    event: EventRow | None = None
    check_in: CheckInRow | None = None


CHECK_IN_CREATED = "check_in.created"
"""The type a check-in with a feed position is shown as."""


async def list_feed(
    session: AsyncSession,
    visibility: Visibility,
    *,
    after: int,
    limit: int,
    types: Collection[str] | None = None,
    entities: Collection[str] | None = None,
) -> list[FeedEntry]:
    """The entries with a cursor above ``after`` that the viewer sees, oldest first, at most
    ``limit``; only of the given ``types`` and ``entities`` when these are given."""
    events = select(EventRow).where(
        col(EventRow.id) > after // STRIDE, col(EventRow.type) != CHECK_IN_BATCH
    )
    if (seen := visibility.event()) is not None:
        events = events.where(seen)
    if types is not None:
        events = events.where(col(EventRow.type).in_(sorted(types)))
    if entities is not None:
        events = events.where(col(EventRow.entity).in_(sorted(entities)))
    check_ins = select(CheckInRow).where(col(CheckInRow.feed_position) > after)
    if (seen := visibility.check_in()) is not None:
        check_ins = check_ins.where(seen)
    if (types is not None and CHECK_IN_CREATED not in types) or (
        entities is not None and "check_in" not in entities
    ):
        check_ins = check_ins.where(false())
    events = events.order_by(col(EventRow.id)).limit(limit)
    check_ins = check_ins.order_by(col(CheckInRow.feed_position)).limit(limit)
    entries = [
        FeedEntry(row.id * STRIDE, event=row)
        for row in await session.scalars(events)
        if row.id is not None
    ]
    entries += [
        FeedEntry(row.feed_position, check_in=row)
        for row in await session.scalars(check_ins)
        if row.feed_position is not None
    ]
    entries.sort(key=lambda entry: entry.cursor)
    return entries[:limit]


async def end_snapshot(session: AsyncSession) -> None:
    """End a reading transaction, so the next statement sees what committed since (a long poll
    between two looks; the connection goes back to the pool meanwhile). What the request wrote
    so far (only the credential's ``last_used_at`` on a read) is committed, not lost."""
    await session.commit()


async def feed_head(session: AsyncSession) -> int:
    """The highest feed position any committed (or this transaction's) row can hold: every
    entry to come has a greater cursor. Call after this transaction appended an event (so it
    holds the feed lock and every lower id has committed)."""
    top = (await session.execute(select(func.max(col(EventRow.id))))).scalar_one_or_none()
    return 0 if top is None else int(top) * STRIDE + STRIDE - 1
