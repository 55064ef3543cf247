"""Arranging an organisation and OKR rows for alignment and check-in tests.

People, units and cycles are made through the API; objectives and key results are written as rows
(arrangement only) and scored once with the roll-up service, as the objectives endpoints would.
What is under test is then read and changed through HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI

from api.services.rollup import propagate
from persistence.tables import KeyResultRow, ObjectiveRow
from tests.api import okr_seed


@dataclass
class KR:
    """A key result to seed."""

    kind: str = "numeric"
    weight: str = "100"
    start: str | None = "0"
    target: str | None = "100"
    current: str | None = None
    done: bool = False
    metric_key: str | None = None


@dataclass
class Seeded:
    """An objective written as rows, with its key result ids."""

    id: str
    cycle_id: str
    key_result_ids: list[str] = field(default_factory=list)


async def make_cycle(
    client: httpx.AsyncClient,
    *,
    state: str = "active",
    kind: str = "quarterly",
    starts_on: str = "2026-01-01",
    ends_on: str = "2026-03-31",
    parent_id: str | None = None,
) -> str:
    """A cycle moved along to ``state`` by the admin client; its id."""
    extra: dict[str, Any] = {"name": f"{kind} {starts_on}", "kind": kind}
    if parent_id is not None:
        extra["parent_id"] = parent_id
    cycle = await okr_seed.make_cycle(
        client, state=state, starts_on=starts_on, ends_on=ends_on, **extra
    )
    cycle_id: str = cycle["id"]
    return cycle_id


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


async def seed_objective(
    app: FastAPI,
    *,
    cycle_id: str,
    owner_id: str,
    owner_type: str = "person",
    state: str = "agreed",
    title: str = "Objective",
    key_results: list[KR] | None = None,
) -> Seeded:
    """An objective with its KRs as rows, scored by the roll-up service."""
    krs = key_results if key_results is not None else [KR()]
    async with app.state.session_factory() as session, session.begin():
        objective = ObjectiveRow(
            cycle_id=cycle_id, owner_type=owner_type, owner_id=owner_id, title=title, state=state
        )
        session.add(objective)
        await session.flush()
        rows = [
            KeyResultRow(
                objective_id=objective.id,
                position=position,
                title=f"KR {position + 1}",
                kind=kr.kind,
                weight=Decimal(kr.weight),
                start_value=None if kr.start is None or kr.kind != "numeric" else Decimal(kr.start),
                target_value=(
                    None if kr.target is None or kr.kind != "numeric" else Decimal(kr.target)
                ),
                current_value=None if kr.current is None else Decimal(kr.current),
                done=kr.done,
                metric_key=kr.metric_key,
            )
            for position, kr in enumerate(krs)
        ]
        session.add_all(rows)
        await session.flush()
        await propagate(session, objective_ids=[objective.id])
        return Seeded(objective.id, cycle_id, [r.id for r in rows])


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
