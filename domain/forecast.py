"""Forecast: the score a KR and an objective will most likely end the cycle with, and how sure.

docs/forecast.md describes the method, its calibration and its backtest figures. In short:

- Time is the share of the cycle elapsed, ``τ`` in [0, 1]: 0 at the start of the cycle's first day
  (UTC), 1 at the end of its last day. A point observed on a calendar date counts at the end of
  that day; instants before the start count at 0, after the end at 1.
- A numeric KR's points become progress ``p`` on the scoring scale (okr-domain §3), not clamped,
  so that overshoot and slips below the start still inform the trend.
- ``theil_sen`` (3 observed instants or more): a Theil–Sen line (the median of the pairwise
  slopes, the median intercept) through the KR's start (``τ`` 0, ``p`` 0) and the points, kept to
  the latest quarter of the cycle before the latest point (at least 3 points), evaluated at
  ``τ = 1``. The 80% interval is ``± z·√(s²·(1 + 1/n + (1 − τ̄)²/Sττ) + (d·r)²)`` with ``s`` the
  residuals' robust spread (1.4826 × their median absolute value, at least a floor), ``r`` the
  share of the cycle left after the latest point, and ``z``, ``d`` and the floor calibrated on
  generated histories (``Calibration``).
- ``pace`` (1 or 2 points): the latest progress extrapolated at its constant pace since the start,
  ``p / τ``; the interval ``± z·√((s/τ)² + (d·r)²)``, wide early in the cycle.
- ``milestone_done``: done at the latest point, 1.00 exactly. ``milestone_open``: the probability
  that it is done by the end given that it is not yet, from a prior (done by the end with
  probability ``q``, the completion instant distributed as ``τ²``), so ``q(1 − e²)/(1 − q·e²)``
  at elapsed share ``e``; the interval is the 80% interval of the 0-or-1 outcome.
- ``derived_rollup``: the weight-free mean of the aligned objectives' forecasts (as the score
  rolls up, okr-domain §3, §5), or no forecast when they are not given.
- Objectives: the weighted forecast (weights as in ``scoring.objective_score``); the interval's
  ends are the weighted ends of the KRs' intervals (exact when the KRs' errors move together,
  wider than needed when they do not).
- The band (``ForecastBand``): ``on_track`` from the policy's sweet-spot lower bound up,
  ``off_track`` below its reconsider threshold, ``at_risk`` in between.

Scores use ``scoring``'s rounding (KR 2 decimals, objective 3, ROUND_HALF_UP) and lie in [0, 1],
``low <= score <= high``. All arithmetic is ``Decimal`` in a fixed context, and points are put in a
canonical order first, so a forecast depends only on the set of points, never on their order.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from functools import lru_cache

from domain.model import CheckIn, Cycle, KeyResult, KeyResultKind
from domain.policy import Policy
from domain.scoring import clamp, kr_score, objective_score

ZERO = Decimal("0")
ONE = Decimal("1")
_SHARE_QUANTUM = Decimal("0.0001")
_MICROSECONDS_PER_DAY = 86_400_000_000
_CONTEXT = Context(
    prec=28,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_DEFAULT_POLICY = Policy()

INTERVAL_LEVEL = Decimal("0.80")
"""The nominal coverage of every forecast interval."""

MAX_FIT_POINTS = 64
"""Above this many points the fit uses an even subsample (always with the first and latest)."""


class ForecastBand(enum.StrEnum):
    """Where the forecast score lies against the policy's sweet spot and reconsider threshold."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class ForecastMethod(enum.StrEnum):
    """How a forecast was made (stable names)."""

    THEIL_SEN = "theil_sen"
    PACE = "pace"
    MILESTONE_DONE = "milestone_done"
    MILESTONE_OPEN = "milestone_open"
    DERIVED_ROLLUP = "derived_rollup"
    WEIGHTED = "weighted"
    NONE = "none"


class ForecastReason(enum.StrEnum):
    """Why no forecast is given (stable codes; ``REASON_MESSAGES`` has a sentence for each)."""

    NO_CHECK_INS = "no_check_ins"
    NOT_MEASURABLE = "not_measurable"
    DERIVED = "derived"
    CHILD_WITHOUT_FORECAST = "child_without_forecast"
    NO_KEY_RESULTS = "no_key_results"
    KEY_RESULT_WITHOUT_FORECAST = "key_result_without_forecast"


REASON_MESSAGES: dict[ForecastReason, str] = {
    ForecastReason.NO_CHECK_INS: "no check-in in the cycle yet",
    ForecastReason.NOT_MEASURABLE: "the key result has no start and target to measure against",
    ForecastReason.DERIVED: "no forecast, derived from aligned objectives",
    ForecastReason.CHILD_WITHOUT_FORECAST: "an objective aligned to it has no forecast",
    ForecastReason.NO_KEY_RESULTS: "the objective has no key results",
    ForecastReason.KEY_RESULT_WITHOUT_FORECAST: "a key result of the objective has no forecast",
}


@dataclass(frozen=True, slots=True)
class Calibration:
    """The method's constants; the defaults are calibrated on generated histories.

    ``z``: the normal quantile of the nominal level; ``residual_floor``: the least residual spread
    (progress units); ``trend_drift``: the spread a trend may drift by over a whole cycle;
    ``pace_noise`` and ``pace_drift``: the same for ``pace``; ``milestone_prior``: the share of
    milestones done by the end; ``window``: the share of the cycle the trend is fitted over.
    """

    z: Decimal = Decimal("1.2816")
    residual_floor: Decimal = Decimal("0.02")
    trend_drift: Decimal = Decimal("0.55")
    pace_noise: Decimal = Decimal("0.03")
    pace_drift: Decimal = Decimal("0.45")
    milestone_prior: Decimal = Decimal("0.7")
    window: Decimal = Decimal("0.25")


CALIBRATION = Calibration()
_MAD_TO_SIGMA = Decimal("1.4826")


@dataclass(frozen=True, slots=True)
class ForecastPoint:
    """One known point: a numeric ``value`` or a milestone's ``done``, when it was true.

    ``at`` is a calendar date (counts at the end of that day) or an instant (naive = UTC);
    ``received_at`` is when the service learnt it (a backtest uses only points received by then).
    """

    at: date | datetime
    value: Decimal | None = None
    done: bool | None = None
    received_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Forecast:
    """A KR's projected end-of-cycle progress and score with an 80% interval of the score.

    ``progress`` is unrounded in [0, 1]; ``score``, ``low`` and ``high`` have 2 decimals. When no
    forecast is given they are ``None`` and ``reason`` says why.
    """

    method: ForecastMethod
    points_used: int
    progress: Decimal | None = None
    score: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    band: ForecastBand | None = None
    reason: ForecastReason | None = None


@dataclass(frozen=True, slots=True)
class ObjectiveForecast:
    """An objective's weighted forecast (3 decimals) with its interval, or the reason for none."""

    method: ForecastMethod
    points_used: int
    score: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    band: ForecastBand | None = None
    reason: ForecastReason | None = None


def band_for(score: Decimal, policy: Policy = _DEFAULT_POLICY) -> ForecastBand:
    """``on_track`` at or above the sweet spot's lower bound, ``off_track`` below reconsider."""
    if score >= policy.sweet_spot_low:
        return ForecastBand.ON_TRACK
    if score < policy.reconsider_below:
        return ForecastBand.OFF_TRACK
    return ForecastBand.AT_RISK


def points_from_checkins(checkins: Iterable[CheckIn]) -> list[ForecastPoint]:
    """The forecast's points of a KR's (not voided) check-ins."""
    return [
        ForecastPoint(c.observed_at, c.value, c.done, c.received_at)
        for c in checkins
        if c.value is not None or c.done is not None
    ]


# --- time ------------------------------------------------------------------------------------


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _instant(moment: date | datetime) -> datetime:
    """A date counts at the end of that day (the next day's midnight, UTC)."""
    if isinstance(moment, datetime):
        return _utc(moment)
    return datetime.combine(moment + timedelta(days=1), time(), tzinfo=UTC)


class _Axis:
    """Cycle time as a share of the cycle: 0 at the start of its first day, 1 at its end."""

    __slots__ = ("starts_on", "days", "start", "end", "length_us")

    def __init__(self, starts_on: date, ends_on: date) -> None:
        if ends_on < starts_on:
            raise ValueError(f"cycle ends on {ends_on}, before its start on {starts_on}")
        self.starts_on = starts_on
        self.days = (ends_on - starts_on).days + 1
        self.start = datetime.combine(starts_on, time(), tzinfo=UTC)
        self.end = _instant(ends_on)
        self.length_us = self.days * _MICROSECONDS_PER_DAY

    def share(self, moment: date | datetime) -> Decimal:
        if not isinstance(moment, datetime):
            return _day_share((moment - self.starts_on).days + 1, self.days)
        instant = _utc(moment)
        if instant <= self.start:
            return ZERO
        if instant >= self.end:
            return ONE
        delta = instant - self.start
        micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
        return Decimal(micros) / Decimal(self.length_us)


@lru_cache(maxsize=4096)
def _day_share(days: int, length: int) -> Decimal:
    """The share of a ``length``-day cycle elapsed at the end of its ``days``-th day."""
    if days <= 0:
        return ZERO
    if days >= length:
        return ONE
    with localcontext(_CONTEXT):
        return Decimal(days) / Decimal(length)


# --- points ----------------------------------------------------------------------------------


def _known(points: Iterable[ForecastPoint], as_of: datetime | None) -> list[ForecastPoint]:
    if as_of is None:
        return list(points)
    return [
        p
        for p in points
        if _instant(p.at) <= as_of and (p.received_at is None or _utc(p.received_at) <= as_of)
    ]


def _collapse(
    keyed: list[tuple[Decimal, datetime | None, Decimal]],
) -> list[tuple[Decimal, Decimal]]:
    """One ``(τ, y)`` per instant, in time order: the latest received there wins, ties the median.

    Points without ``received_at`` count as received before any that has one.
    """
    keyed.sort(key=lambda item: item[0])
    out: list[tuple[Decimal, Decimal]] = []
    index = 0
    count = len(keyed)
    while index < count:
        at = keyed[index][0]
        stop = index + 1
        while stop < count and keyed[stop][0] == at:
            stop += 1
        if stop == index + 1:
            out.append((at, keyed[index][2]))
        else:
            group = keyed[index:stop]
            stamps = [g[1] for g in group if g[1] is not None]
            latest = max(stamps) if stamps else None
            values = sorted(g[2] for g in group if g[1] == latest)
            out.append((at, _median(values)))
        index = stop
    return out


def _progress_series(
    points: Iterable[ForecastPoint], axis: _Axis, start: Decimal, span: Decimal
) -> list[tuple[Decimal, Decimal]]:
    """``(τ, unclamped progress)`` per instant of the points that carry a finite value."""
    keyed = [
        (axis.share(p.at), _received(p), (p.value - start) / span)
        for p in points
        if p.value is not None and p.value.is_finite()
    ]
    return _collapse(keyed)


def _done_series(points: Iterable[ForecastPoint], axis: _Axis) -> list[tuple[Decimal, Decimal]]:
    """``(τ, 1 if done else 0)`` per instant of the points that carry ``done``."""
    keyed = [
        (axis.share(p.at), _received(p), ONE if p.done else ZERO)
        for p in points
        if p.done is not None
    ]
    return _collapse(keyed)


def _received(point: ForecastPoint) -> datetime | None:
    return None if point.received_at is None else _utc(point.received_at)


def _median(ordered: Sequence[Decimal]) -> Decimal:
    """The median of an already sorted, non-empty sequence."""
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _thin(series: list[tuple[Decimal, Decimal]]) -> list[tuple[Decimal, Decimal]]:
    count = len(series)
    if count <= MAX_FIT_POINTS:
        return series
    last = MAX_FIT_POINTS - 1
    return [series[(i * (count - 1) + last // 2) // last] for i in range(MAX_FIT_POINTS)]


# --- the methods -----------------------------------------------------------------------------


def _interval(projected: Decimal, half_width: Decimal) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    progress = clamp(projected)
    return (
        progress,
        kr_score(progress),
        kr_score(clamp(projected - half_width)),
        kr_score(clamp(projected + half_width)),
    )


def _fit_window(
    series: list[tuple[Decimal, Decimal]], window: Decimal
) -> tuple[list[tuple[Decimal, Decimal]], int]:
    """The KR's start (τ 0, progress 0, unless a point was observed at τ 0) and the points of
    the latest ``window`` of the cycle, at least 3 in all; and how many observed points it keeps.
    """
    with_start = series[0][0] > ZERO
    if with_start:
        series = [(ZERO, ZERO), *series]
    since = series[-1][0] - window
    first = 0
    while first < len(series) - 3 and series[first][0] < since:
        first += 1
    kept = series[first:]
    return kept, len(kept) - 1 if with_start and first == 0 else len(kept)


def _theil_sen(
    series: list[tuple[Decimal, Decimal]], calibration: Calibration
) -> tuple[Decimal, Decimal, int]:
    """Projection at τ = 1, the interval's half-width and the observed points used (3 or more
    distinct instants observed)."""
    fit, used = _fit_window(series, calibration.window)
    n = len(fit)
    slopes = sorted(
        (fit[j][1] - fit[i][1]) / (fit[j][0] - fit[i][0]) for i in range(n) for j in range(i + 1, n)
    )
    slope = _median(slopes)
    intercept = _median(sorted(y - slope * t for t, y in fit))
    projected = intercept + slope
    spread = _median(sorted(abs(y - intercept - slope * t) for t, y in fit)) * _MAD_TO_SIGMA
    spread = max(spread, calibration.residual_floor)
    mean_t = sum((t for t, _ in fit), ZERO) / n
    sxx = sum(((t - mean_t) ** 2 for t, _ in fit), ZERO)
    leverage = ONE + ONE / n + (ONE - mean_t) ** 2 / sxx
    left = ONE - fit[-1][0]
    variance = spread * spread * leverage + (calibration.trend_drift * left) ** 2
    return projected, calibration.z * variance.sqrt(), used


def _pace(
    series: list[tuple[Decimal, Decimal]], calibration: Calibration
) -> tuple[Decimal, Decimal]:
    """Projection at τ = 1 at the constant pace since the start, and the half-width."""
    at, progress = series[-1]
    if at == ZERO:
        return progress, ONE  # no time has passed: anything can happen
    noise = calibration.pace_noise / at
    variance = noise * noise + (calibration.pace_drift * (ONE - at)) ** 2
    return progress / at, calibration.z * variance.sqrt()


def _numeric(
    start: Decimal | None,
    target: Decimal | None,
    points: list[ForecastPoint],
    axis: _Axis,
    policy: Policy,
    calibration: Calibration,
) -> Forecast:
    if start is None or target is None or start == target:
        return Forecast(ForecastMethod.NONE, 0, reason=ForecastReason.NOT_MEASURABLE)
    collapsed = _progress_series(points, axis, start, target - start)
    if not collapsed:
        return Forecast(ForecastMethod.NONE, 0, reason=ForecastReason.NO_CHECK_INS)
    series = _thin(collapsed)
    if len(series) >= 3:
        method = ForecastMethod.THEIL_SEN
        projected, half_width, used = _theil_sen(series, calibration)
    else:
        method = ForecastMethod.PACE
        projected, half_width = _pace(series, calibration)
        used = len(series)
    progress, score, low, high = _interval(projected, half_width)
    return Forecast(method, used, progress, score, low, high, band_for(score, policy))


def _milestone(
    points: list[ForecastPoint],
    axis: _Axis,
    as_of: datetime | None,
    policy: Policy,
    calibration: Calibration,
) -> Forecast:
    series = _done_series(points, axis)
    if series and series[-1][1] > ZERO:  # done (a tie of done and not done counts as done)
        return Forecast(
            ForecastMethod.MILESTONE_DONE, len(series), ONE, ONE, ONE, ONE, band_for(ONE, policy)
        )
    if as_of is not None:
        elapsed = axis.share(as_of)
    elif series:
        elapsed = series[-1][0]
    else:
        elapsed = ZERO
    prior = calibration.milestone_prior
    squared = elapsed * elapsed
    remaining = ONE - prior * squared
    probability = prior * (ONE - squared) / remaining if remaining > ZERO else ZERO
    score = kr_score(probability)
    # 80% interval of a 0-or-1 outcome: its 10% and 90% quantiles, widened to hold the score
    tail = (ONE - INTERVAL_LEVEL) / 2
    low = ZERO if ONE - probability >= tail else ONE
    high = ZERO if ONE - probability >= ONE - tail else ONE
    return Forecast(
        ForecastMethod.MILESTONE_OPEN,
        len(series),
        probability,
        score,
        min(low, score),
        max(high, score),
        band_for(score, policy),
    )


def _derived(children: Sequence[ObjectiveForecast] | None, policy: Policy) -> Forecast:
    if not children:
        return Forecast(ForecastMethod.NONE, 0, reason=ForecastReason.DERIVED)
    used = sum(c.points_used for c in children)
    scores: list[Decimal] = []
    lows: list[Decimal] = []
    highs: list[Decimal] = []
    for child in children:
        if child.score is None or child.low is None or child.high is None:
            return Forecast(ForecastMethod.NONE, used, reason=ForecastReason.CHILD_WITHOUT_FORECAST)
        scores.append(child.score)
        lows.append(child.low)
        highs.append(child.high)
    count = len(children)
    progress = clamp(sum(scores, ZERO) / count)
    score = kr_score(progress)
    low = kr_score(clamp(sum(lows, ZERO) / count))
    high = kr_score(clamp(sum(highs, ZERO) / count))
    return Forecast(
        ForecastMethod.DERIVED_ROLLUP, used, progress, score, low, high, band_for(score, policy)
    )


# --- public ----------------------------------------------------------------------------------


def forecast_key_result(
    *,
    kind: KeyResultKind,
    start: Decimal | None,
    target: Decimal | None,
    points: Iterable[ForecastPoint],
    cycle_starts_on: date,
    cycle_ends_on: date,
    as_of: date | datetime | None = None,
    child_forecasts: Sequence[ObjectiveForecast] | None = None,
    policy: Policy = _DEFAULT_POLICY,
    calibration: Calibration = CALIBRATION,
) -> Forecast:
    """Forecast one KR's end-of-cycle score from the points known at ``as_of`` (default: all).

    ``child_forecasts`` are, for a derived KR, the forecasts of the agreed objectives aligned to
    it; without them a derived KR has no forecast (reason ``derived``).
    """
    with localcontext(_CONTEXT):
        axis = _Axis(cycle_starts_on, cycle_ends_on)
        moment = None if as_of is None else _instant(as_of)
        if kind is KeyResultKind.DERIVED:
            return _derived(child_forecasts, policy)
        known = _known(points, moment)
        if kind is KeyResultKind.MILESTONE:
            return _milestone(known, axis, moment, policy, calibration)
        return _numeric(start, target, known, axis, policy, calibration)


def forecast_for(
    kr: KeyResult,
    cycle: Cycle,
    points: Iterable[ForecastPoint],
    *,
    as_of: date | datetime | None = None,
    child_forecasts: Sequence[ObjectiveForecast] | None = None,
    policy: Policy = _DEFAULT_POLICY,
) -> Forecast:
    """``forecast_key_result`` for a domain KR in its cycle."""
    return forecast_key_result(
        kind=kr.kind,
        start=kr.start_value,
        target=kr.target_value,
        points=points,
        cycle_starts_on=cycle.starts_on,
        cycle_ends_on=cycle.ends_on,
        as_of=as_of,
        child_forecasts=child_forecasts,
        policy=policy,
    )


def forecast_objective(
    key_results: Sequence[tuple[Decimal, Forecast]], *, policy: Policy = _DEFAULT_POLICY
) -> ObjectiveForecast:
    """The weighted forecast of ``(weight, forecast)`` pairs, one per KR of the objective.

    Score, low and high are each ``scoring.objective_score`` of the KRs' scores, lows and highs.
    When a KR has no forecast, neither has the objective (reason ``key_result_without_forecast``).
    """
    used = sum(f.points_used for _, f in key_results)
    if not key_results:
        return ObjectiveForecast(ForecastMethod.NONE, 0, reason=ForecastReason.NO_KEY_RESULTS)
    scores: list[tuple[Decimal, Decimal]] = []
    lows: list[tuple[Decimal, Decimal]] = []
    highs: list[tuple[Decimal, Decimal]] = []
    for weight, forecast in key_results:
        if forecast.score is None or forecast.low is None or forecast.high is None:
            return ObjectiveForecast(
                ForecastMethod.NONE, used, reason=ForecastReason.KEY_RESULT_WITHOUT_FORECAST
            )
        scores.append((weight, forecast.score))
        lows.append((weight, forecast.low))
        highs.append((weight, forecast.high))
    with localcontext(_CONTEXT):
        score = objective_score(scores)
        low = objective_score(lows)
        high = objective_score(highs)
    assert score is not None and low is not None and high is not None
    return ObjectiveForecast(
        ForecastMethod.WEIGHTED, used, score, low, high, band_for(score, policy)
    )


# --- backtest --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BacktestKeyResult:
    """A KR of a closed cycle: its definition, its whole history and (optionally) its final score.

    Without ``final_score`` the final score is computed from the latest point (okr-domain §3, §6).
    """

    kind: KeyResultKind
    start: Decimal | None
    target: Decimal | None
    points: Sequence[ForecastPoint]
    final_score: Decimal | None = None
    label: str = ""


@dataclass(frozen=True, slots=True)
class BacktestCycle:
    """A closed cycle's dates and KRs."""

    starts_on: date
    ends_on: date
    key_results: Sequence[BacktestKeyResult]


@dataclass(frozen=True, slots=True)
class BacktestFigures:
    """Forecasts compared with final scores: count, mean absolute error, interval coverage."""

    forecasts: int
    mean_absolute_error: Decimal | None
    coverage: Decimal | None
    week: int | None = None


@dataclass(frozen=True, slots=True)
class BacktestReport:
    """Figures overall, per week of the cycle (1 = the forecast made after its first 7 days),
    per method and per KR ``label`` (labelled KRs only); ``skipped`` counts the forecasts not
    given (and the weeks of derived KRs, which are not replayed)."""

    overall: BacktestFigures
    by_week: tuple[BacktestFigures, ...]
    by_method: dict[str, BacktestFigures] = field(default_factory=dict)
    by_label: dict[str, BacktestFigures] = field(default_factory=dict)
    skipped: int = 0


class _Tally:
    __slots__ = ("count", "error", "inside")

    def __init__(self) -> None:
        self.count = 0
        self.error = ZERO
        self.inside = 0

    def add(self, forecast: Forecast, final: Decimal) -> None:
        assert forecast.score is not None and forecast.low is not None
        assert forecast.high is not None
        self.count += 1
        self.error += abs(forecast.score - final)
        if forecast.low <= final <= forecast.high:
            self.inside += 1

    def figures(self, week: int | None = None) -> BacktestFigures:
        if self.count == 0:
            return BacktestFigures(0, None, None, week)
        count = Decimal(self.count)
        return BacktestFigures(
            self.count,
            (self.error / count).quantize(_SHARE_QUANTUM, rounding=ROUND_HALF_UP),
            (Decimal(self.inside) / count).quantize(_SHARE_QUANTUM, rounding=ROUND_HALF_UP),
            week,
        )


def final_score(kr: BacktestKeyResult, starts_on: date, ends_on: date) -> Decimal:
    """The KR's score at the cycle's close: the given one, else that of its latest point."""
    if kr.final_score is not None:
        return kr.final_score
    with localcontext(_CONTEXT):
        axis = _Axis(starts_on, ends_on)
        if kr.kind is KeyResultKind.MILESTONE:
            series = _done_series(kr.points, axis)
        elif kr.start is None or kr.target is None or kr.start == kr.target:
            series = []
        else:
            series = _progress_series(kr.points, axis, kr.start, kr.target - kr.start)
        return kr_score(clamp(series[-1][1]) if series else ZERO)


def backtest_weeks(starts_on: date, ends_on: date) -> list[date]:
    """The days a weekly replay forecasts at: the end of each 7th day, strictly before the end."""
    days: list[date] = []
    day = starts_on + timedelta(days=6)
    while day < ends_on:
        days.append(day)
        day += timedelta(days=7)
    return days


def backtest(
    cycles: Iterable[BacktestCycle],
    *,
    policy: Policy = _DEFAULT_POLICY,
    calibration: Calibration = CALIBRATION,
) -> BacktestReport:
    """Replay closed cycles week by week: forecast each KR with the points known at the end of
    each week and compare with its final score (mean absolute error, share inside the interval).
    """
    overall = _Tally()
    weeks: dict[int, _Tally] = {}
    methods: dict[str, _Tally] = {}
    labels: dict[str, _Tally] = {}
    skipped = 0
    for cycle in cycles:
        days = backtest_weeks(cycle.starts_on, cycle.ends_on)
        for kr in cycle.key_results:
            if kr.kind is KeyResultKind.DERIVED:
                skipped += len(days)
                continue
            final = final_score(kr, cycle.starts_on, cycle.ends_on)
            for week, day in enumerate(days, start=1):
                forecast = forecast_key_result(
                    kind=kr.kind,
                    start=kr.start,
                    target=kr.target,
                    points=kr.points,
                    cycle_starts_on=cycle.starts_on,
                    cycle_ends_on=cycle.ends_on,
                    as_of=day,
                    policy=policy,
                    calibration=calibration,
                )
                if forecast.score is None:
                    skipped += 1
                    continue
                overall.add(forecast, final)
                weeks.setdefault(week, _Tally()).add(forecast, final)
                methods.setdefault(forecast.method.value, _Tally()).add(forecast, final)
                if kr.label:
                    labels.setdefault(kr.label, _Tally()).add(forecast, final)
    return BacktestReport(
        overall.figures(),
        tuple(weeks[w].figures(w) for w in sorted(weeks)),
        {name: methods[name].figures() for name in sorted(methods)},
        {name: labels[name].figures() for name in sorted(labels)},
        skipped,
    )
