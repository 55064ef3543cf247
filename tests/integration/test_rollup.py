"""``api.services.rollup.propagate`` on a real database: derived roll-up, bounded loading."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from api.services.rollup import propagate
from persistence.tables import AlignmentRow, CycleRow, KeyResultRow, ObjectiveRow
from tests.conftest import Actor
from tests.support.statements import counting

D = Decimal


def _objective(cycle_id: str, title: str, *, state: str = "agreed", **kw: Any) -> ObjectiveRow:
    return ObjectiveRow(
        cycle_id=cycle_id, owner_type="unit", owner_id="u", title=title, state=state, **kw
    )


def _numeric(objective_id: str, weight: str, target: str, current: str | None) -> KeyResultRow:
    return KeyResultRow(
        objective_id=objective_id,
        title="n",
        kind="numeric",
        weight=D(weight),
        start_value=D(0),
        target_value=D(target),
        current_value=None if current is None else D(current),
    )


def _derived(objective_id: str, weight: str) -> KeyResultRow:
    return KeyResultRow(objective_id=objective_id, title="d", kind="derived", weight=D(weight))


async def _tree(session: AsyncSession, siblings: int = 1) -> dict[str, str]:
    """company C (derived D 50%, numeric N 50% at 0.5) <- dept P (derived E 100%) <- teams T1, T2;
    ``siblings`` more objectives aligned to D with a stored score of 0.8."""
    cycle = CycleRow(
        name="Y", kind="annual", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )
    session.add(cycle)
    await session.flush()
    c = _objective(cycle.id, "C")
    p = _objective(cycle.id, "P")
    t1 = _objective(cycle.id, "T1")
    t2 = _objective(cycle.id, "T2", score=D("0.6"))
    others = [_objective(cycle.id, f"S{i}", score=D("0.8")) for i in range(siblings)]
    session.add_all([c, p, t1, t2, *others])
    await session.flush()
    d, n = _derived(c.id, "50"), _numeric(c.id, "50", "10", "5")
    n.score = D("0.50")  # stored; not recomputed (not below a changed node)
    e = _derived(p.id, "100")
    k1, k2 = _numeric(t1.id, "100", "8", None), _numeric(t2.id, "100", "10", "6")
    session.add_all([d, n, e, k1, k2])
    await session.flush()
    edges = [
        AlignmentRow(child_objective_id=p.id, parent_objective_id=c.id, parent_key_result_id=d.id),
        AlignmentRow(child_objective_id=t1.id, parent_objective_id=p.id, parent_key_result_id=e.id),
        AlignmentRow(child_objective_id=t2.id, parent_objective_id=p.id, parent_key_result_id=e.id),
    ]
    edges += [
        AlignmentRow(child_objective_id=s.id, parent_objective_id=c.id, parent_key_result_id=d.id)
        for s in others
    ]
    session.add_all(edges)
    await session.flush()
    return {"c": c.id, "p": p.id, "t1": t1.id, "t2": t2.id, "d": d.id, "e": e.id, "k1": k1.id}


async def _scores(session: AsyncSession, ids: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in ("c", "p", "t1"):
        row = await session.get(ObjectiveRow, ids[name], populate_existing=True)
        assert row is not None
        out[name] = (row.score, row.grade)
    for name in ("d", "e", "k1"):
        kr = await session.get(KeyResultRow, ids[name], populate_existing=True)
        assert kr is not None
        out[name] = kr.score
    return out


async def test_a_value_rolls_up_through_two_derived_levels(app: FastAPI, admin: Actor) -> None:
    factory = app.state.session_factory
    async with factory() as session, session.begin():
        ids = await _tree(session)
        kr = await session.get(KeyResultRow, ids["k1"])
        assert kr is not None
        kr.current_value = D(5)

        touched = await propagate(session, key_result_ids=[ids["k1"]])

    async with factory() as session:
        scores = await _scores(session, ids)
    # T1: 5/8 = 0.625 -> 0.63; E = (0.63 + 0.60) / 2 = 0.615 -> 0.62; P = 0.62;
    # D = (0.62 + 0.8) / 2 = 0.71; C = 0.5 * 0.71 + 0.5 * 0.5 = 0.605 (fair).
    assert scores == {
        "t1": (D("0.630"), "fair"),
        "k1": D("0.63"),
        "e": D("0.62"),
        "p": (D("0.620"), "fair"),
        "d": D("0.71"),
        "c": (D("0.605"), "fair"),
    }
    assert touched.objective_ids == (ids["t1"], ids["p"], ids["c"])
    assert set(touched.changed_key_result_ids) == {ids["k1"], ids["e"], ids["d"]}


async def test_a_cancelled_child_leaves_the_derived_mean(app: FastAPI, admin: Actor) -> None:
    factory = app.state.session_factory
    async with factory() as session, session.begin():
        ids = await _tree(session)
        await propagate(session, objective_ids=[ids["t1"], ids["t2"]])
        t1 = await session.get(ObjectiveRow, ids["t1"])
        assert t1 is not None
        t1.state = "cancelled"

        await propagate(session, objective_ids=[ids["t1"]])

    async with factory() as session:
        scores = await _scores(session, ids)
    # E = T2 alone = 0.60; D = (0.60 + 0.8) / 2 = 0.70; C = 0.5 * 0.70 + 0.25 = 0.600
    assert (scores["e"], scores["d"], scores["c"]) == (D("0.60"), D("0.70"), (D("0.600"), "fair"))


async def test_loading_is_bounded_per_level_not_per_row(app: FastAPI, admin: Actor) -> None:
    factory = app.state.session_factory
    counts = []
    for siblings in (1, 40):
        async with factory() as session, session.begin():
            ids = await _tree(session, siblings=siblings)
            await session.flush()
            with counting(app) as statements:
                await propagate(session, key_result_ids=[ids["k1"]])
            counts.append(len([s for s in statements if s.lstrip().upper().startswith("SELECT")]))

    assert counts[0] == counts[1]
    assert counts[0] <= 20


async def test_nothing_to_do_and_unknown_ids(app: FastAPI, admin: Actor) -> None:
    async with app.state.session_factory() as session:
        empty = await propagate(session)
        gone = await propagate(session, key_result_ids=["missing"], objective_ids=["missing"])

    assert empty.objective_ids == gone.objective_ids == ()
