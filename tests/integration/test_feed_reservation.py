"""Feed positions for check-ins: reserved under the feed lock, in commit order."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import text

from persistence.events import EVENTS_LOCK_KEY, STRIDE, reserve_check_in_positions
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
