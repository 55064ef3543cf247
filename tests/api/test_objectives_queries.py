"""Listing objectives with their key results runs a constant number of SQL statements; service
keys see and act on objectives by their scopes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
from fastapi import FastAPI

from persistence.tables import KeyResultRow, ObjectiveRow
from tests.conftest import Actor, MakeActor
from tests.support.builders import make_cycle, make_objective, post_ok, ready_objective
from tests.support.problems import assert_problem
from tests.support.statements import counting


async def seed(app: FastAPI, cycle_id: str, owner_id: str, how_many: int) -> None:
    """Objectives with three key results each, written straight to the database."""
    async with app.state.session_factory() as session:
        objectives = [
            ObjectiveRow(
                cycle_id=cycle_id,
                owner_type="person",
                owner_id=owner_id,
                title=f"Objective {n}",
                state="proposed",
            )
            for n in range(how_many)
        ]
        session.add_all(objectives)
        await session.flush()
        session.add_all(
            KeyResultRow(
                objective_id=objective.id,
                position=position,
                title=f"KR {position}",
                kind="numeric",
                start_value=Decimal(0),
                target_value=Decimal(10),
                weight=Decimal("33.33"),
                due_on=date(2026, 3, 31),
            )
            for objective in objectives
            for position in range(3)
        )
        await session.commit()


class TestQueryCount:
    async def test_listing_10_or_100_objectives_costs_the_same(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        cycle = await make_cycle(admin.client)
        await seed(app, cycle["id"], member.id, 10)
        await member.client.get("/v1/objectives")  # the token's first use is recorded once

        with counting(app) as ten:
            small = await member.client.get("/v1/objectives", params={"limit": 500})
        await seed(app, cycle["id"], member.id, 90)
        with counting(app) as hundred:
            large = await member.client.get("/v1/objectives", params={"limit": 500})

        assert len(small.json()["items"]) == 10
        assert len(large.json()["items"]) == 100
        assert all(len(o["key_results"]) == 3 for o in large.json()["items"])
        assert len(ten) == len(hundred), (ten, hundred)
        assert len(hundred) <= 10


async def service_client(admin: Actor, app: FastAPI, *scopes: str) -> httpx.AsyncClient:
    created = await post_ok(admin.client, "/v1/api-keys", {"name": "svc", "scopes": list(scopes)})
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url="http://test",
        headers={"Authorization": f"Bearer {created['secret']}"},
    )


class TestServiceKeys:
    async def test_reader_sees_public_objectives_only(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        cycle = await make_cycle(admin.client)
        draft = await make_objective(admin.client, cycle["id"], member.id)
        proposed = await ready_objective(admin.client, cycle["id"], member.id)
        await post_ok(admin.client, f"/v1/objectives/{proposed['id']}/submit", None, 200)
        agreed = await ready_objective(admin.client, cycle["id"], member.id)
        await post_ok(admin.client, f"/v1/objectives/{agreed['id']}/submit", None, 200)
        await post_ok(admin.client, f"/v1/objectives/{agreed['id']}/approve", None, 200)

        async with await service_client(admin, app, "okrs:read") as reader:
            listed = await reader.get("/v1/objectives")
            hidden = await reader.get(f"/v1/objectives/{draft['id']}")
            unpublished = await reader.get(f"/v1/objectives/{proposed['id']}")

        assert [o["id"] for o in listed.json()["items"]] == [agreed["id"]]
        assert_problem(hidden, 404, "objective.not_found")
        assert_problem(unpublished, 404, "objective.not_found")

    async def test_an_okrs_write_key_approves_as_an_admin_would_and_a_reader_may_not(
        self, app: FastAPI, admin: Actor, make_actor: MakeActor
    ) -> None:
        member = await make_actor()
        cycle = await make_cycle(admin.client)
        first = await ready_objective(admin.client, cycle["id"], member.id)
        second = await ready_objective(admin.client, cycle["id"], member.id)
        for objective in (first, second):
            await post_ok(admin.client, f"/v1/objectives/{objective['id']}/submit", None, 200)

        async with await service_client(admin, app, "okrs:read") as reader:
            refused = await reader.post(f"/v1/objectives/{first['id']}/approve")
        async with await service_client(admin, app, "okrs:write", "okrs:read") as writer:
            by_writer = await writer.post(f"/v1/objectives/{first['id']}/approve")
        async with await service_client(admin, app, "admin") as root:
            approved = await root.post(f"/v1/objectives/{second['id']}/approve")

        assert_problem(refused, 403, "permission.scope_required")
        assert by_writer.status_code == 200, by_writer.text
        assert approved.status_code == 200, approved.text
        assert approved.json()["approved_by_id"] is None
