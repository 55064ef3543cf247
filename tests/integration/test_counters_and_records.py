"""Rate counters and idempotency records on a real database (``persistence.limits``, the
identity repositories)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select
from sqlmodel import col

from persistence.limits import count_hit
from persistence.repositories.identity import IdempotencyRecordRepository
from persistence.tables import IdempotencyRecordRow, RateCounterRow
from tests.conftest import Actor

WINDOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _record(key: str) -> IdempotencyRecordRow:
    return IdempotencyRecordRow(
        principal="person:p1",
        key=key,
        method="POST",
        path="/v1/objectives",
        body_sha256="0" * 64,
        status_code=201,
        response_body="",
    )


async def test_hits_count_up_within_a_window_and_a_new_window_forgets_the_old(
    app: FastAPI, admin: Actor
) -> None:
    engine = app.state.counter_engine
    later = WINDOW + timedelta(minutes=1)

    counts = [
        await count_hit(engine, bucket="test", principal="p1", window_start=WINDOW)
        for _ in range(3)
    ]
    other = await count_hit(engine, bucket="test", principal="p2", window_start=WINDOW)
    fresh = await count_hit(engine, bucket="test", principal="p1", window_start=later)

    async with app.state.session_factory() as session:
        stmt = select(col(RateCounterRow.principal), col(RateCounterRow.window_start)).where(
            col(RateCounterRow.bucket) == "test"
        )
        left = sorted((await session.execute(stmt)).all())
    assert (counts, other, fresh) == ([1, 2, 3], 1, 1)
    assert [(p, w.astimezone(UTC)) for p, w in left] == [("p1", later), ("p2", WINDOW)]


async def test_a_claimed_key_is_found_with_its_answer_and_cannot_be_claimed_twice(
    app: FastAPI, admin: Actor
) -> None:
    factory = app.state.session_factory
    async with factory() as session, session.begin():
        records = IdempotencyRecordRepository(session)
        first = _record("k1")
        claimed = await records.claim(first)
        await records.answer(first, '{"id": "o1"}')

    async with factory() as session:
        again = await IdempotencyRecordRepository(session).claim(_record("k1"))
        await session.rollback()
    async with factory() as session:
        records = IdempotencyRecordRepository(session)
        found = await records.find_key("person:p1", "k1")
        missing = await records.find_key("person:p2", "k1")

    assert (claimed, again) == (True, False)
    assert found is not None and found.response_body == '{"id": "o1"}'
    assert missing is None
