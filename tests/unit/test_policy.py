"""Unit tests of the policy: defaults, validation, changes and round trips."""

from decimal import Decimal

import pytest

from domain.errors import PolicyViolation
from domain.policy import Policy


def test_defaults_follow_the_guides() -> None:
    policy = Policy()

    assert policy.max_objectives_per_owner == 5
    assert policy.max_key_results_per_objective == 4
    assert policy.weights_total == Decimal("100")
    assert policy.grade_excellent == Decimal("0.90")
    assert policy.stale_after_days == 7
    assert policy.violations() == []


def test_changed_returns_a_new_policy() -> None:
    policy = Policy()

    changed = policy.changed(max_objectives_per_owner=6, sweet_spot_high="0.75")

    assert changed.max_objectives_per_owner == 6
    assert changed.sweet_spot_high == Decimal("0.75")
    assert policy.max_objectives_per_owner == 5


def test_changed_refuses_unknown_field() -> None:
    with pytest.raises(PolicyViolation) as err:
        Policy().changed(max_cats=3)

    assert err.value.code == "policy.unknown_field"
    assert err.value.field == "max_cats"


def test_changed_refuses_wrong_types_including_float_and_bool() -> None:
    with pytest.raises(PolicyViolation) as err:
        Policy().changed(grade_good=0.7, max_objectives_per_owner=True, stale_after_days="7")

    codes = {(v.code, v.field) for v in err.value.violations}
    assert codes == {
        ("policy.wrong_type", "grade_good"),
        ("policy.wrong_type", "max_objectives_per_owner"),
        ("policy.wrong_type", "stale_after_days"),
    }


def test_bands_must_be_strictly_ordered() -> None:
    with pytest.raises(PolicyViolation) as err:
        Policy().changed(grade_fair=Decimal("0.70"))

    assert err.value.code == "policy.bands_not_ordered"
    assert err.value.field == "grade_good"


def test_every_violation_is_named_at_once() -> None:
    with pytest.raises(PolicyViolation) as err:
        Policy().changed(
            min_objectives_per_owner=6,
            sweet_spot_low=Decimal("0.8"),
            grade_excellent=Decimal("1.1"),
            bottom_up_share_target=Decimal("-0.1"),
        )

    codes = {(v.code, v.field) for v in err.value.violations}
    assert ("policy.min_above_max", "min_objectives_per_owner") in codes
    assert ("policy.sweet_spot_not_ordered", "sweet_spot_low") in codes
    assert ("policy.bands_not_ordered", "grade_excellent") in codes
    assert ("policy.out_of_range", "bottom_up_share_target") in codes
    assert err.value.code == "policy.violated"


def test_limits_must_be_positive() -> None:
    policy = Policy(max_key_results_per_objective=0, min_key_results_per_objective=0)

    problems = policy.violations()

    assert {v.field for v in problems} == {
        "max_key_results_per_objective",
        "min_key_results_per_objective",
    }
    assert {v.code for v in problems} == {"policy.not_positive"}


def test_grade_pass_must_be_above_zero_and_excellent_may_equal_one() -> None:
    zero_pass = Policy(grade_pass=Decimal("0"))
    top_one = Policy(grade_excellent=Decimal("1"))

    assert [v.field for v in zero_pass.violations()] == ["grade_pass"]
    assert top_one.violations() == []


def test_recommended_minimum_must_lie_inside_the_limits() -> None:
    policy = Policy(recommended_min_key_results=5)

    problems = policy.violations()

    assert [v.code for v in problems] == ["policy.recommended_outside_limits"]


def test_as_dict_round_trips_through_from_dict() -> None:
    policy = Policy().changed(ambition_warning=Decimal("0.88"), stale_after_days=14)

    data = policy.as_dict()
    again = Policy.from_dict(data)

    assert data["ambition_warning"] == "0.88"
    assert data["stale_after_days"] == 14
    assert again == policy


def test_from_dict_uses_defaults_and_refuses_bad_data() -> None:
    partial = Policy.from_dict({"grade_pass": "0.35"})

    with pytest.raises(PolicyViolation) as err:
        Policy.from_dict({"grade_pass": "abc", "nope": 1})

    assert partial.grade_pass == Decimal("0.35")
    assert partial.grade_fair == Decimal("0.60")
    assert {v.code for v in err.value.violations} == {"policy.wrong_type", "policy.unknown_field"}
