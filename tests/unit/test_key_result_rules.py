"""Unit tests of the key result rules: scorable values, field sets, edits by cycle and state."""

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import RuleViolation
from domain.key_result_rules import (
    PROGRESS_FIELDS,
    SCORING_FIELDS,
    SETTINGS_FIELDS,
    affects_score,
    check_cycle_allows_edit,
    progress_violations,
    value_violations,
    with_changes,
)
from domain.lifecycle import KEY_RESULT_DEFINITION_FIELDS
from domain.model import Cycle, CycleKind, CycleState, KeyResultKind, ObjectiveState
from tests.support.orgdata import numeric_kr


def cycle(state: CycleState) -> Cycle:
    return Cycle(
        id="q1",
        kind=CycleKind.QUARTERLY,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 3, 31),
        state=state,
    )


def test_the_field_sets_do_not_overlap() -> None:
    assert PROGRESS_FIELDS.isdisjoint(SETTINGS_FIELDS)
    assert KEY_RESULT_DEFINITION_FIELDS.isdisjoint(PROGRESS_FIELDS | SETTINGS_FIELDS)


def test_a_numeric_kr_whose_target_equals_its_start_is_unscorable() -> None:
    kr = numeric_kr("k", "o", start_value=Decimal("5"), target_value=Decimal("5"))

    found = value_violations(kr)

    assert [(v.code, v.field) for v in found] == [
        ("key_result.target_equals_start", "target_value")
    ]


def test_other_values_are_scorable() -> None:
    assert value_violations(numeric_kr("k", "o")) == []
    assert value_violations(numeric_kr("k", "o", start_value=None, target_value=None)) == []
    milestone = numeric_kr("k", "o", kind=KeyResultKind.MILESTONE, target_value=Decimal("0"))
    milestone.start_value = Decimal("0")
    assert value_violations(milestone) == []


def test_settings_change_until_the_cycle_closes() -> None:
    check_cycle_allows_edit(cycle(CycleState.REVIEW), {"unit", "metric_key"})

    with pytest.raises(RuleViolation):
        check_cycle_allows_edit(cycle(CycleState.CLOSED), {"unit"})


def test_anything_else_only_while_the_cycle_is_open_for_planning() -> None:
    check_cycle_allows_edit(cycle(CycleState.PLANNING), {"unit", "title"})

    with pytest.raises(RuleViolation):
        check_cycle_allows_edit(cycle(CycleState.CLOSED), {"unit", "title"})


def test_progress_is_set_by_hand_only_in_drafts() -> None:
    assert progress_violations(ObjectiveState.DRAFT, {"current_value", "done"}) == []

    found = progress_violations(ObjectiveState.AGREED, {"done", "current_value", "unit"})

    assert [(v.code, v.field) for v in found] == [
        ("key_result.progress_by_check_in", "current_value"),
        ("key_result.progress_by_check_in", "done"),
    ]
    assert found[0].message == (
        "current_value of a agreed objective's key result changes through check-ins"
    )


def test_with_changes_applies_definition_and_progress_fields_only() -> None:
    kr = numeric_kr("k", "o")

    candidate = with_changes(
        kr,
        {
            "target_value": Decimal("20"),
            "current_value": Decimal("4"),
            "unit": "EUR",
            "confidence": 3,
        },
    )

    assert (candidate.target_value, candidate.current_value) == (Decimal("20"), Decimal("4"))
    assert kr.target_value == Decimal("10") and kr.current_value is None


def test_only_the_scoring_fields_affect_scores() -> None:
    assert SCORING_FIELDS <= KEY_RESULT_DEFINITION_FIELDS | PROGRESS_FIELDS
    assert affects_score({"unit", "weight"})
    assert not affects_score({"unit", "metric_key", "title", "due_on", "confidence"})
