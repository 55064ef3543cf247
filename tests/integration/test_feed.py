"""The change feed's check-in positions: reserved under the feed lock, in commit order, next
to the event rows of check-ins stored before positions existed."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from api.schemas.check_ins import MAX_BATCH_ITEMS
from persistence.events import (
    EVENTS_LOCK_KEY,
    STRIDE,
    record_event,
    reserve_check_in_positions,
)
from tests.conftest import Actor, Database


async def test_a_reservation_holds_the_feed_lock_until_commit(
    app: FastAPI, admin: Actor, database: Database
) -> None:
    factory = app.state.session_factory
    now = datetime.now(UTC)
    async with factory() as writer:
        async with writer.begin():
            first = await reserve_check_in_positions(writer, 3, "c-1", now)
            if database.backend == "postgres":
                async with factory() as other, other.begin():
                    try_lock = text("SELECT pg_try_advisory_xact_lock(:key)")
                    taken = (await other.execute(try_lock, {"key": EVENTS_LOCK_KEY})).scalar_one()
                assert taken is False  # another writer waits until this one commits
        async with writer.begin():
            second = await reserve_check_in_positions(writer, 1, "c-2", now)

    assert first % STRIDE == 0 and second % STRIDE == 0
    assert second >= first + STRIDE


async def test_check_ins_stored_before_feed_positions_show_through_their_event_rows(
    app: FastAPI, admin: Actor, client: httpx.AsyncClient
) -> None:
    """A database upgraded from before migration 0002 keeps one event row per old check-in (and
    a null position on the check-in): the feed shows each such check-in once, in its place."""
    before = (await client.get("/v1/events", params={"limit": 500})).json()["items"]
    async with app.state.session_factory() as session, session.begin():
        await record_event(
            session, "check_in.created", "check_in", "old-1", {"id": "old-1"}, audience="objective"
        )
        first = await reserve_check_in_positions(session, 1, "new-1", datetime.now(UTC))

    after = (
        await client.get("/v1/events", params={"after": before[-1]["cursor"], "limit": 500})
    ).json()["items"]

    assert [(e["type"], e["entity_id"]) for e in after] == [("check_in.created", "old-1")]
    assert after[0]["data"] == {"id": "old-1"}
    assert int(after[0]["cursor"]) < first  # the reservation row itself is never shown


def test_one_reservation_numbers_the_largest_batch() -> None:
    assert MAX_BATCH_ITEMS <= STRIDE
