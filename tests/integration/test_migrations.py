"""The migrations build the schema the tables describe, on both backends."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, column, inspect, table, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.expression import TableClause

from persistence import migrate
from persistence.db import create_engine
from persistence.types import UTCDateTime
from tests.conftest import BACKENDS, Database, create_database


async def test_alembic_check_finds_no_drift(database: Database) -> None:
    await migrate.check(database.url)


@pytest.mark.parametrize("backend", BACKENDS)
async def test_downgrade_to_base_and_upgrade_again(backend: str, tmp_path: Path) -> None:
    async for db in create_database(backend, tmp_path):
        await migrate.downgrade(db.url, "base")
        engine = create_engine(db.url)
        async with engine.connect() as conn:
            after_down = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await migrate.upgrade(db.url)
        async with engine.connect() as conn:
            after_up = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await engine.dispose()

        assert after_down <= {"alembic_version"}
        assert {"cycles", "objectives", "key_results", "events", "person_tokens"} <= after_up


@pytest.mark.parametrize("backend", BACKENDS)
async def test_events_of_before_0004_get_their_audience_and_lose_credential_fields(
    backend: str, tmp_path: Path
) -> None:
    async for db in create_database(backend, tmp_path):
        await migrate.downgrade(db.url, "0002")
        engine = create_engine(db.url)
        now = datetime(2026, 1, 1, tzinfo=UTC)
        stamps = {"created_at": now, "updated_at": now}
        async with engine.begin() as conn:
            await conn.execute(
                _table("cycles", "id", "name", "kind", "state", "version").insert(),
                {"id": "c1", "name": "Q", "kind": "quarterly", "state": "active", "version": 1}
                | {"starts_on": date(2026, 1, 1), "ends_on": date(2026, 3, 31)}
                | stamps,
            )
            await conn.execute(
                _table("objectives", "id", "cycle_id", "owner_type", "owner_id", "title").insert(),
                {"id": "o1", "cycle_id": "c1", "owner_type": "person", "owner_id": "p1"}
                | {"title": "T", "description": "", "origin": "bottom_up", "state": "draft"}
                | {"version": 1}
                | stamps,
            )
            await conn.execute(
                _table("key_results", "id", "objective_id", "title", "kind").insert(),
                {"id": "k1", "objective_id": "o1", "title": "K", "kind": "numeric"}
                | {"start_value": 0, "target_value": 10, "current_value": 0, "weight": 100}
                | {"position": 0, "done": False, "score": 0, "version": 1}
                | stamps,
            )
            events = [
                ("objective", "o1", {}),
                ("key_result", "k1", {"objective_id": "o1"}),
                ("initiative", "i1", {"key_result_id": "k1"}),
                ("initiative", "i2", {"key_result_id": "gone"}),
                ("dependency", "d1", {"from_key_result_id": "k1", "to_objective_id": "o9"}),
                ("alignment", "a1", {"child_objective_id": "o1", "parent_objective_id": "o2"}),
                ("review", "r1", {"objective_id": "o1"}),
                ("cycle", "c1", {}),
                ("token", "t1", {"name": "x", "prefix": "abc123"}),
                ("something_new", "s1", {}),
            ]
            for entity, entity_id, data in events:
                await conn.execute(
                    _table("events", "type", "entity", "entity_id").insert(),
                    {"type": f"{entity}.created", "entity": entity, "entity_id": entity_id}
                    | {"data": data, "occurred_at": now}
                    | stamps,
                )
        await migrate.upgrade(db.url)
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT entity_id, audience, objective_id, related_objective_id,"
                        f" {'CAST(data AS TEXT)' if backend == 'postgres' else 'data'}"
                        " FROM events ORDER BY id"
                    )
                )
            ).all()
        await engine.dispose()

        got = {r[0]: (r[1], r[2], r[3]) for r in rows}
        assert got == {
            "o1": ("objective", "o1", None),
            "k1": ("objective", "o1", None),
            "i1": ("objective", "o1", None),
            "i2": ("objective", None, None),
            "d1": ("objective", "o1", "o9"),
            "a1": ("objective", "o1", "o2"),
            "r1": ("review", "o1", None),
            "c1": ("public", None, None),
            "t1": ("admin", None, None),
            "s1": ("admin", None, None),
        }
        token_data = next(r[4] for r in rows if r[0] == "t1")
        assert json.loads(token_data) == {"name": "x"}


@pytest.mark.parametrize("backend", BACKENDS)
async def test_0011_gives_key_results_their_cycle_and_metric_keys_unique_per_cycle(
    backend: str, tmp_path: Path
) -> None:
    async for db in create_database(backend, tmp_path):
        await migrate.downgrade(db.url, "0010")
        engine = create_engine(db.url)
        now = datetime(2026, 1, 1, tzinfo=UTC)
        stamps = {"created_at": now, "updated_at": now}
        kr_table = _table("key_results", "id", "objective_id", "title", "kind", "metric_key")
        kr_values: dict[str, Any] = {
            "title": "K",
            "kind": "numeric",
            "start_value": 0,
            "target_value": 10,
        }
        kr_values |= {"current_value": 0, "weight": 100, "position": 0, "done": False}
        kr_values |= {"score": 0, "version": 1} | stamps
        async with engine.begin() as conn:
            for cycle_id, starts in (("c1", date(2026, 1, 1)), ("c2", date(2026, 4, 1))):
                await conn.execute(
                    _table("cycles", "id", "name", "kind", "state", "version").insert(),
                    {"id": cycle_id, "name": cycle_id, "kind": "quarterly", "state": "active"}
                    | {"starts_on": starts, "ends_on": starts, "version": 1}
                    | stamps,
                )
            for objective_id, cycle_id in (("o1", "c1"), ("o2", "c2")):
                await conn.execute(
                    _table(
                        "objectives", "id", "cycle_id", "owner_type", "owner_id", "title"
                    ).insert(),
                    {"id": objective_id, "cycle_id": cycle_id, "owner_type": "person"}
                    | {"owner_id": "p1", "title": "T", "description": "", "origin": "bottom_up"}
                    | {"state": "draft", "version": 1}
                    | stamps,
                )
            for kr_id, objective_id, key in (("k1", "o1", "m"), ("k2", "o2", None)):
                await conn.execute(
                    kr_table.insert(),
                    {"id": kr_id, "objective_id": objective_id, "metric_key": key} | kr_values,
                )
        await migrate.upgrade(db.url)
        kr_table = _table(
            "key_results", "id", "objective_id", "cycle_id", "title", "kind", "metric_key"
        )
        async with engine.begin() as conn:
            found = await conn.execute(text("SELECT id, cycle_id FROM key_results"))
            cycles = {row[0]: row[1] for row in found}
            await conn.execute(
                kr_table.insert(),
                {"id": "k3", "objective_id": "o2", "cycle_id": "c2", "metric_key": "m"} | kr_values,
            )
        with pytest.raises(IntegrityError):
            async with engine.begin() as conn:
                await conn.execute(
                    kr_table.insert(),
                    {"id": "k4", "objective_id": "o1", "cycle_id": "c1", "metric_key": "m"}
                    | kr_values,
                )
        await engine.dispose()

        assert cycles == {"k1": "c1", "k2": "c2"}


_TYPES: dict[str, Any] = {
    "starts_on": Date(),
    "ends_on": Date(),
    "data": JSON(),
    "occurred_at": UTCDateTime(),
    "created_at": UTCDateTime(),
    "updated_at": UTCDateTime(),
    "done": Boolean(),
}


def _table(name: str, *columns: str) -> TableClause:
    """A bare table of the named columns and the typed ones above (no defaults of today's
    tables, so an insert writes exactly what the old schema had)."""
    extra = {
        "cycles": ["starts_on", "ends_on"],
        "objectives": ["description", "origin", "state", "version"],
        "key_results": ["start_value", "target_value", "current_value", "weight", "position"]
        + ["done", "score", "version"],
        "events": ["data", "occurred_at"],
    }[name]
    names = [*columns, *extra, "created_at", "updated_at"]
    return table(name, *(column(n, _TYPES.get(n)) for n in names))
