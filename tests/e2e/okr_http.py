"""Setting up OKRs over plain HTTP for end-to-end tests (org units, people, cycles, objectives)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx


def created(response: httpx.Response) -> dict[str, Any]:
    """The body of a 201 answer (fails with the body otherwise)."""
    assert response.status_code == 201, (response.status_code, response.text)
    body: dict[str, Any] = response.json()
    return body


def ok(response: httpx.Response) -> dict[str, Any]:
    """The body of a 200 answer (fails with the body otherwise)."""
    assert response.status_code == 200, (response.status_code, response.text)
    body: dict[str, Any] = response.json()
    return body


@dataclass
class Objective:
    """An objective made for a test: its id and the ids of its key results."""

    id: str
    key_results: list[str] = field(default_factory=list)


async def create_unit(client: httpx.AsyncClient, name: str) -> str:
    """A new org unit (the first one becomes the root)."""
    return str(created(await client.post("/v1/org-units", json={"name": name}))["id"])


async def create_person(client: httpx.AsyncClient, unit_id: str, name: str) -> str:
    """A new member of a unit."""
    email = f"{name.lower().replace(' ', '.')}-{uuid.uuid4().hex[:6]}@example.com"
    body = {"name": name, "email": email, "unit_id": unit_id, "role": "member"}
    return str(created(await client.post("/v1/people", json=body))["id"])


async def create_cycle(client: httpx.AsyncClient) -> str:
    """A quarterly cycle around today, in planning."""
    today = date.today()
    body = {
        "name": f"Quarter {uuid.uuid4().hex[:4]}",
        "kind": "quarterly",
        "starts_on": (today - timedelta(days=30)).isoformat(),
        "ends_on": (today + timedelta(days=60)).isoformat(),
    }
    return str(created(await client.post("/v1/cycles", json=body))["id"])


async def activate_cycle(client: httpx.AsyncClient, cycle_id: str) -> None:
    """planning -> active."""
    ok(await client.post(f"/v1/cycles/{cycle_id}/activate"))


async def create_objective(
    client: httpx.AsyncClient,
    cycle_id: str,
    owner: tuple[str, str],
    title: str,
    key_results: list[dict[str, Any]],
) -> Objective:
    """A draft objective of ``owner`` (``(owner_type, owner_id)``) with numeric key results."""
    owner_type, owner_id = owner
    body = {"cycle_id": cycle_id, "owner_type": owner_type, "owner_id": owner_id, "title": title}
    objective = Objective(str(created(await client.post("/v1/objectives", json=body))["id"]))
    due_on = (date.today() + timedelta(days=50)).isoformat()
    for n, kr in enumerate(key_results, start=1):
        kr_body = {"title": f"{title} KR {n}", "kind": "numeric", "due_on": due_on, **kr}
        answer = await client.post(f"/v1/objectives/{objective.id}/key-results", json=kr_body)
        objective.key_results.append(str(created(answer)["id"]))
    return objective


async def submit(client: httpx.AsyncClient, objective_id: str) -> None:
    """draft -> proposed."""
    ok(await client.post(f"/v1/objectives/{objective_id}/submit"))


async def approve(client: httpx.AsyncClient, objective_id: str) -> None:
    """proposed -> agreed."""
    ok(await client.post(f"/v1/objectives/{objective_id}/approve"))
