"""Unit tests of check-ins: admission, validation, ordering, idempotency and staleness."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from domain.checkins import (
    apply_checkin,
    check_checkin_allowed,
    current_point,
    idempotency_key,
    is_newer,
    stale_key_results,
    validate_checkin,
)
from domain.errors import RuleViolation
from domain.model import (
    CheckIn,
    Cycle,
    CycleKind,
    CycleState,
    KeyResult,
    KeyResultKind,
    ObjectiveState,
    OwnerType,
)
from domain.policy import Policy
from tests.support.orgdata import numeric_kr, objective

T0 = datetime(2025, 2, 1, 12, 0, tzinfo=UTC)


def cycle(state: CycleState) -> Cycle:
    return Cycle("q1", CycleKind.QUARTERLY, date(2025, 1, 1), date(2025, 3, 31), state=state)


def milestone(kid: str = "m", done: bool = False) -> KeyResult:
    return KeyResult(kid, "o", "launch", KeyResultKind.MILESTONE, Decimal(50), done=done)


def point(pid: str, observed: int, received: int = 0, **kw: object) -> CheckIn:
    values: dict[str, object] = {"value": Decimal(pid[-1]) if pid[-1].isdigit() else None}
    values.update(kw)
    return CheckIn(
        id=pid,
        key_result_id=str(values.pop("kr", "k")),
        observed_at=T0 + timedelta(hours=observed),
        received_at=T0 + timedelta(hours=observed + received),
        **values,  # type: ignore[arg-type]
    )


def codes(err: pytest.ExceptionInfo[RuleViolation]) -> list[str]:
    return [v.code for v in err.value.violations]


def test_agreed_objective_in_active_or_review_cycle_takes_checkins() -> None:
    obj = objective("o", OwnerType.PERSON, "ana", state=ObjectiveState.AGREED)

    check_checkin_allowed(obj, cycle(CycleState.ACTIVE))
    check_checkin_allowed(obj, cycle(CycleState.REVIEW))


def test_checkin_refusals_are_named_at_once() -> None:
    obj = objective("o", OwnerType.PERSON, "ana", state=ObjectiveState.PROPOSED)

    with pytest.raises(RuleViolation) as both:
        check_checkin_allowed(obj, cycle(CycleState.CLOSED))
    obj.state = ObjectiveState.AGREED
    with pytest.raises(RuleViolation) as planning:
        check_checkin_allowed(obj, cycle(CycleState.PLANNING))

    assert codes(both) == ["check_in.objective_not_agreed", "check_in.cycle_not_open"]
    assert planning.value.code == "check_in.cycle_not_open"


def test_numeric_checkin_needs_a_value_and_no_done() -> None:
    kr = numeric_kr("k", "o")

    validate_checkin(
        kr,
        value=Decimal(3),
        done=None,
        confidence=7,
        note=None,
        previous_confidence=None,
        by_person=True,
    )
    with pytest.raises(RuleViolation) as err:
        validate_checkin(
            kr,
            value=None,
            done=True,
            confidence=None,
            note=None,
            previous_confidence=None,
            by_person=True,
        )

    assert codes(err) == ["check_in.value_required", "check_in.done_not_allowed"]


def test_numeric_value_must_be_finite() -> None:
    with pytest.raises(RuleViolation) as err:
        validate_checkin(
            numeric_kr("k", "o"),
            value=Decimal("NaN"),
            done=None,
            confidence=None,
            note=None,
            previous_confidence=None,
            by_person=False,
        )

    assert err.value.code == "check_in.value_invalid"


def test_milestone_checkin_needs_done_and_no_value() -> None:
    validate_checkin(
        milestone(),
        value=None,
        done=False,
        confidence=None,
        note=None,
        previous_confidence=None,
        by_person=True,
    )

    with pytest.raises(RuleViolation) as err:
        validate_checkin(
            milestone(),
            value=Decimal(1),
            done=None,
            confidence=None,
            note=None,
            previous_confidence=None,
            by_person=True,
        )

    assert codes(err) == ["check_in.done_required", "check_in.value_not_allowed"]


def test_derived_kr_refuses_checkins() -> None:
    kr = KeyResult("d", "o", "teams", KeyResultKind.DERIVED, Decimal(50))

    with pytest.raises(RuleViolation) as err:
        validate_checkin(
            kr,
            value=Decimal(1),
            done=None,
            confidence=None,
            note=None,
            previous_confidence=None,
            by_person=False,
        )

    assert codes(err) == ["check_in.derived_key_result"]


@pytest.mark.parametrize(("confidence", "ok"), [(-1, False), (0, True), (10, True), (11, False)])
def test_confidence_is_0_to_10(confidence: int, ok: bool) -> None:
    def run() -> None:
        validate_checkin(
            numeric_kr("k", "o"),
            value=Decimal(1),
            done=None,
            confidence=confidence,
            note=None,
            previous_confidence=None,
            by_person=True,
        )

    if ok:
        run()
    else:
        with pytest.raises(RuleViolation) as err:
            run()
        assert err.value.code == "check_in.confidence_out_of_range"


def test_person_changing_confidence_must_say_why() -> None:
    kr = numeric_kr("k", "o")

    validate_checkin(
        kr,
        value=Decimal(1),
        done=None,
        confidence=6,
        note="lost a customer",
        previous_confidence=8,
        by_person=True,
    )
    validate_checkin(
        kr,
        value=Decimal(1),
        done=None,
        confidence=8,
        note=None,
        previous_confidence=8,
        by_person=True,
    )
    validate_checkin(
        kr,
        value=Decimal(1),
        done=None,
        confidence=6,
        note=None,
        previous_confidence=8,
        by_person=False,
    )
    with pytest.raises(RuleViolation) as err:
        validate_checkin(
            kr,
            value=Decimal(1),
            done=None,
            confidence=6,
            note="  ",
            previous_confidence=8,
            by_person=True,
        )

    assert err.value.code == "check_in.confidence_note_required"


def test_latest_observation_wins_and_ties_go_to_latest_received() -> None:
    early = point("p1", observed=0)
    late_observed = point("p2", observed=5)
    same_time_received_later = point("p3", observed=5, received=2)

    assert is_newer(early, None)
    assert is_newer(late_observed, early)
    assert not is_newer(early, late_observed)
    assert is_newer(same_time_received_later, late_observed)
    assert not is_newer(late_observed, late_observed)


def test_current_point_ignores_arrival_order() -> None:
    points = [point("p1", 0), point("p3", 9), point("p2", 4)]

    assert current_point(points) == points[1]
    assert current_point(reversed(points)) == points[1]
    assert current_point([]) is None


def test_late_checkin_does_not_override_a_newer_value() -> None:
    kr = numeric_kr("k", "o")
    newer = point("p7", observed=10)
    late = point("p2", observed=3, received=20)

    became_current = apply_checkin(kr, newer, None)
    late_became_current = apply_checkin(kr, late, newer)

    assert became_current
    assert not late_became_current
    assert kr.current_value == Decimal(7)


def test_milestone_toggled_back_by_a_newer_point() -> None:
    kr = milestone("k")
    done = point("pa", 1, done=True, value=None)
    undone = point("pb", 2, done=False, value=None)

    apply_checkin(kr, done, None)
    first = kr.done
    apply_checkin(kr, undone, done)

    assert first is True
    assert kr.done is False


def test_checkin_for_another_kr_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        apply_checkin(numeric_kr("k", "o"), point("p1", 0, kr="other"), None)


def test_idempotency_key_is_source_and_external_id() -> None:
    pushed = point("p1", 0, source="jira", external_id="ISSUE-1")
    manual = point("p2", 0)

    assert idempotency_key(pushed) == ("jira", "ISSUE-1")
    assert idempotency_key(manual) is None


def test_stale_after_more_than_seven_days() -> None:
    today = date(2025, 2, 20)
    rows: list[tuple[KeyResult, datetime | date | None]] = [
        (numeric_kr("seven", "o"), datetime(2025, 2, 13, 23, 0, tzinfo=UTC)),
        (numeric_kr("eight", "o"), date(2025, 2, 12)),
        (numeric_kr("never", "o"), None),
        (milestone("finished", done=True), None),
        (KeyResult("derived", "o", "d", KeyResultKind.DERIVED, Decimal(1)), None),
    ]

    stale = stale_key_results(rows, today=today, policy=Policy())
    since_start = stale_key_results(rows, today=today, policy=Policy(), since=date(2025, 2, 15))

    assert stale == ["eight", "never"]
    assert since_start == ["eight"]
