"""Unit tests of scoring: progress, rounding, objective score, grades and sweet spot."""

from decimal import Decimal

import pytest

from domain.errors import RuleViolation
from domain.model import Grade, KeyResult, KeyResultKind
from domain.policy import Policy
from domain.scoring import grade_for, in_sweet_spot, kr_progress, kr_score, objective_score


def numeric(start: str, target: str, current: str | None) -> KeyResult:
    return KeyResult(
        id="kr",
        objective_id="o",
        title="t",
        kind=KeyResultKind.NUMERIC,
        weight=Decimal("50"),
        start_value=Decimal(start),
        target_value=Decimal(target),
        current_value=None if current is None else Decimal(current),
    )


def test_increasing_progress_is_linear() -> None:
    kr = numeric("0", "8", "5")

    progress = kr_progress(kr)

    assert progress == Decimal("0.625")
    assert kr_score(progress) == Decimal("0.63")


def test_decreasing_progress_counts_down_from_start() -> None:
    kr = numeric("100", "60", "70")

    progress = kr_progress(kr)

    assert progress == Decimal("0.75")


def test_decreasing_overshoot_is_clamped_to_one() -> None:
    kr = numeric("100", "60", "10")

    progress = kr_progress(kr)

    assert progress == Decimal("1")


def test_going_the_wrong_way_is_clamped_to_zero() -> None:
    increasing = numeric("10", "20", "5")
    decreasing = numeric("100", "60", "130")

    assert kr_progress(increasing) == Decimal("0")
    assert kr_progress(decreasing) == Decimal("0")


def test_increasing_overshoot_is_clamped_to_one() -> None:
    kr = numeric("0", "10", "15")

    assert kr_progress(kr) == Decimal("1")


def test_no_current_value_means_zero() -> None:
    kr = numeric("0", "10", None)

    assert kr_progress(kr) == Decimal("0")


def test_target_equal_to_start_is_refused() -> None:
    kr = numeric("5", "5", "5")

    with pytest.raises(RuleViolation) as err:
        kr_progress(kr)

    assert err.value.code == "key_result.target_equals_start"
    assert err.value.field == "kr"


def test_milestone_toggled_back_returns_to_zero() -> None:
    kr = KeyResult(
        id="m", objective_id="o", title="t", kind=KeyResultKind.MILESTONE, weight=Decimal(1)
    )

    kr.done = True
    done = kr_progress(kr)
    kr.done = False
    undone = kr_progress(kr)

    assert done == Decimal("1")
    assert undone == Decimal("0")


def test_derived_is_the_plain_mean_of_child_scores() -> None:
    kr = KeyResult(
        id="d", objective_id="o", title="t", kind=KeyResultKind.DERIVED, weight=Decimal(1)
    )

    progress = kr_progress(kr, child_scores=[Decimal("0.5"), Decimal("0.8"), Decimal("0.601")])
    empty = kr_progress(kr)

    assert kr_score(progress) == Decimal("0.63")
    assert empty == Decimal("0")


def test_kr_score_rounds_half_up() -> None:
    assert kr_score(Decimal("0.625")) == Decimal("0.63")
    assert kr_score(Decimal("0.615")) == Decimal("0.62")
    assert kr_score(Decimal("0.6249")) == Decimal("0.62")


def test_worked_example_scores_0_669_fair_in_sweet_spot() -> None:
    policy = Policy()
    krs = [("30", "8", "5"), ("40", "12", "9"), ("30", "10", "6")]

    scores = [(Decimal(w), kr_score(kr_progress(numeric("0", t, a)))) for w, t, a in krs]
    score = objective_score(scores)

    assert [s for _, s in scores] == [Decimal("0.63"), Decimal("0.75"), Decimal("0.60")]
    assert score == Decimal("0.669")
    assert score is not None
    assert grade_for(score, policy) is Grade.FAIR
    assert in_sweet_spot(score, policy)


def test_objective_score_rounds_half_up_to_three_places() -> None:
    pairs = [
        (Decimal("1"), Decimal("0.33")),
        (Decimal("1"), Decimal("0.34")),
        (Decimal("2"), Decimal("0")),
    ]

    score = objective_score(pairs)

    assert score == Decimal("0.168")


def test_objective_without_key_results_has_no_score() -> None:
    assert objective_score([]) is None


def test_objective_with_only_zero_weights_uses_plain_mean() -> None:
    pairs = [(Decimal("0"), Decimal("0.4")), (Decimal("0"), Decimal("0.8"))]

    assert objective_score(pairs) == Decimal("0.600")


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        ("1.000", Grade.EXCELLENT),
        ("0.900", Grade.EXCELLENT),
        ("0.899", Grade.GOOD),
        ("0.700", Grade.GOOD),
        ("0.699", Grade.FAIR),
        ("0.600", Grade.FAIR),
        ("0.599", Grade.PASS),
        ("0.400", Grade.PASS),
        ("0.399", Grade.POOR),
        ("0", Grade.POOR),
    ],
)
def test_grade_band_edges_are_inclusive_lower_bounds(score: str, grade: Grade) -> None:
    result = grade_for(Decimal(score), Policy())

    assert result is grade


@pytest.mark.parametrize(
    ("score", "inside"),
    [("0.599", False), ("0.600", True), ("0.650", True), ("0.700", True), ("0.701", False)],
)
def test_sweet_spot_is_inclusive(score: str, inside: bool) -> None:
    assert in_sweet_spot(Decimal(score), Policy()) is inside
