"""Arranging OKR state as rows: objectives, key results, alignments and check-ins.

The org and cycles are made through the API (``tests.support.builders``); objectives and key
results are written as rows here (arrangement only: what is under test is then read and changed
through HTTP). Two ways to seed an objective:

- ``seed_objective``: key results described by ``KR``, scored once by the roll-up service, as the
  objectives endpoints would;
- ``seed_scored_objective``: numeric key results (0 -> 100) given as ``(weight, score)``, with the
  scores, the objective's score and grade written as given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from fastapi import FastAPI
from sqlalchemy import update

from api.services.rollup import propagate
from domain.policy import Policy
from domain.scoring import grade_for, objective_score
from persistence.tables import AlignmentRow, CheckInRow, KeyResultRow, ObjectiveRow


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
    """An objective written as rows, with its cycle and key result ids."""

    id: str
    cycle_id: str
    key_result_ids: list[str] = field(default_factory=list)


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


async def seed_scored_objective(
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
    return Seeded(objective.id, cycle_id, ids)


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
