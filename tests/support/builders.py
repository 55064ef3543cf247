"""Arranging through the HTTP API: cycles, org units, a team, objectives with key results.

Everything here goes through the endpoints (as the client given), so it is validated, scored and
recorded as in use; rows written straight to the database are in ``tests.support.seed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.conftest import Actor, MakeActor

QUARTER = {"name": "Q1", "kind": "quarterly", "starts_on": "2026-01-01", "ends_on": "2026-03-31"}
YEAR = {"name": "2026", "kind": "annual", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}

_STEPS: dict[str, list[str]] = {
    "planning": [],
    "active": ["activate"],
    "review": ["activate", "start-review"],
    "closed": ["activate", "start-review", "close"],
}


async def post_ok(client: httpx.AsyncClient, path: str, body: Any, status: int = 201) -> Any:
    response = await client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


async def make_cycle(
    client: httpx.AsyncClient,
    *,
    state: str = "planning",
    name: str = QUARTER["name"],
    kind: str = QUARTER["kind"],
    starts_on: str = QUARTER["starts_on"],
    ends_on: str = QUARTER["ends_on"],
    parent_id: str | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A cycle (Q1 2026 unless told) made by the admin ``client`` and moved along to ``state``
    (``planning`` as created, ``active``, ``review`` or ``closed``); as the API last showed it.

    ``fields`` are further fields of the created cycle (deadlines).
    """
    body: dict[str, Any] = {
        "name": name,
        "kind": kind,
        "starts_on": starts_on,
        "ends_on": ends_on,
        **fields,
    }
    if parent_id is not None:
        body["parent_id"] = parent_id
    cycle: dict[str, Any] = await post_ok(client, "/v1/cycles", body)
    for action in _STEPS[state]:
        cycle = await post_ok(client, f"/v1/cycles/{cycle['id']}/{action}", None, 200)
    return cycle


async def make_unit(
    client: httpx.AsyncClient,
    name: str,
    *,
    parent_id: str | None = None,
    head_id: str | None = None,
) -> str:
    """An org unit; its id."""
    body: dict[str, Any] = {"name": name, "parent_id": parent_id}
    if head_id is not None:
        body["head_id"] = head_id
    created = await client.post("/v1/org-units", json=body)
    assert created.status_code == 201, created.text
    unit_id: str = created.json()["id"]
    return unit_id


@dataclass
class Team:
    """A root unit headed by a boss, a manager reporting to the boss and two members."""

    unit_id: str
    boss: Actor
    manager: Actor
    member: Actor
    peer: Actor


async def make_team(admin: Actor, make_actor: MakeActor) -> Team:
    unit = await post_ok(admin.client, "/v1/org-units", {"name": "Company"})
    boss = await make_actor(unit_id=unit["id"])
    manager = await make_actor(unit_id=unit["id"], manager_id=boss.id)
    member = await make_actor(unit_id=unit["id"], manager_id=manager.id)
    peer = await make_actor(unit_id=unit["id"], manager_id=manager.id)
    response = await admin.client.patch(f"/v1/org-units/{unit['id']}", json={"head_id": boss.id})
    assert response.status_code == 200, response.text
    return Team(unit["id"], boss, manager, member, peer)


async def make_objective(
    client: httpx.AsyncClient, cycle_id: str, owner_id: str, **fields: Any
) -> dict[str, Any]:
    body = {
        "cycle_id": cycle_id,
        "owner_type": "person",
        "owner_id": owner_id,
        "title": "Sign 30 new customers",
    }
    body.update(fields)
    created: dict[str, Any] = await post_ok(client, "/v1/objectives", body)
    return created


async def add_kr(client: httpx.AsyncClient, objective_id: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": "New customers",
        "kind": "numeric",
        "start_value": 0,
        "target_value": 10,
        "weight": 100,
        "due_on": "2026-03-31",
    }
    body.update(fields)
    created: dict[str, Any] = await post_ok(
        client, f"/v1/objectives/{objective_id}/key-results", body
    )
    return created


async def ready_objective(
    client: httpx.AsyncClient, cycle_id: str, owner_id: str, **fields: Any
) -> dict[str, Any]:
    """A draft with two KRs (weights 50/50) that passes submission."""
    objective = await make_objective(client, cycle_id, owner_id, **fields)
    await add_kr(client, objective["id"], title="KR one", weight=50)
    await add_kr(client, objective["id"], title="KR two", weight=50)
    return objective


async def objective(client: httpx.AsyncClient, objective_id: str) -> dict[str, Any]:
    """An objective as the API shows it."""
    response = await client.get(f"/v1/objectives/{objective_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def key_result(client: httpx.AsyncClient, kr_id: str) -> dict[str, Any]:
    """A key result as the API shows it."""
    response = await client.get(f"/v1/key-results/{kr_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def agreed_of(team: Team, admin: Actor, **cycle: Any) -> dict[str, Any]:
    """The member's agreed objective (approved by their manager)."""
    made = await make_cycle(admin.client, **(cycle or YEAR))
    objective = await ready_objective(team.member.client, made["id"], team.member.id)
    oid = objective["id"]
    await post_ok(team.member.client, f"/v1/objectives/{oid}/submit", None, 200)
    done: dict[str, Any] = await post_ok(
        team.manager.client, f"/v1/objectives/{oid}/approve", None, 200
    )
    return done
