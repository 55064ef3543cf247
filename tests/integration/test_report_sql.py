"""The cycle report's aggregates (``persistence.reports``, counted by the database) give exactly the
answer of the plain computation (``tests.support.report_reference``: every row loaded, every
figure from ``domain.reports`` over ``ObjectiveFact``), on random cycles, for every kind of viewer
and unit scope, on both databases: scores on and next to the policy's thresholds, confirmed
reviews, hidden drafts, alignments to hidden parents, check-ins in many weeks (ties, voids),
stale and fresh KRs on the cutoff day, derived KRs, follow-ups."""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from fastapi import FastAPI

from api.auth import Principal
from api.services.reports import FORECAST_CHUNK, cycle_report
from domain.model import (
    CycleState,
    KeyResultKind,
    ObjectiveState,
    Origin,
    OwnerType,
    ReviewState,
    Role,
)
from domain.org import OrgChart
from persistence.tables import (
    AlignmentRow,
    CheckInRow,
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    ReviewFollowUpRow,
    ReviewRow,
)
from persistence.types import utcnow
from tests.conftest import Actor
from tests.support.org_rows import random_org, store_org
from tests.support.report_reference import reference_cycle_report

_SCORES = ["0.000", "0.299", "0.300", "0.399", "0.400", "0.600", "0.699", "0.700", "0.701"]
_SCORES += ["0.850", "0.900", "1.000", "0.333", "0.667", "0.125"]


def _score(rng: random.Random) -> Decimal | None:
    if rng.random() < 0.2:
        return None
    if rng.random() < 0.6:
        return Decimal(rng.choice(_SCORES))
    return Decimal(rng.randrange(1001)) / 1000


async def _seed(app: FastAPI, rng: random.Random, prefix: str, state: CycleState) -> OrgChart:
    org = random_org(rng, n_units=8, n_people=24)
    today = utcnow().date()
    async with app.state.session_factory() as session, session.begin():
        await store_org(
            session, org, prefix, inactive={p for p in org.people if rng.random() < 0.1}
        )
        cycle = CycleRow(
            id=prefix + "cycle",
            name=prefix,
            kind="quarterly",
            starts_on=today - timedelta(days=rng.choice([10, 40, 60])),
            ends_on=today + timedelta(days=30),
            state=state.value,
            planning_deadline=rng.choice([None, today - timedelta(days=5), today]),
        )
        session.add(cycle)
        await session.flush()
        objectives: list[ObjectiveRow] = []
        for i in range(70):
            if rng.random() < 0.55:
                owner_type, owner_id = OwnerType.PERSON, rng.choice(list(org.people))
            else:
                owner_type, owner_id = OwnerType.UNIT, rng.choice(list(org.units))
            row = ObjectiveRow(
                id=f"{prefix}o{i:03}",
                cycle_id=cycle.id,
                owner_type=owner_type.value,
                owner_id=prefix + owner_id,
                title=f"objective {i}",
                state=rng.choice([*ObjectiveState, ObjectiveState.AGREED]).value,
                origin=rng.choice(list(Origin)).value,
                score=_score(rng),
            )
            session.add(row)
            objectives.append(row)
        await session.flush()
        krs: list[KeyResultRow] = []
        for objective in objectives:
            for position in range(rng.choice([0, 1, 2, 3, 3])):
                kind = rng.choice([KeyResultKind.NUMERIC] * 4 + [KeyResultKind.MILESTONE] * 2)
                if rng.random() < 0.05:
                    kind = KeyResultKind.DERIVED
                last = rng.choice(
                    [None, 0, 1, 6, 7, 8, 13, 14, 15, 30]
                )  # days before today (the policy's stale_after_days is 14 by default)
                kr = KeyResultRow(
                    objective_id=objective.id,
                    position=position,
                    title=f"kr {objective.id} {position}",
                    kind=kind.value,
                    start_value=None if kind is not KeyResultKind.NUMERIC else Decimal(0),
                    target_value=None
                    if kind is not KeyResultKind.NUMERIC
                    else Decimal(rng.choice([100, 50, 0])),
                    weight=Decimal(rng.choice([10, 25, 50])),
                    done=kind is KeyResultKind.MILESTONE and rng.random() < 0.3,
                    last_check_in_at=None
                    if last is None
                    else datetime.combine(today - timedelta(days=last), time(), tzinfo=UTC)
                    + timedelta(seconds=rng.choice([0, 1, 86_399])),
                )
                session.add(kr)
                krs.append(kr)
        await session.flush()
        for kr in krs:
            if kr.kind == KeyResultKind.DERIVED.value:
                continue
            base = datetime.combine(today - timedelta(days=35), time(), tzinfo=UTC)
            for _ in range(rng.choice([0, 1, 2, 5, 8])):
                observed = base + timedelta(hours=rng.randrange(35 * 24))
                session.add(
                    CheckInRow(
                        key_result_id=kr.id,
                        value=Decimal(rng.randrange(120))
                        if kr.kind == KeyResultKind.NUMERIC.value
                        else None,
                        done=rng.random() < 0.3
                        if kr.kind == KeyResultKind.MILESTONE.value
                        else None,
                        confidence=rng.choice([None, 1, 3, 5, 7, 10]),
                        observed_at=observed,
                        received_at=observed + timedelta(minutes=rng.choice([0, 0, 5])),
                        voided_at=observed if rng.random() < 0.05 else None,
                    )
                )
                if rng.random() < 0.3:  # a tie at the same instant, received then or later
                    session.add(
                        CheckInRow(
                            key_result_id=kr.id,
                            confidence=rng.choice([2, 4, 9]),
                            observed_at=observed,
                            received_at=observed + timedelta(minutes=rng.choice([0, 5])),
                        )
                    )
        for child in objectives:
            if rng.random() < 0.6:
                parent = rng.choice(objectives)
                if parent.id == child.id:
                    continue
                parent_krs = [k for k in krs if k.objective_id == parent.id]
                session.add(
                    AlignmentRow(
                        child_objective_id=child.id,
                        parent_objective_id=parent.id,
                        parent_key_result_id=rng.choice(parent_krs).id
                        if parent_krs and rng.random() < 0.5
                        else None,
                    )
                )
        people = [prefix + p for p in org.people]
        for objective in objectives:
            if rng.random() < 0.5:
                review_state = rng.choice(list(ReviewState))
                review = ReviewRow(
                    objective_id=objective.id,
                    state=review_state.value,
                    confirmed_score=_score(rng) if rng.random() < 0.7 else None,
                )
                session.add(review)
                await session.flush()
                for position in range(rng.choice([0, 0, 1, 2])):
                    session.add(
                        ReviewFollowUpRow(
                            review_id=review.id,
                            objective_id=objective.id,
                            position=position,
                            title=f"follow-up {objective.id} {position}",
                            owner_id=rng.choice(people),
                            due_on=rng.choice([None, today, today + timedelta(days=3)]),
                            carry_to_cycle_id=cycle.id,
                            state=rng.choice(["open", "open", "carried"]),
                        )
                    )
    return org


def _principals(org: OrgChart, prefix: str, rng: random.Random) -> list[Principal]:
    people = sorted(org.people)
    principals = [
        Principal(person_id=prefix + p, role=org.people[p].role) for p in rng.sample(people, 6)
    ]
    principals.append(
        Principal(
            person_id="svc", role=Role.MEMBER, kind="service", scopes=frozenset({"okrs:read"})
        )
    )
    principals.append(
        Principal(
            person_id="svc-admin", role=Role.MEMBER, kind="service", scopes=frozenset({"admin"})
        )
    )
    principals.append(Principal(person_id=prefix + people[0], role=Role.ADMIN))
    return principals


async def test_report_aggregates_equal_the_plain_computation(app: FastAPI, admin: Actor) -> None:
    rng = random.Random(20261201)
    compared = 0
    for round_, state in enumerate([CycleState.ACTIVE, CycleState.ACTIVE, CycleState.PLANNING]):
        prefix = f"r{round_}-"
        org = await _seed(app, rng, prefix, state)
        scopes = [None, *(prefix + u for u in rng.sample(sorted(org.units), 2))]
        async with app.state.session_factory() as session:
            for principal in _principals(org, prefix, rng):
                for unit_id in scopes:
                    args = (session, principal, prefix + "cycle")
                    expected = await reference_cycle_report(*args, unit_id=unit_id)
                    got = await cycle_report(*args, unit_id=unit_id)
                    assert got.model_dump() == expected.model_dump(), (round_, principal, unit_id)
                    compared += 1
                    if state is CycleState.ACTIVE and expected.objectives:
                        assert expected.confidence_trend
    assert compared == 3 * 9 * 3


async def test_forecasts_in_chunks_equal_one_pass(
    app: FastAPI, admin: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole objectives per chunk: a chunk smaller than an objective's KRs changes nothing."""
    import api.services.reports as service

    rng = random.Random(7)
    org = await _seed(app, rng, "c-", CycleState.ACTIVE)
    principal = Principal(person_id="c-" + sorted(org.people)[0], role=Role.ADMIN)
    async with app.state.session_factory() as session:
        whole = await cycle_report(session, principal, "c-cycle", unit_id=None)
        assert FORECAST_CHUNK >= 1000
        monkeypatch.setattr(service, "FORECAST_CHUNK", 2)
        chunked = await cycle_report(session, principal, "c-cycle", unit_id=None)
    assert chunked.forecast == whole.forecast
    assert sum(whole.forecast.key_results.values()) > 50
