"""A batch's lookup of its ``(source, external_id)`` pairs probes the unique index once per
pair whatever the table's statistics say, never reading the whole ``check_ins`` table: as a plain
join, with statistics taken while the table was small, PostgreSQL chose a hash join over a
sequential scan, and every batch grew slower with the history (bench/ingest.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from persistence.repositories.check_ins import _EXTERNALS
from tests.conftest import Actor, MakeActor
from tests.support.builders import agreed_of, make_team

pytestmark = pytest.mark.parametrize(
    "database", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
"""A plan of PostgreSQL's (SQLite looks the pairs up in chunks of ``IN`` lists)."""

YEAR = {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
POINTS = 20_000


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(node for child in plan.get("Plans", []) for node in _nodes(child))]


async def test_the_pairs_of_a_batch_are_probed_in_the_index(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    team = await make_team(admin, make_actor)
    agreed = await agreed_of(team, admin, state="active", **YEAR)
    kr = agreed["key_results"][0]["id"]
    async with app.state.session_factory() as session, session.begin():
        # Statistics taken while the table was empty, as after a fresh start or before the
        # autovacuum's next look: the planner believes the table holds nothing.
        await session.execute(text("ANALYZE check_ins"))
    async with app.state.session_factory() as session, session.begin():
        await session.execute(
            text(
                "INSERT INTO check_ins (id, created_at, updated_at, key_result_id, value,"
                " observed_at, received_at, source, external_id, note)"
                " SELECT md5(n::text), now(), now(), :kr, n, now(), now(), 'hr', 'e' || n,"
                " repeat('x', 200) FROM generate_series(1, :points) AS n"
            ),
            {"kr": kr, "points": POINTS},
        )
    pushed = [("hr", f"e{n}") for n in range(POINTS // 2, POINTS // 2 + 1000)]
    compiled = _EXTERNALS.compile(dialect=app.state.engine.dialect)
    params = {"sources": [s for s, _ in pushed], "external_ids": [e for _, e in pushed]}
    async with app.state.session_factory() as session, session.begin():
        connection = await session.connection()
        found = (await connection.execute(_EXTERNALS, params)).all()
        explained = await connection.exec_driver_sql(
            f"EXPLAIN (FORMAT JSON) {compiled}",
            tuple(
                params.get(name, compiled.params.get(name)) for name in compiled.positiontup or ()
            ),
        )
        answer = explained.scalar_one()
        plan = (json.loads(answer) if isinstance(answer, str) else answer)[0]["Plan"]

    assert len(found) == 1000
    nodes = _nodes(plan)
    on_check_ins = [n for n in nodes if n.get("Relation Name") == "check_ins"]
    assert on_check_ins, plan
    assert all(n["Node Type"] == "Index Scan" for n in on_check_ins), plan
    assert not any(n["Node Type"] == "Hash Join" for n in nodes), plan
