"""Arranging OKR state for review, initiative, report and export tests.

The org and cycles are made through the API; objectives and key results are written as rows here
(arrangement only: what is under test is read and changed through HTTP).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import update

from domain.policy import Policy
from domain.scoring import grade_for, objective_score
from persistence.tables import (
    AlignmentRow,
    CheckInRow,
    KeyResultRow,
    ObjectiveRow,
)


async def make_cycle(
    client: httpx.AsyncClient,
    *,
    state: str = "review",
    starts_on: str = "2026-01-01",
    ends_on: str = "2026-03-31",
    **extra: Any,
) -> dict[str, Any]:
    """A quarterly cycle moved along to ``state`` by the admin client."""
    body = {"name": "Q1", "kind": "quarterly", "starts_on": starts_on, "ends_on": ends_on, **extra}
    created = await client.post("/v1/cycles", json=body)
    assert created.status_code == 201, created.text
    cycle: dict[str, Any] = created.json()
    steps = {"planning": [], "active": ["activate"], "review": ["activate", "start-review"]}
    steps["closed"] = [*steps["review"], "close"]
    for action in steps[state]:
        moved = await client.post(f"/v1/cycles/{cycle['id']}/{action}")
        assert moved.status_code == 200, moved.text
        cycle = moved.json()
    return cycle


@dataclass
class Seeded:
    """An objective written as rows, with its key result ids."""

    id: str
    key_result_ids: list[str] = field(default_factory=list)


async def seed_objective(
    app: FastAPI,
    *,
    cycle_id: str,
    owner_id: str,
    owner_type: str = "person",
    state: str = "agreed",
    origin: str = "bottom_up",
    title: str = "Sign 30 new customers",
    key_results: list[tuple[str, str]] | None = None,
    last_check_in_at: datetime | None = None,
) -> Seeded:
    """An objective with KRs given as ``(weight, score)`` strings (numeric, 0 -> 100)."""
    krs = key_results if key_results is not None else [("60", "0.70"), ("40", "0.50")]
    weighted = [(Decimal(w), Decimal(s)) for w, s in krs]
    score = objective_score(weighted)
    grade = None if score is None else grade_for(score, Policy()).value
    async with app.state.session_factory() as session, session.begin():
        objective = ObjectiveRow(
            cycle_id=cycle_id,
            owner_type=owner_type,
            owner_id=owner_id,
            title=title,
            origin=origin,
            state=state,
            score=score,
            grade=grade,
        )
        session.add(objective)
        await session.flush()
        ids = []
        for position, (weight, kr_score) in enumerate(weighted):
            kr = KeyResultRow(
                objective_id=objective.id,
                position=position,
                title=f"KR {position + 1}",
                kind="numeric",
                start_value=Decimal(0),
                target_value=Decimal(100),
                current_value=kr_score * 100,
                weight=weight,
                due_on=None,
                score=kr_score,
                last_check_in_at=last_check_in_at,
            )
            session.add(kr)
            await session.flush()
            ids.append(kr.id)
    return Seeded(objective.id, ids)


async def set_kr_score(app: FastAPI, kr_id: str, score: str) -> None:
    """Change a KR's score as a check-in would (no version bump: a derived value)."""
    async with app.state.session_factory() as session, session.begin():
        await session.execute(
            update(KeyResultRow).where(KeyResultRow.id == kr_id).values(score=Decimal(score))  # type: ignore[arg-type]
        )


async def seed_alignment(app: FastAPI, child_id: str, parent_id: str) -> None:
    """An alignment edge child -> parent objective."""
    async with app.state.session_factory() as session, session.begin():
        session.add(AlignmentRow(child_objective_id=child_id, parent_objective_id=parent_id))


async def seed_check_in(
    app: FastAPI, kr_id: str, *, observed_at: datetime, confidence: int | None, value: str = "1"
) -> None:
    """A check-in row on a KR."""
    async with app.state.session_factory() as session, session.begin():
        session.add(
            CheckInRow(
                key_result_id=kr_id,
                value=Decimal(value),
                confidence=confidence,
                observed_at=observed_at,
                received_at=observed_at.astimezone(UTC),
            )
        )
