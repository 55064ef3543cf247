"""Unit tests of the cycle and objective lifecycles, submission, freezing and change requests."""

from datetime import date
from decimal import Decimal

import pytest

from domain.errors import (
    FrozenField,
    InvalidTransition,
    PermissionDenied,
    PolicyViolation,
    RuleViolation,
)
from domain.lifecycle import (
    apply_change_request,
    check_can_accept_change_request,
    check_change_request,
    check_cycle_open_for_planning,
    check_cycle_writable,
    check_key_result_add_remove,
    check_key_result_edit,
    check_objective_edit,
    transition_cycle,
    transition_objective,
    validate_submission,
)
from domain.model import (
    Cycle,
    CycleKind,
    CycleState,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
    OwnerType,
)
from domain.policy import Policy
from tests.support.orgdata import numeric_kr, objective, org_chart

DUE = date(2025, 3, 31)


def quarter(state: CycleState = CycleState.PLANNING) -> Cycle:
    return Cycle(
        id="q1", kind=CycleKind.QUARTERLY, starts_on=date(2025, 1, 1), ends_on=DUE, state=state
    )


def year(state: CycleState = CycleState.ACTIVE) -> Cycle:
    return Cycle(
        id="y",
        kind=CycleKind.ANNUAL,
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 12, 31),
        state=state,
    )


def ready_objective(*weights: str) -> Objective:
    obj = objective("o1", OwnerType.PERSON, "ana")
    obj.key_results = [numeric_kr(f"k{i}", "o1", w, due_on=DUE) for i, w in enumerate(weights)]
    return obj


def codes(
    err: pytest.ExceptionInfo[PolicyViolation] | pytest.ExceptionInfo[FrozenField],
) -> list[str]:
    return [v.code for v in err.value.violations]


# -- cycle ------------------------------------------------------------------------------------


def test_cycle_runs_forward() -> None:
    active = transition_cycle(CycleState.PLANNING, "activate")
    review = transition_cycle(active, "start_review")
    closed = transition_cycle(review, "close")

    assert (active, review, closed) == (CycleState.ACTIVE, CycleState.REVIEW, CycleState.CLOSED)


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (CycleState.PLANNING, "close"),
        (CycleState.ACTIVE, "activate"),
        (CycleState.CLOSED, "activate"),
        (CycleState.REVIEW, "start_review"),
        (CycleState.ACTIVE, "explode"),
    ],
)
def test_illegal_cycle_transitions_are_refused(state: CycleState, action: str) -> None:
    with pytest.raises(InvalidTransition) as err:
        transition_cycle(state, action)

    assert err.value.code == "cycle.invalid_transition"
    assert state.value in err.value.message


def test_cycle_transition_message_names_from_and_to() -> None:
    with pytest.raises(InvalidTransition) as err:
        transition_cycle(CycleState.PLANNING, "close")

    assert "planning -> closed" in err.value.message


def test_planning_is_open_in_planning_and_active_only() -> None:
    check_cycle_open_for_planning(quarter(CycleState.PLANNING))
    check_cycle_open_for_planning(quarter(CycleState.ACTIVE))

    for state in (CycleState.REVIEW, CycleState.CLOSED):
        with pytest.raises(RuleViolation) as err:
            check_cycle_open_for_planning(quarter(state))
        assert err.value.code == "cycle.not_open"


def test_closed_cycle_is_read_only() -> None:
    check_cycle_writable(quarter(CycleState.REVIEW))

    with pytest.raises(RuleViolation) as err:
        check_cycle_writable(quarter(CycleState.CLOSED))

    assert err.value.code == "cycle.closed"


# -- objective state machine ----------------------------------------------------------------


def test_objective_happy_path_and_return() -> None:
    proposed = transition_objective(ObjectiveState.DRAFT, "submit")
    agreed = transition_objective(proposed, "approve")
    returned = transition_objective(proposed, "return", "KR 2 is not measurable")
    cancelled = transition_objective(agreed, "cancel", reason="market changed")

    assert proposed is ObjectiveState.PROPOSED
    assert agreed is ObjectiveState.AGREED
    assert returned is ObjectiveState.DRAFT
    assert cancelled is ObjectiveState.CANCELLED


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_return_and_cancel_need_a_reason(reason: str | None) -> None:
    with pytest.raises(RuleViolation) as ret:
        transition_objective(ObjectiveState.PROPOSED, "return", reason)
    with pytest.raises(RuleViolation) as cancel:
        transition_objective(ObjectiveState.AGREED, "cancel", reason)

    assert ret.value.code == "objective.reason_required"
    assert cancel.value.code == "objective.reason_required"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (ObjectiveState.DRAFT, "approve"),
        (ObjectiveState.DRAFT, "cancel"),
        (ObjectiveState.AGREED, "submit"),
        (ObjectiveState.CANCELLED, "submit"),
        (ObjectiveState.AGREED, "return"),
        (ObjectiveState.PROPOSED, "fly"),
    ],
)
def test_illegal_objective_transitions_are_refused(state: ObjectiveState, action: str) -> None:
    with pytest.raises(InvalidTransition) as err:
        transition_objective(state, action, "a reason")

    assert err.value.code == "objective.invalid_transition"


# -- submission ---------------------------------------------------------------------------


def test_valid_submission_returns_no_warnings() -> None:
    obj = ready_objective("30", "40", "30")

    warnings = validate_submission(obj, quarter(), owner_objective_count=1, policy=Policy())

    assert warnings == []


def test_weights_of_exactly_100_pass_and_99_99_fails() -> None:
    good = ready_objective("33.33", "33.33", "33.34")
    bad = ready_objective("33.33", "33.33", "33.33")

    validate_submission(good, quarter(), owner_objective_count=1, policy=Policy())
    with pytest.raises(PolicyViolation) as err:
        validate_submission(bad, quarter(), owner_objective_count=1, policy=Policy())

    assert err.value.code == "objective.submission_invalid"
    assert codes(err) == ["objective.weights_not_100"]


def test_one_kr_and_one_objective_only_warn() -> None:
    obj = ready_objective("100")

    warnings = validate_submission(obj, quarter(), owner_objective_count=0, policy=Policy())

    assert [w.code for w in warnings] == ["objective.few_key_results", "objective.few_objectives"]


def test_no_key_results_is_refused() -> None:
    obj = ready_objective()

    with pytest.raises(PolicyViolation) as err:
        validate_submission(obj, quarter(), owner_objective_count=1, policy=Policy())

    assert codes(err) == ["objective.too_few_key_results"]


def test_every_submission_error_is_named_at_once() -> None:
    obj = ready_objective("20", "20", "20", "20", "0")
    obj.key_results[0].target_value = obj.key_results[0].start_value
    obj.key_results[1].due_on = date(2025, 4, 1)
    obj.key_results[2].due_on = None
    obj.key_results[3].target_value = None

    with pytest.raises(PolicyViolation) as err:
        validate_submission(obj, quarter(), owner_objective_count=5, policy=Policy())

    found = {(v.code, v.field) for v in err.value.violations}
    assert found == {
        ("objective.too_many_key_results", "key_results"),
        ("objective.weights_not_100", "key_results"),
        ("key_result.target_equals_start", "k0"),
        ("key_result.due_outside_cycle", "k1"),
        ("key_result.due_outside_cycle", "k2"),
        ("key_result.target_equals_start", "k3"),
        ("key_result.weight_not_positive", "k4"),
        ("objective.too_many_objectives", "owner_id"),
    }
    assert err.value.code == "objective.submission_invalid"


def test_objective_limit_counts_this_one() -> None:
    obj = ready_objective("50", "50")

    validate_submission(obj, quarter(), owner_objective_count=4, policy=Policy())
    with pytest.raises(PolicyViolation) as err:
        validate_submission(obj, quarter(), owner_objective_count=5, policy=Policy())

    assert codes(err) == ["objective.too_many_objectives"]


def test_due_dates_on_cycle_edges_are_inside() -> None:
    obj = ready_objective("50", "50")
    obj.key_results[0].due_on = date(2025, 1, 1)

    warnings = validate_submission(obj, quarter(), owner_objective_count=1, policy=Policy())

    assert warnings == []


def test_milestone_and_derived_need_no_target() -> None:
    obj = ready_objective()
    obj.key_results = [
        KeyResult("m", "o1", "launch", KeyResultKind.MILESTONE, Decimal("50"), due_on=DUE),
        KeyResult("d", "o1", "teams", KeyResultKind.DERIVED, Decimal("50"), due_on=DUE),
    ]

    warnings = validate_submission(obj, quarter(), owner_objective_count=1, policy=Policy())

    assert warnings == []


def test_policy_changes_the_limits() -> None:
    obj = ready_objective("50", "50")
    strict = Policy().changed(
        max_key_results_per_objective=1,
        min_key_results_per_objective=1,
        recommended_min_key_results=1,
    )

    with pytest.raises(PolicyViolation) as err:
        validate_submission(obj, quarter(), owner_objective_count=0, policy=strict)

    assert codes(err) == ["objective.too_many_key_results"]


# -- freezing -----------------------------------------------------------------------------


def test_draft_objective_is_edited_freely() -> None:
    obj = ready_objective("100")

    check_objective_edit(obj, {"title", "description"})
    check_key_result_edit(obj, quarter(), {"target_value", "weight"})
    check_key_result_add_remove(obj, quarter())


def test_proposed_objective_is_not_editable() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.PROPOSED

    with pytest.raises(RuleViolation) as a:
        check_objective_edit(obj, {"title"})
    with pytest.raises(RuleViolation) as b:
        check_key_result_edit(obj, quarter(), {"title"})
    with pytest.raises(RuleViolation) as c:
        check_key_result_add_remove(obj, quarter())

    assert {a.value.code, b.value.code, c.value.code} == {"objective.not_editable"}


@pytest.mark.parametrize("state", [ObjectiveState.AGREED, ObjectiveState.CANCELLED])
def test_agreed_objective_text_is_frozen_field_by_field(state: ObjectiveState) -> None:
    obj = ready_objective("100")
    obj.state = state

    with pytest.raises(FrozenField) as err:
        check_objective_edit(obj, {"title", "description", "origin"})

    assert [(v.code, v.field) for v in err.value.violations] == [
        ("objective.frozen", "description"),
        ("objective.frozen", "title"),
    ]


def test_agreed_objective_other_fields_may_change() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED

    check_objective_edit(obj, {"origin"})
    check_objective_edit(obj, set())


@pytest.mark.parametrize("kind", [CycleKind.QUARTERLY, CycleKind.MONTHLY])
def test_agreed_kr_definitions_are_frozen_in_short_cycles(kind: CycleKind) -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED
    cycle = quarter(CycleState.ACTIVE)
    cycle.kind = kind

    with pytest.raises(FrozenField) as err:
        check_key_result_edit(obj, cycle, {"target_value", "weight"})

    assert codes(err) == ["key_result.frozen", "key_result.frozen"]
    assert {v.field for v in err.value.violations} == {"target_value", "weight"}


def test_agreed_annual_kr_needs_a_change_request() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED

    with pytest.raises(FrozenField) as edit:
        check_key_result_edit(obj, year(), {"start_value"})
    with pytest.raises(FrozenField) as add:
        check_key_result_add_remove(obj, year())
    with pytest.raises(FrozenField) as add_quarter:
        check_key_result_add_remove(obj, quarter())

    assert edit.value.code == "key_result.change_request_required"
    assert add.value.code == "key_result.change_request_required"
    assert add_quarter.value.code == "key_result.frozen"


# -- change requests ------------------------------------------------------------------------


def test_change_request_on_agreed_annual_kr() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED
    kr = obj.key_results[0]
    changes = {"target_value": Decimal("20"), "due_on": date(2025, 6, 30)}

    check_change_request(obj, year(), changes, key_result=kr)
    changed = apply_change_request(kr, changes)

    assert changed.target_value == Decimal("20")
    assert changed.due_on == date(2025, 6, 30)
    assert kr.target_value == Decimal("10")


def test_change_request_refusals_are_named_at_once() -> None:
    obj = ready_objective("100")

    with pytest.raises(RuleViolation) as err:
        check_change_request(obj, quarter(), {"current_value": Decimal(1), "weight": 0.5})

    assert [v.code for v in err.value.violations] == [
        "change_request.not_annual",
        "change_request.objective_not_agreed",
        "change_request.field_not_allowed",
        "change_request.wrong_type",
    ]
    assert err.value.code == "change_request.invalid"


def test_change_request_must_keep_the_kr_measurable() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED
    kr = obj.key_results[0]

    with pytest.raises(RuleViolation) as err:
        check_change_request(obj, year(), {"target_value": Decimal("0")}, key_result=kr)
    with pytest.raises(RuleViolation) as empty:
        check_change_request(obj, year(), {})
    with pytest.raises(RuleViolation) as closed:
        check_change_request(obj, year(CycleState.CLOSED), {"title": "x"})

    assert err.value.code == "key_result.target_equals_start"
    assert empty.value.code == "change_request.empty"
    assert closed.value.code == "cycle.closed"


def test_change_request_kind_accepts_enum_value_strings() -> None:
    obj = ready_objective("100")
    obj.state = ObjectiveState.AGREED

    check_change_request(obj, year(), {"kind": "milestone"})
    changed = apply_change_request(obj.key_results[0], {"kind": "milestone"})

    assert changed.kind is KeyResultKind.MILESTONE


def test_change_request_is_accepted_by_the_approver_only() -> None:
    org = org_chart()
    obj = ready_objective("100")

    check_can_accept_change_request(obj, "lead", org)

    with pytest.raises(PermissionDenied) as err:
        check_can_accept_change_request(obj, "ana", org)
    assert err.value.code == "objective.self_approval"
