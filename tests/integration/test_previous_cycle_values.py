"""``KeyResultRepository.reached_in_previous_cycle`` on a real database: what a metric key reached
on the owner's agreed KRs of the owner's previous cycle of the same kind (the OKR lint's
``lint.not_ambitious`` input)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import FastAPI

from api.services.lint import findings_of
from api.services.org import load_org_chart
from domain.policy import Policy
from persistence.mappers import cycle_to_domain
from persistence.repositories.objectives import KeyResultRepository
from persistence.tables import CycleRow, KeyResultRow, ObjectiveRow
from tests.conftest import Actor, MakeActor


def _quarter(name: str, starts: date, ends: date) -> CycleRow:
    return CycleRow(name=name, kind="quarterly", starts_on=starts, ends_on=ends, state="closed")


async def test_the_latest_earlier_cycle_of_the_owner_gives_the_reached_values(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    owner = await make_actor()
    other = await make_actor()
    older = _quarter("Q3", date(2025, 7, 1), date(2025, 9, 30))
    previous = _quarter("Q4", date(2025, 10, 1), date(2025, 12, 31))
    current = _quarter("Q1", date(2026, 1, 1), date(2026, 3, 31))
    year = CycleRow(
        name="2025", kind="annual", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31)
    )

    async with app.state.session_factory() as session, session.begin():
        session.add_all([older, previous, current, year])
        await session.flush()

        def kr(objective: ObjectiveRow, key: str, value: str | None) -> KeyResultRow:
            return KeyResultRow(
                objective_id=objective.id,
                title=key,
                kind="numeric",
                weight=Decimal(100),
                start_value=Decimal(0),
                target_value=Decimal(100),
                current_value=None if value is None else Decimal(value),
                metric_key=f"{key}.{objective.cycle_id[:8]}.{objective.owner_id[:8]}",
            )

        objectives = {
            (cycle.name, person.id, state): ObjectiveRow(
                cycle_id=cycle.id,
                owner_type="person",
                owner_id=person.id,
                title="Grow",
                state=state,
            )
            for cycle in (older, previous, year)
            for person in (owner, other)
            for state in ("agreed", "draft")
        }
        session.add_all(objectives.values())
        await session.flush()
        rows = [
            kr(objective, f"{name}-{state}", "42")
            for (name, _person, state), objective in objectives.items()
        ]
        session.add_all(rows)
        await session.flush()
        wanted = objectives[("Q4", owner.id, "agreed")]
        keys = {r.metric_key for r in rows if r.metric_key}

        reached = await KeyResultRepository(session).reached_in_previous_cycle(
            owner_type="person",
            owner_id=owner.id,
            kind=current.kind,
            starts_on=current.starts_on,
            metric_keys=keys,
        )

    expected = {r.metric_key: Decimal("42") for r in rows if r.objective_id == wanted.id}
    assert reached == expected


async def test_the_lint_flags_a_target_at_or_below_what_the_previous_cycle_reached(
    app: FastAPI, admin: Actor, make_actor: MakeActor
) -> None:
    owner = await make_actor()
    previous = _quarter("Q4", date(2025, 10, 1), date(2025, 12, 31))
    current = _quarter("Q1", date(2026, 1, 1), date(2026, 3, 31))
    async with app.state.session_factory() as session, session.begin():
        session.add_all([previous, current])
        await session.flush()
        old = ObjectiveRow(
            cycle_id=previous.id,
            owner_type="person",
            owner_id=owner.id,
            title="Grow",
            state="agreed",
        )
        session.add(old)
        await session.flush()
        session.add(
            KeyResultRow(
                objective_id=old.id,
                title="Signed customers",
                kind="numeric",
                weight=Decimal(100),
                start_value=Decimal(0),
                target_value=Decimal(50),
                current_value=Decimal(42),
                metric_key="crm.signed",
            )
        )
        await session.flush()
        # The new objective is not stored: the lint reads what the previous cycle reached.
        new = ObjectiveRow(
            cycle_id=current.id, owner_type="person", owner_id=owner.id, title="Grow more"
        )
        timid = KeyResultRow(
            objective_id=new.id,
            title="Sign 40 customers",
            kind="numeric",
            weight=Decimal(50),
            start_value=Decimal(0),
            target_value=Decimal(40),
            metric_key="crm.signed",
        )
        bold = KeyResultRow(
            objective_id=new.id,
            title="Sign 60 customers",
            kind="numeric",
            weight=Decimal(50),
            start_value=Decimal(0),
            target_value=Decimal(60),
            metric_key="crm.other",
        )

        found = await findings_of(
            session,
            row=new,
            key_results=[timid, bold],
            cycle=cycle_to_domain(current),
            org=await load_org_chart(session),
            policy=Policy(),
        )

    flagged = [f for f in found if f.code == "lint.not_ambitious"]
    assert [(f.field, f.source) for f in flagged] == [
        (f"key_results[{timid.id}].target_value", "okr-domain.md §10")
    ]
    assert "42" in flagged[0].message and "40" in flagged[0].message
