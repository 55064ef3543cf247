"""Unit tests of the objective rules: owners, origin, deletion."""

import pytest

from domain.errors import NotFound, RuleViolation
from domain.model import ObjectiveState, Origin, OwnerType
from domain.objective_rules import check_deletable, check_owner, origin_of
from tests.support.orgdata import objective, org_chart


def test_an_active_person_and_an_existing_unit_own_objectives() -> None:
    org = org_chart()

    check_owner(org, OwnerType.PERSON, "ana")
    check_owner(org, OwnerType.UNIT, "east")


def test_an_unknown_person_or_unit_is_not_found() -> None:
    org = org_chart()

    with pytest.raises(NotFound) as person:
        check_owner(org, OwnerType.PERSON, "nobody")
    with pytest.raises(NotFound) as unit:
        check_owner(org, OwnerType.UNIT, "nowhere")

    assert (person.value.code, person.value.field) == ("person.not_found", "owner_id")
    assert (unit.value.code, unit.value.field) == ("org_unit.not_found", "owner_id")


def test_a_deactivated_person_owns_nothing() -> None:
    org = org_chart()
    org.people["bob"].active = False

    with pytest.raises(RuleViolation) as refused:
        check_owner(org, OwnerType.PERSON, "bob")

    assert refused.value.code == "objective.owner_inactive"


def test_the_owner_creates_bottom_up_anyone_else_top_down() -> None:
    org = org_chart()

    assert origin_of(org, OwnerType.PERSON, "ana", "ana", None) is Origin.BOTTOM_UP
    assert origin_of(org, OwnerType.UNIT, "east", "lead", None) is Origin.BOTTOM_UP
    assert origin_of(org, OwnerType.PERSON, "ana", "lead", None) is Origin.TOP_DOWN
    assert origin_of(org, OwnerType.UNIT, "east", "vp", Origin.TOP_DOWN) is Origin.TOP_DOWN


def test_a_contradicting_origin_is_refused() -> None:
    org = org_chart()

    with pytest.raises(RuleViolation) as refused:
        origin_of(org, OwnerType.PERSON, "ana", "ana", Origin.TOP_DOWN)

    assert (refused.value.code, refused.value.field) == ("objective.origin_mismatch", "origin")
    assert refused.value.message == "an objective created by its owner is bottom_up, not top_down"


def test_only_drafts_are_deleted() -> None:
    check_deletable(objective("o", OwnerType.PERSON, "ana"))

    with pytest.raises(RuleViolation) as refused:
        check_deletable(objective("o", OwnerType.PERSON, "ana", state=ObjectiveState.AGREED))

    assert (refused.value.code, refused.value.field) == ("objective.not_draft", "state")
