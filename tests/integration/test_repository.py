"""The generic repository on a real database: versioned updates, pages, UTC timestamps."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from fastapi import FastAPI

from domain.errors import NotFound
from persistence.repositories.base import StaleVersion
from persistence.repositories.cycles import CycleRepository
from persistence.tables import CycleRow
from tests.conftest import Actor


def _year(name: str) -> CycleRow:
    return CycleRow(
        name=name, kind="annual", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )


async def test_concurrent_versioned_updates_cannot_both_win(app: FastAPI, admin: Actor) -> None:
    factory = app.state.session_factory
    async with factory() as session, session.begin():
        row = await CycleRepository(session).add(_year("2026"))

    async with factory() as first, factory() as second:
        mine = await CycleRepository(first).get(row.id)
        theirs = await CycleRepository(second).get(row.id)
        await CycleRepository(first).update_versioned(mine, {"name": "first"})
        await first.commit()
        with pytest.raises(StaleVersion):
            await CycleRepository(second).update_versioned(theirs, {"name": "second"})
        await second.rollback()

    async with factory() as session:
        stored = await CycleRepository(session).get(row.id)
    assert (stored.name, stored.version) == ("first", 2)


async def test_timestamps_come_back_aware_utc_and_missing_rows_are_not_found(
    app: FastAPI, admin: Actor
) -> None:
    async with app.state.session_factory() as session, session.begin():
        row = await CycleRepository(session).add(_year("2026"))

    async with app.state.session_factory() as session:
        stored = await CycleRepository(session).get(row.id)
        with pytest.raises(NotFound) as missing:
            await CycleRepository(session).get("nope")

    assert stored.created_at.tzinfo is not None
    assert stored.created_at.utcoffset() == UTC.utcoffset(None)
    assert missing.value.code == "cycle.not_found"


async def test_keyset_pages_do_not_skip_or_repeat(app: FastAPI, admin: Actor) -> None:
    async with app.state.session_factory() as session, session.begin():
        ids = {(await CycleRepository(session).add(_year(f"y{i}"))).id for i in range(7)}

    seen: list[str] = []
    after = None
    async with app.state.session_factory() as session:
        while True:
            rows, after = await CycleRepository(session).list(limit=3, after=after)
            seen += [r.id for r in rows]
            if after is None:
                break

    assert sorted(seen) == sorted(ids)
