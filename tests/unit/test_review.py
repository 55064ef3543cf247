"""Unit tests of the review: final scores, overrides, grade, flags and the review lifecycle."""

from datetime import date
from decimal import Decimal

import pytest

from domain.access import Viewer
from domain.errors import InvalidTransition, PermissionDenied, RuleViolation
from domain.model import (
    Cycle,
    CycleKind,
    CycleState,
    Grade,
    Objective,
    ObjectiveState,
    OwnerType,
    ReviewFlag,
    ReviewState,
)
from domain.policy import Policy
from domain.review import (
    ReviewAnswers,
    build_review,
    check_can_confirm,
    check_review_editable,
    review_flags,
    transition_review,
)
from tests.support.orgdata import numeric_kr, objective, org_chart

ANSWERS = ReviewAnswers("why", "0.67, on plan", "ads weak", "late fair", "visit more")


def scored(*pairs: tuple[str, str]) -> Objective:
    obj = objective("o", OwnerType.PERSON, "ana", state=ObjectiveState.AGREED)
    obj.key_results = [
        numeric_kr(f"k{i}", "o", weight, score=Decimal(score))
        for i, (weight, score) in enumerate(pairs)
    ]
    return obj


def in_review() -> Cycle:
    return Cycle("q1", CycleKind.QUARTERLY, date(2025, 1, 1), date(2025, 3, 31), CycleState.REVIEW)


def test_final_scores_default_to_computed() -> None:
    obj = scored(("30", "0.63"), ("40", "0.75"), ("30", "0.60"))

    result = build_review(obj, overrides={}, achieved=True, answers=ANSWERS, policy=Policy())

    assert [f.final_score for f in result.key_results] == [
        Decimal("0.63"),
        Decimal("0.75"),
        Decimal("0.60"),
    ]
    assert result.score == Decimal("0.669")
    assert result.grade is Grade.FAIR
    assert result.flags == []


def test_override_with_reason_changes_the_score() -> None:
    obj = scored(("50", "0.50"), ("50", "0.50"))

    result = build_review(
        obj,
        overrides={"k0": (Decimal("0.9"), "the last deal closed after the data cut")},
        achieved=True,
        answers=ANSWERS,
        policy=Policy(),
    )

    assert result.key_results[0].final_score == Decimal("0.90")
    assert result.key_results[0].overridden
    assert result.score == Decimal("0.700")
    assert result.grade is Grade.GOOD


def test_override_without_reason_is_refused_but_same_score_needs_none() -> None:
    obj = scored(("50", "0.50"), ("50", "0.50"))

    same = build_review(
        obj,
        overrides={"k0": (Decimal("0.50"), None)},
        achieved=True,
        answers=ANSWERS,
        policy=Policy(),
    )
    with pytest.raises(RuleViolation) as err:
        build_review(
            obj,
            overrides={"k0": (Decimal("0.6"), " ")},
            achieved=True,
            answers=ANSWERS,
            policy=Policy(),
        )

    assert not same.key_results[0].overridden
    assert err.value.code == "review.override_reason_required"


def test_override_refusals_are_named_at_once() -> None:
    obj = scored(("50", "0.50"), ("50", "0.50"))

    with pytest.raises(RuleViolation) as err:
        build_review(
            obj,
            overrides={
                "k0": (Decimal("1.01"), "x"),
                "k1": (Decimal("-0.01"), "x"),
                "zz": (Decimal(0), "x"),
            },
            achieved=True,
            answers=ANSWERS,
            policy=Policy(),
        )

    assert [(v.code, v.field) for v in err.value.violations] == [
        ("review.unknown_key_result", "zz"),
        ("review.score_out_of_range", "k0"),
        ("review.score_out_of_range", "k1"),
    ]


@pytest.mark.parametrize(
    ("score", "achieved", "flags"),
    [
        ("0.849", True, []),
        ("0.850", True, [ReviewFlag.TOO_EASY]),
        ("0.850", False, [ReviewFlag.TOO_EASY, ReviewFlag.KRS_MET_OBJECTIVE_MISSED]),
        ("0.400", True, []),
        ("0.399", True, [ReviewFlag.RECONSIDER]),
        ("0.700", False, [ReviewFlag.KRS_MET_OBJECTIVE_MISSED]),
        ("0.699", False, []),
        ("0.700", None, []),
    ],
)
def test_flag_boundaries(score: str, achieved: bool | None, flags: list[ReviewFlag]) -> None:
    result = review_flags(Decimal(score), achieved, Policy())

    assert result == flags


def test_review_of_objective_without_krs_has_no_score() -> None:
    result = build_review(scored(), overrides={}, achieved=False, answers=ANSWERS, policy=Policy())

    assert result.score is None
    assert result.grade is None
    assert result.flags == []


def test_review_lifecycle() -> None:
    submitted = transition_review(
        ReviewState.DRAFT, "submit", cycle=in_review(), answers=ANSWERS, achieved=False
    )
    returned = transition_review(submitted, "return", cycle=in_review(), reason="answer 3 is thin")
    confirmed = transition_review(submitted, "confirm", cycle=in_review())

    assert submitted is ReviewState.SUBMITTED
    assert returned is ReviewState.DRAFT
    assert confirmed is ReviewState.CONFIRMED


def test_submit_needs_every_answer_and_achieved() -> None:
    partial = ReviewAnswers(goal="why", results=" ", measures="m", problems="", lessons="l")

    with pytest.raises(RuleViolation) as err:
        transition_review(ReviewState.DRAFT, "submit", answers=partial, achieved=None)
    with pytest.raises(RuleViolation) as none:
        transition_review(ReviewState.DRAFT, "submit", answers=ANSWERS)

    assert err.value.code == "review.incomplete"
    assert [(v.code, v.field) for v in err.value.violations] == [
        ("review.answer_required", "results"),
        ("review.answer_required", "problems"),
        ("review.achieved_required", "achieved"),
    ]
    assert none.value.code == "review.achieved_required"


def test_return_needs_a_reason() -> None:
    with pytest.raises(RuleViolation) as err:
        transition_review(ReviewState.SUBMITTED, "return", reason="")

    assert err.value.code == "review.reason_required"


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (ReviewState.DRAFT, "confirm"),
        (ReviewState.CONFIRMED, "return"),
        (ReviewState.SUBMITTED, "submit"),
        (ReviewState.DRAFT, "eat"),
    ],
)
def test_illegal_review_transitions(state: ReviewState, action: str) -> None:
    with pytest.raises(InvalidTransition) as err:
        transition_review(state, action, answers=ANSWERS, achieved=True, reason="r")

    assert err.value.code == "review.invalid_transition"


@pytest.mark.parametrize("state", [CycleState.PLANNING, CycleState.ACTIVE, CycleState.CLOSED])
def test_reviews_only_in_review_cycles(state: CycleState) -> None:
    cycle = in_review()
    cycle.state = state

    with pytest.raises(RuleViolation) as err:
        transition_review(ReviewState.DRAFT, "submit", cycle=cycle, answers=ANSWERS, achieved=True)

    assert err.value.code == "review.cycle_not_in_review"


def test_only_draft_reviews_are_edited() -> None:
    check_review_editable(ReviewState.DRAFT)

    with pytest.raises(InvalidTransition) as err:
        check_review_editable(ReviewState.SUBMITTED)

    assert err.value.code == "review.not_editable"


def test_manager_confirms_owner_does_not() -> None:
    org = org_chart()
    obj = scored(("100", "0.5"))

    check_can_confirm(obj, Viewer(id="lead", is_person=True), org)
    check_can_confirm(obj, Viewer(id="k", is_person=False, scopes=frozenset({"okrs:write"})), org)

    with pytest.raises(PermissionDenied) as err:
        check_can_confirm(obj, Viewer(id="ana", is_person=True), org)
    with pytest.raises(PermissionDenied) as as_reader:
        check_can_confirm(
            obj, Viewer(id="k", is_person=False, scopes=frozenset({"okrs:read"})), org
        )
    assert err.value.code == "objective.self_approval"
    assert as_reader.value.code == "objective.not_approver"
