"""Unit tests of the void rules: who may void a check-in (domain.access) and when
(domain.checkins.check_voidable)."""

from datetime import UTC, date, datetime

import pytest

from domain.access import Viewer, check_may_void_check_in, may_void_check_in
from domain.checkins import check_voidable
from domain.errors import PermissionDenied, RuleViolation
from domain.model import (
    Cycle,
    CycleKind,
    CycleState,
    Objective,
    OrgUnit,
    OwnerType,
    Person,
    Role,
)
from domain.org import OrgChart

ORG = OrgChart(
    [OrgUnit("company", "Company", head_id="boss"), OrgUnit("team", "Team", "company", "lead")],
    [
        Person("boss", "Boss", "company"),
        Person("lead", "Lead", "team", manager_id="boss"),
        Person("owner", "Owner", "team", manager_id="lead"),
        Person("author", "Author", "team", manager_id="lead"),
        Person("admin", "Admin", "company", role=Role.ADMIN),
    ],
)
ACTIVE = Cycle("q1", CycleKind.QUARTERLY, date(2026, 1, 1), date(2026, 3, 31), CycleState.ACTIVE)


def person(person_id: str, role: Role = Role.MEMBER) -> Viewer:
    return Viewer(person_id, True, role)


def key(*scopes: str) -> Viewer:
    return Viewer("key", False, scopes=frozenset(scopes))


def test_the_author_the_owner_side_and_admins_may_void() -> None:
    on_person = (OwnerType.PERSON, "owner")
    on_team = (OwnerType.UNIT, "team")

    assert may_void_check_in(ORG, person("author"), *on_person, "author")
    assert may_void_check_in(ORG, person("owner"), *on_person, "author")
    assert may_void_check_in(ORG, person("lead"), *on_team, "author")
    assert may_void_check_in(ORG, person("admin", Role.ADMIN), *on_person, None)
    assert may_void_check_in(ORG, key("okrs:write"), *on_person, None)


def test_managers_peers_and_pushing_keys_may_not() -> None:
    on_person = (OwnerType.PERSON, "owner")

    assert not may_void_check_in(ORG, person("lead"), *on_person, "author")
    assert not may_void_check_in(ORG, person("boss"), *on_person, "author")
    assert not may_void_check_in(ORG, person("author"), *on_person, "owner")
    assert not may_void_check_in(ORG, key("metrics:write"), *on_person, None)
    objective = Objective("o", "q1", OwnerType.PERSON, "owner", "Grow")
    with pytest.raises(PermissionDenied) as err:
        check_may_void_check_in(ORG, person("lead"), objective, check_in_id="c", author_id=None)
    assert err.value.code == "check_in.void_denied"


def test_a_check_in_is_voided_once_with_a_reason_while_the_cycle_is_open() -> None:
    check_voidable("c", voided_at=None, cycle=ACTIVE, reason="wrong unit")

    closed = Cycle(
        "q0", CycleKind.QUARTERLY, date(2025, 10, 1), date(2025, 12, 31), CycleState.CLOSED
    )
    with pytest.raises(RuleViolation) as err:
        check_voidable("c", voided_at=datetime(2026, 1, 5, tzinfo=UTC), cycle=closed, reason="  ")

    assert err.value.code == "check_in.not_voidable"
    assert [v.code for v in err.value.violations] == [
        "check_in.void_reason_required",
        "check_in.already_voided",
        "cycle.closed",
    ]


def test_objective_numbers_is_a_policy_choice_of_three() -> None:
    from domain.errors import PolicyViolation
    from domain.policy import Policy

    assert Policy().objective_numbers == "any"
    assert Policy().changed(objective_numbers="forbid").objective_numbers == "forbid"
    with pytest.raises(PolicyViolation) as err:
        Policy().changed(objective_numbers="often")
    assert err.value.field == "objective_numbers"
