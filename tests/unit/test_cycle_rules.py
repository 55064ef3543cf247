"""Unit tests of the cycle definition rules: period, deadlines, parent kinds, nesting, deletion."""

from dataclasses import replace
from datetime import date

from domain.cycle_rules import (
    PARENT_KIND,
    current_cycle,
    definition_violations,
    deletion_violations,
    parent_violations,
)
from domain.errors import Violation
from domain.model import Cycle, CycleKind, CycleState


def year() -> Cycle:
    return Cycle(
        id="y", kind=CycleKind.ANNUAL, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )


def quarter(**fields: object) -> Cycle:
    cycle = Cycle(
        id="q1",
        kind=CycleKind.QUARTERLY,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
        parent_id="y",
    )
    for name, value in fields.items():
        setattr(cycle, name, value)
    return cycle


def codes(violations: list[Violation]) -> list[str]:
    return [v.code for v in violations]


def test_a_quarter_sits_in_a_year_and_a_month_in_a_quarter() -> None:
    assert PARENT_KIND == {
        CycleKind.QUARTERLY: CycleKind.ANNUAL,
        CycleKind.MONTHLY: CycleKind.QUARTERLY,
    }


def test_a_well_formed_quarter_in_its_year_has_no_violations() -> None:
    assert definition_violations(quarter(), parent=year(), children=[]) == []


def test_every_problem_is_named_at_once() -> None:
    cycle = quarter(
        starts_on=date(2025, 12, 1),
        ends_on=date(2025, 11, 1),
        planning_deadline=date(2026, 6, 1),
        review_deadline=date(2024, 1, 1),
    )

    found = definition_violations(cycle, parent=year(), children=[])

    assert codes(found) == [
        "cycle.ends_before_start",
        "cycle.deadlines_out_of_order",
        "cycle.outside_parent",
    ]
    assert [v.field for v in found] == ["ends_on", "review_deadline", "parent_id"]


def test_deadlines_may_lie_outside_the_cycle_but_keep_their_order() -> None:
    inside_out = quarter(
        submission_deadline=date(2025, 12, 29),
        agreement_deadline=date(2026, 1, 4),
        review_submission_deadline=date(2026, 4, 5),
        review_confirmation_deadline=date(2026, 4, 7),
    )
    backwards = quarter(
        submission_deadline=date(2026, 1, 4),
        publication_deadline=date(2026, 1, 2),
        review_confirmation_deadline=date(2026, 1, 1),
    )

    assert definition_violations(inside_out, parent=year(), children=[]) == []
    found = definition_violations(backwards, parent=year(), children=[])
    assert codes(found) == ["cycle.deadlines_out_of_order"] * 3
    assert [v.field for v in found] == [
        "publication_deadline",
        "review_confirmation_deadline",
        "review_confirmation_deadline",
    ]


def test_an_annual_cycle_takes_no_parent() -> None:
    other_year = Cycle(
        id="y2", kind=CycleKind.ANNUAL, starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )

    found = parent_violations(year(), other_year)

    assert codes(found) == ["cycle.parent_kind"]
    assert "needs no parent" in found[0].message


def test_a_month_needs_a_quarter_not_a_year() -> None:
    month = Cycle(
        id="m1", kind=CycleKind.MONTHLY, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31)
    )

    found = parent_violations(month, year())

    assert codes(found) == ["cycle.parent_kind"]
    assert found[0].message == "a monthly cycle needs an quarterly parent, not annual"


def test_a_cycle_cannot_contain_itself() -> None:
    cycle = quarter()

    assert codes(parent_violations(cycle, cycle)) == ["cycle.parent_is_self"]


def test_children_must_stay_inside() -> None:
    child = Cycle(
        id="m3", kind=CycleKind.MONTHLY, starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31)
    )

    found = definition_violations(quarter(ends_on=date(2026, 2, 28)), parent=None, children=[child])

    assert codes(found) == ["cycle.child_outside"]
    assert found[0].field == "m3"


def test_only_an_empty_planning_cycle_without_children_is_deleted() -> None:
    assert deletion_violations(quarter(), has_children=False, has_objectives=False) == []

    found = deletion_violations(
        quarter(state=CycleState.ACTIVE), has_children=True, has_objectives=True
    )

    assert codes(found) == ["cycle.not_planning", "cycle.has_children", "cycle.has_objectives"]


def test_current_cycle_is_the_shortest_active_one_that_includes_today() -> None:
    active_year = replace(year(), state=CycleState.ACTIVE)
    q1 = replace(quarter(), state=CycleState.ACTIVE)
    q2 = replace(
        quarter(), id="q2", starts_on=date(2026, 4, 1), ends_on=date(2026, 6, 30)
    )  # in planning

    assert current_cycle([active_year, q1, q2], date(2026, 2, 10)) == q1
    assert current_cycle([active_year, q1, q2], date(2026, 5, 10)) == active_year
    assert current_cycle([q1, q2], date(2026, 5, 10)) == q1  # left active past its end
    assert current_cycle([year(), q2], date(2026, 5, 10)) is None
