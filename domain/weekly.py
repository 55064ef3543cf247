"""The weekly meeting (周会, okr-domain §9): each KR at the end of a week and a week before.

Per KR: the value and score now and a week ago, the confidence now and a week ago with the notes
that explain its change, the week's check-ins, blockers and help requests, whether the KR is stale,
and why it is at risk (``low_confidence``: at or below the policy value now and a week ago;
``confidence_drop``: 3 or more lower than a week ago; ``stale``: no check-in past the stale limit).
"Now" is the end of the week (its last instant); "a week ago" the end of the week before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from domain.checkins import stale_key_results
from domain.errors import InvalidInput
from domain.forecast import Forecast, ForecastPoint, forecast_key_result
from domain.model import KeyResult, KeyResultKind
from domain.policy import Policy
from domain.scoring import kr_progress, kr_score

CONFIDENCE_DROP = 3
"""A fall of this much confidence in a week puts a KR at risk."""

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Week:
    """An ISO week: Monday to Sunday, as instants ``[starts, ends)`` in UTC."""

    label: str
    first_day: date
    last_day: date

    @property
    def starts(self) -> datetime:
        """Monday 00:00 UTC."""
        return datetime.combine(self.first_day, time(), tzinfo=UTC)

    @property
    def ends(self) -> datetime:
        """The next Monday 00:00 UTC (exclusive)."""
        return self.starts + timedelta(days=7)


def parse_week(text: str) -> Week:
    """``2026-W49`` as a week; anything else is refused."""
    match = _WEEK.match(text)
    if match is not None:
        try:
            first = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            pass
        else:
            return Week(text, first, first + timedelta(days=6))
    raise InvalidInput(
        f"week {text!r} is not an ISO week like 2026-W49", code="digest.invalid_week", field="week"
    )


def week_of(day: date) -> Week:
    """The ISO week containing ``day``."""
    year, number, _ = day.isocalendar()
    return parse_week(f"{year:04d}-W{number:02d}")


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """A check-in as the weekly meeting reads it."""

    id: str
    observed_at: datetime
    value: Decimal | None = None
    done: bool | None = None
    confidence: int | None = None
    note: str | None = None
    blocker: str | None = None
    needs_help_from: str | None = None


@dataclass(frozen=True, slots=True)
class KeyResultWeek:
    """One KR in the weekly meeting."""

    value_now: Decimal | None
    value_week_ago: Decimal | None
    score_now: Decimal | None
    score_week_ago: Decimal | None
    confidence_now: int | None
    confidence_week_ago: int | None
    confidence_notes: list[str]
    check_ins: list[WeekPoint]
    stale: bool
    blockers: list[str]
    help_requests: list[str]
    risks: list[str]
    forecast: Forecast
    """The end-of-cycle forecast from the points observed before the week's end
    (``domain.forecast``)."""


def _as_of(
    kr: KeyResult, points: Sequence[WeekPoint], until: datetime
) -> tuple[Decimal | None, bool, int | None]:
    """Value, done and confidence from the points observed before ``until`` (in order)."""
    value: Decimal | None = None
    done = False
    confidence: int | None = None
    for p in points:
        if p.observed_at >= until:
            break
        if p.value is not None:
            value = p.value
        if p.done is not None:
            done = p.done
        if p.confidence is not None:
            confidence = p.confidence
    return value, done, confidence


def _score(kr: KeyResult, value: Decimal | None, done: bool) -> Decimal:
    return kr_score(kr_progress(replace(kr, current_value=value, done=done)))


def key_result_week(
    kr: KeyResult,
    points: Sequence[WeekPoint],
    *,
    week: Week,
    policy: Policy,
    since: date,
    cycle_ends_on: date,
    derived_score: Decimal | None = None,
) -> KeyResultWeek:
    """The KR at the end of ``week`` and a week before, from its check-ins (oldest first, ties
    in the order received) observed before the week's end. A derived KR has no check-ins: its
    score now is ``derived_score`` (its current one) and a week ago unknown. ``since`` and
    ``cycle_ends_on`` are the cycle's first and last days (the forecast's axis)."""
    value_now, done_now, confidence_now = _as_of(kr, points, week.ends)
    value_ago, done_ago, confidence_ago = _as_of(kr, points, week.starts)
    derived = kr.kind is KeyResultKind.DERIVED
    score_now = derived_score if derived else _score(kr, value_now, done_now)
    score_ago = None if derived else _score(kr, value_ago, done_ago)
    in_week = [p for p in points if week.starts <= p.observed_at < week.ends]
    notes: list[str] = []
    running = confidence_ago
    for p in in_week:
        if p.confidence is not None and p.confidence != running:
            if p.note:
                notes.append(p.note)
            running = p.confidence
    last = next((p.observed_at for p in reversed(points) if p.observed_at < week.ends), None)
    stale = bool(
        stale_key_results(
            [(replace(kr, done=done_now), last)], today=week.last_day, policy=policy, since=since
        )
    )
    risks: list[str] = []
    if (
        confidence_now is not None
        and confidence_ago is not None
        and confidence_now <= policy.at_risk_confidence
        and confidence_ago <= policy.at_risk_confidence
    ):
        risks.append("low_confidence")
    if (
        confidence_now is not None
        and confidence_ago is not None
        and confidence_ago - confidence_now >= CONFIDENCE_DROP
    ):
        risks.append("confidence_drop")
    if stale:
        risks.append("stale")
    forecast = forecast_key_result(
        kind=kr.kind,
        start=kr.start_value,
        target=kr.target_value,
        points=[
            ForecastPoint(p.observed_at, p.value, p.done)
            for p in points
            if p.observed_at < week.ends
        ],
        cycle_starts_on=since,
        cycle_ends_on=cycle_ends_on,
        policy=policy,
    )
    return KeyResultWeek(
        value_now=value_now,
        value_week_ago=value_ago,
        score_now=score_now,
        score_week_ago=score_ago,
        confidence_now=confidence_now,
        confidence_week_ago=confidence_ago,
        confidence_notes=notes,
        check_ins=in_week,
        stale=stale,
        blockers=[p.blocker for p in in_week if p.blocker],
        help_requests=[p.needs_help_from for p in in_week if p.needs_help_from],
        risks=risks,
        forecast=forecast,
    )
