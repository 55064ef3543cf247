"""The HR snapshot diff (domain.org_sync) and approvals that pass over departed managers."""

from __future__ import annotations

import itertools

import pytest

from domain.errors import RuleViolation
from domain.model import OwnerType, Person
from domain.org import OrgChart
from domain.org_sync import CurrentPerson, PersonRecord, Snapshot, UnitRecord, plan_sync

_ids = (f"id-{n}" for n in itertools.count())


def _new_id() -> str:
    return next(_ids)


def test_a_first_snapshot_creates_everything_in_an_order_the_tree_allows() -> None:
    snapshot = Snapshot(
        units=[UnitRecord("units[0]", "u-co", "Company")],
        people=[PersonRecord("people[0]", "p-1", "One", "one@example.com", "u-co")],
    )

    plan = plan_sync(snapshot, [], [], by_admin=True, new_id=_new_id)

    assert [(c.entity, c.external_id, c.action) for c in plan.changes] == [
        ("unit", "u-co", "create"),
        ("person", "p-1", "create"),
    ]
    assert plan.summary()["people_created"] == 1


def test_a_reporting_loop_is_named_with_its_rows() -> None:
    snapshot = Snapshot(
        people=[
            PersonRecord("line 2", "a", "A", "a@example.com", manager_external_id="b"),
            PersonRecord("line 3", "b", "B", "b@example.com", manager_external_id="a"),
        ]
    )

    with pytest.raises(RuleViolation) as refused:
        plan_sync(snapshot, [], [], by_admin=True, new_id=_new_id)

    (violation,) = refused.value.violations
    assert violation.code == "sync.manager_loop"
    assert "a -> b -> a" in violation.message and "line 2, line 3" in violation.message


def test_people_missing_from_the_snapshot_are_deactivated() -> None:
    current = [CurrentPerson("x", "X", "x@example.com", None, None, "p-x", True, False)]

    plan = plan_sync(Snapshot(), [], current, by_admin=False, new_id=_new_id)

    assert [(c.id, c.action) for c in plan.changes] == [("x", "deactivate")]


def test_an_approval_waiting_on_a_departed_manager_moves_to_the_next_one_up() -> None:
    org = OrgChart(
        [],
        [
            Person("top", "Top"),
            Person("gone", "Gone", manager_id="top", active=False),
            Person("me", "Me", manager_id="gone"),
        ],
    )

    assert org.approver_ids(OwnerType.PERSON, "me") == {"top"}
