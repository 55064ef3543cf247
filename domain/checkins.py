"""Check-ins (okr-domain §6): who may check in, what a point must carry, which point is current."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from domain.errors import RuleViolation, Violation
from domain.model import (
    CheckIn,
    Cycle,
    CycleState,
    KeyResult,
    KeyResultKind,
    Objective,
    ObjectiveState,
)
from domain.policy import Policy

_OPEN_CYCLE_STATES = frozenset({CycleState.ACTIVE, CycleState.REVIEW})


def check_checkin_allowed(objective: Objective, cycle: Cycle) -> None:
    """Check-ins are accepted for agreed objectives in active or review cycles."""
    problems: list[Violation] = []
    if objective.state is not ObjectiveState.AGREED:
        problems.append(
            Violation(
                "check_in.objective_not_agreed",
                f"objective {objective.id} is {objective.state.value}; only agreed objectives "
                "take check-ins",
                "key_result_id",
            )
        )
    if cycle.state not in _OPEN_CYCLE_STATES:
        problems.append(
            Violation(
                "check_in.cycle_not_open",
                f"cycle {cycle.id} is {cycle.state.value}; check-ins need an active or review one",
                "cycle_id",
            )
        )
    if problems:
        raise RuleViolation.from_violations(problems)


def validate_checkin(
    kr: KeyResult,
    *,
    value: Decimal | None,
    done: bool | None,
    confidence: int | None,
    note: str | None,
    previous_confidence: int | None,
    by_person: bool,
) -> None:
    """Refuse a malformed check-in, naming every problem at once.

    A person who changes a previously stated confidence must say why in the note; the first
    confidence ever stated is not a change.
    """
    problems: list[Violation] = []
    if kr.kind is KeyResultKind.DERIVED:
        problems.append(
            Violation(
                "check_in.derived_key_result",
                f"key result {kr.id} is derived from aligned objectives and takes no check-ins",
                "key_result_id",
            )
        )
    elif kr.kind is KeyResultKind.NUMERIC:
        if value is None:
            problems.append(
                Violation("check_in.value_required", "a numeric key result needs a value", "value")
            )
        elif not value.is_finite():
            problems.append(Violation("check_in.value_invalid", "value must be finite", "value"))
        if done is not None:
            problems.append(
                Violation(
                    "check_in.done_not_allowed",
                    "a numeric key result takes a value, not done",
                    "done",
                )
            )
    else:
        if done is None:
            problems.append(
                Violation("check_in.done_required", "a milestone key result needs done", "done")
            )
        if value is not None:
            problems.append(
                Violation(
                    "check_in.value_not_allowed",
                    "a milestone key result takes done, not a value",
                    "value",
                )
            )
    if confidence is not None and (
        isinstance(confidence, bool) or not isinstance(confidence, int) or not 0 <= confidence <= 10
    ):
        problems.append(
            Violation(
                "check_in.confidence_out_of_range",
                "confidence is a whole number from 0 to 10",
                "confidence",
            )
        )
    elif (
        by_person
        and confidence is not None
        and previous_confidence is not None
        and confidence != previous_confidence
        and (note is None or not note.strip())
    ):
        problems.append(
            Violation(
                "check_in.confidence_note_required",
                f"confidence changed from {previous_confidence} to {confidence}: say why in a note",
                "note",
            )
        )
    if problems:
        raise RuleViolation.from_violations(problems)


Recency = tuple[datetime, datetime, str]


def recency(observed_at: datetime, received_at: datetime, id: str) -> Recency:
    """The key by which points compete for a KR's current value: the larger key is newer.

    Latest ``observed_at`` wins; ties go to the latest ``received_at`` (then the larger id).
    """
    return (observed_at, received_at, id)


def is_newer(candidate: CheckIn, current: CheckIn | None) -> bool:
    """Whether ``candidate`` beats ``current`` (see ``recency``)."""
    return current is None or recency(
        candidate.observed_at, candidate.received_at, candidate.id
    ) > recency(current.observed_at, current.received_at, current.id)


def current_point(points: Iterable[CheckIn]) -> CheckIn | None:
    """The point that sets a KR's current value, whatever order the points arrived in."""
    best: CheckIn | None = None
    for point in points:
        if is_newer(point, best):
            best = point
    return best


def apply_checkin(kr: KeyResult, point: CheckIn, current: CheckIn | None) -> bool:
    """Make ``point`` the KR's current value if it is newer than ``current``; say whether it did.

    A late, older point is kept in history by the caller and changes nothing here.
    """
    if point.key_result_id != kr.id:
        raise ValueError(f"check-in {point.id} is for {point.key_result_id}, not {kr.id}")
    if not is_newer(point, current):
        return False
    if point.value is not None:
        kr.current_value = point.value
    if point.done is not None:
        kr.done = point.done
    return True


def idempotency_key(point: CheckIn) -> tuple[str, str] | None:
    """``(source, external_id)`` when the sender gave an external id, else ``None``."""
    if point.external_id is None:
        return None
    return (point.source, point.external_id)


def stale_key_results(
    krs_with_last_checkin: Iterable[tuple[KeyResult, datetime | date | None]],
    *,
    today: date,
    policy: Policy,
    since: date | None = None,
) -> list[str]:
    """Ids of KRs with no check-in for more than ``policy.stale_after_days`` days.

    Derived KRs (no check-ins) and finished milestones are never stale. A KR without any check-in
    counts from ``since`` (e.g. the cycle's start); without ``since`` it is stale at once.
    """
    stale: list[str] = []
    for kr, last in krs_with_last_checkin:
        if kr.kind is KeyResultKind.DERIVED or (kr.kind is KeyResultKind.MILESTONE and kr.done):
            continue
        reference = last if last is not None else since
        if reference is None:
            stale.append(kr.id)
            continue
        day = reference.date() if isinstance(reference, datetime) else reference
        if (today - day).days > policy.stale_after_days:
            stale.append(kr.id)
    return stale
