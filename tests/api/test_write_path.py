"""Probe."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event

from tests.api.test_objectives import make_cycle, make_objective, make_team, post_ok, ready_objective
from tests.conftest import Actor, MakeActor


@contextmanager
def _counting(app: FastAPI) -> Iterator[list[str]]:
    statements: list[str] = []
    engine = app.state.engine.sync_engine

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def test_probe(app: FastAPI, admin: Actor, make_actor: MakeActor) -> None:
    team = await make_team(admin, make_actor)
    cycle = await make_cycle(admin.client)
    objective = await ready_objective(team.member.client, cycle["id"], team.member.id)
    oid = objective["id"]
    kr = objective
    with _counting(app) as s:
        await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)
    print("SUBMIT", len(s)); print("\n---\n".join(s))
    with _counting(app) as s:
        await post_ok(team.manager.client, f"/v1/objectives/{oid}/approve", None, 200)
    print("APPROVE", len(s)); print("\n---\n".join(s))
    krs = (await admin.client.get(f"/v1/objectives/{oid}")).json()["key_results"]
    with _counting(app) as s:
        r = await team.member.client.patch(f"/v1/key-results/{krs[0]['id']}", json={"unit": "EUR"})
        assert r.status_code == 200, r.text
    print("KRPATCH", len(s)); print("\n---\n".join(s))
