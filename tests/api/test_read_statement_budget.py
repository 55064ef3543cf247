"""The statement budget of the read path (issue: fast reads), on SQLite and PostgreSQL.

A GET of one objective runs at most 3 SQL statements, authentication included (a fourth, an
UPDATE, only when the token's ``last_used_at`` is due); a page of objectives, of key results or
of a KR's check-in history runs a constant number whatever its size. Each read ends its
transaction with one commit and no rollback. The answers the read path writes itself are the bytes
a validated answer model gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import event, update

from api.pagination import Page
from api.schemas.check_ins import CheckInPublic
from api.schemas.key_results import KeyResultPublic
from api.schemas.objectives import ObjectivePublic
from persistence.tables import CheckInRow, KeyResultRow, ObjectiveRow, PersonTokenRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle
from tests.support.statements import counting

CHECK_INS_PER_KR = 4


async def seed(app: FastAPI, cycle_id: str, owner_id: str, how_many: int) -> list[str]:
    """Agreed objectives with three KRs and a few check-ins each, written straight to the
    database; their ids."""
    start = datetime(2026, 1, 5, 9, tzinfo=UTC)
    async with app.state.session_factory() as session:
        objectives = [
            ObjectiveRow(
                cycle_id=cycle_id,
                owner_type="person",
                owner_id=owner_id,
                title=f"Objective {n}",
                state="agreed",
            )
            for n in range(how_many)
        ]
        session.add_all(objectives)
        await session.flush()
        krs = [
            KeyResultRow(
                objective_id=objective.id,
                position=position,
                title=f"KR {position}",
                kind="numeric",
                start_value=Decimal(0),
                target_value=Decimal(100),
                weight=Decimal(50) if position == 0 else Decimal(25),
                due_on=date(2026, 3, 31),
            )
            for objective in objectives
            for position in range(3)
        ]
        session.add_all(krs)
        await session.flush()
        session.add_all(
            CheckInRow(
                key_result_id=kr.id,
                value=Decimal(10 * (n + 1) + i % 7),
                observed_at=start + timedelta(days=7 * n),
                source="seed",
                external_id=f"{kr.id}-{n}",
            )
            for i, kr in enumerate(krs)
            for n in range(CHECK_INS_PER_KR)
        )
        await session.commit()
        return [o.id for o in objectives]


@contextmanager
def transactions(app: FastAPI) -> Iterator[dict[str, int]]:
    """Count the commits and rollbacks of the app's engine while the block runs."""
    counts = {"commit": 0, "rollback": 0}
    engine = app.state.engine.sync_engine

    def on(name: str) -> Any:
        def count(*_args: Any) -> None:
            counts[name] += 1

        return count

    listeners = [(name, on(name)) for name in counts]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield counts
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


@pytest.fixture
async def world(app: FastAPI, admin: Actor, make_actor: MakeActor) -> dict[str, Any]:
    member = await make_actor()
    cycle = await make_cycle(admin.client)
    ids = await seed(app, cycle["id"], member.id, 10)
    # Each token's first use is recorded once; the budgets below are those of later uses.
    for actor in (member, admin):
        assert (await actor.client.get("/v1/cycles")).status_code == 200
    return {"member": member, "cycle": cycle["id"], "ids": ids}


@pytest.mark.parametrize("as_admin", [False, True], ids=["member", "admin"])
async def test_one_objective_costs_three_statements_and_one_commit(
    app: FastAPI, admin: Actor, world: dict[str, Any], as_admin: bool
) -> None:
    reader = admin if as_admin else world["member"]
    with counting(app) as statements, transactions(app) as ends:
        response = await reader.client.get(f"/v1/objectives/{world['ids'][3]}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["key_results"]) == 3
    assert all(kr["forecast"]["points_used"] == CHECK_INS_PER_KR for kr in body["key_results"])
    assert len(statements) <= 3, statements
    assert ends == {"commit": 1, "rollback": 0}, ends


async def test_a_due_last_used_adds_one_update(app: FastAPI, world: dict[str, Any]) -> None:
    member = world["member"]
    async with app.state.session_factory() as session:
        await session.execute(
            update(PersonTokenRow)
            .where(PersonTokenRow.person_id == member.id)
            .values(last_used_at=datetime(2020, 1, 1, tzinfo=UTC))
        )
        await session.commit()
    with counting(app) as statements:
        response = await member.client.get(f"/v1/objectives/{world['ids'][0]}")
    assert response.status_code == 200, response.text
    assert len(statements) == 4, statements
    # Written with the commit, after the reads (SQLite: the request is a writer only then).
    assert statements[-1].lstrip().upper().startswith("UPDATE PERSON_TOKENS"), statements
    with counting(app) as again:
        await member.client.get(f"/v1/objectives/{world['ids'][0]}")
    assert len(again) == 3, again


async def test_pages_cost_the_same_whatever_their_size(app: FastAPI, world: dict[str, Any]) -> None:
    member = world["member"]
    paths = [
        "/v1/objectives",
        "/v1/key-results",
        f"/v1/key-results/{await _first_kr(member, world)}/check-ins",
    ]
    small: dict[str, int] = {}
    for path in paths:
        with counting(app) as statements:
            response = await member.client.get(path, params={"limit": 500})
        assert response.status_code == 200, response.text
        small[path] = len(statements)
    await seed(app, world["cycle"], member.id, 50)
    for path in paths:
        with counting(app) as statements, transactions(app) as ends:
            response = await member.client.get(path, params={"limit": 500})
        assert response.status_code == 200, response.text
        assert len(statements) == small[path] <= 3, (path, statements)
        assert ends == {"commit": 1, "rollback": 0}, (path, ends)
    listed = (await member.client.get("/v1/objectives", params={"limit": 500})).json()
    assert len(listed["items"]) == 60


async def _first_kr(member: Actor, world: dict[str, Any]) -> str:
    body = (await member.client.get(f"/v1/objectives/{world['ids'][0]}")).json()
    return str(body["key_results"][0]["id"])


async def test_one_key_result_costs_three_statements(app: FastAPI, world: dict[str, Any]) -> None:
    member = world["member"]
    kr_id = await _first_kr(member, world)
    with counting(app) as statements:
        response = await member.client.get(f"/v1/key-results/{kr_id}")
    assert response.status_code == 200, response.text
    assert response.json()["forecast"]["points_used"] == CHECK_INS_PER_KR
    assert len(statements) <= 3, statements


async def test_the_answers_are_the_bytes_of_validated_models(world: dict[str, Any]) -> None:
    member = world["member"]
    kr_id = await _first_kr(member, world)
    cases: list[tuple[str, Any]] = [
        (f"/v1/objectives/{world['ids'][1]}", ObjectivePublic),
        ("/v1/objectives?limit=4", Page[ObjectivePublic]),
        (f"/v1/key-results/{kr_id}", KeyResultPublic),
        ("/v1/key-results?limit=5", Page[KeyResultPublic]),
        (f"/v1/key-results/{kr_id}/check-ins", Page[CheckInPublic]),
    ]
    for path, model in cases:
        response = await member.client.get(path)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        validated = model.model_validate_json(response.content)
        assert model.__pydantic_serializer__.to_json(validated) == response.content, path
