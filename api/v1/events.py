"""``GET /v1/events``: the ordered change feed of every write."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import StringConstraints

from api.deps import PrincipalDep, SessionDep, SettingsDep
from api.errors import ApiError
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from api.schemas.events import EventPage
from api.services.events import MAX_WAIT_SECONDS, feed_page
from api.v1 import resource_router

router = resource_router("events")


AFTER_DIGITS = 18
"""Cursors are 64-bit integers (an event id times 1,000, plus a check-in's place in its batch):
18 digits always fit."""


def _position(after: str | None) -> int:
    if after is None:
        return 0
    if not (after.isascii() and after.isdigit()) or len(after) > AFTER_DIGITS:
        raise ApiError(422, "request.invalid_cursor", "the cursor is not valid", field="after")
    return int(after)


@router.get("/events", name="list_events")
async def list_events(
    session: SessionDep,
    principal: PrincipalDep,
    settings: SettingsDep,
    after: Annotated[
        str | None,
        Query(
            max_length=AFTER_DIGITS,
            description="The `cursor` of the last event you saw.",
            json_schema_extra={"pattern": f"^[0-9]{{1,{AFTER_DIGITS}}}$"},
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    type: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] | None,
        Query(max_length=50, description="Only events of these types (repeat to name several)."),
    ] = None,
    entity: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=50)]] | None,
        Query(max_length=50, description="Only events about these entities, e.g. `check_in`."),
    ] = None,
    wait: Annotated[
        float,
        Query(
            ge=0,
            le=MAX_WAIT_SECONDS,
            description="Long poll: when nothing is new, wait up to this many seconds for news.",
        ),
    ] = 0,
) -> EventPage:
    """Events after the cursor, oldest first; poll with `next_cursor` to sync incrementally.

    A long poll holds the request at most `OKR_FEED_MAX_WAIT_SECONDS` (30 by default).
    `next_cursor` is never null: the cursor of the last event returned, or your `after` when
    nothing is new; `has_more` says whether more is waiting. Cursors grow in commit order but
    are not consecutive numbers; no event is skipped or repeated, also under concurrent writers.
    The feed keeps every event (nothing is pruned), so a stored cursor stays valid."""
    return await feed_page(
        session,
        principal,
        after=_position(after),
        limit=limit,
        types=None if type is None else set(type),
        entities=None if entity is None else set(entity),
        wait=min(wait, settings.feed_max_wait_seconds),
    )
