"""Generated KR histories with known behaviour, to calibrate and test the forecast.

Each history is one numeric KR of a 91-day quarter with roughly weekly check-ins and a last point
on the cycle's end day (its final value). The true progress curve ``g(τ)`` (``τ`` = share of the
cycle elapsed, ``f`` = the final progress, drawn from [0.2, 1.3]) is one of:

- ``linear``: ``g = f·τ``;
- ``plateau``: reaches ``f`` at ``τ₀`` in [0.3, 0.8] and stays there;
- ``late_surge``: creeps at a fraction ``u`` in [0.1, 0.6] of the pace until ``τ₀`` in
  [0.55, 0.85], then rises steeply to ``f``;
- ``slump``: rises to ``f + δ`` (``δ`` in [0.1, 0.3]) by ``τ₀`` in [0.5, 0.8], then falls back
  to ``f`` (a metric that slips late in the quarter).

Observations add Gaussian noise (σ drawn from [0.005, 0.06] of the start-target span); half of
the KRs are cumulative counts (a point never falls below the previous one). Start and target
values vary, a quarter of the KRs decrease. Each week's check-in is made with a per-KR
probability in [0.5, 1] on one of the week's last three days. Everything comes from one seeded
``random.Random``: the same seed gives the same histories.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from domain.forecast import BacktestCycle, BacktestKeyResult, ForecastPoint
from domain.model import KeyResultKind

BEHAVIOURS = ("linear", "plateau", "late_surge", "slump")
_WEIGHTS = (0.45, 0.2, 0.2, 0.15)
QUARTER_DAYS = 91


def _curve(rng: random.Random, behaviour: str, final: float) -> list[float]:
    """``g`` sampled at the end of every day of the quarter (index 0 = end of day 1)."""
    days = QUARTER_DAYS
    out: list[float] = []
    if behaviour == "plateau":
        knee = rng.uniform(0.3, 0.8)
        for d in range(1, days + 1):
            out.append(final * min((d / days) / knee, 1.0))
    elif behaviour == "late_surge":
        knee = rng.uniform(0.55, 0.85)
        creep = rng.uniform(0.1, 0.6)
        reached = final * creep * knee
        for d in range(1, days + 1):
            tau = d / days
            if tau <= knee:
                out.append(final * creep * tau)
            else:
                out.append(reached + (final - reached) * (tau - knee) / (1 - knee))
    elif behaviour == "slump":
        knee = rng.uniform(0.5, 0.8)
        peak = final + rng.uniform(0.1, 0.3)
        for d in range(1, days + 1):
            tau = d / days
            if tau <= knee:
                out.append(peak * tau / knee)
            else:
                out.append(peak + (final - peak) * (tau - knee) / (1 - knee))
    else:
        for d in range(1, days + 1):
            out.append(final * d / days)
    return out


def synthetic_key_result(
    rng: random.Random, starts_on: date, behaviour: str | None = None
) -> BacktestKeyResult:
    """One generated numeric KR history of a quarter starting on ``starts_on``."""
    chosen = behaviour or rng.choices(BEHAVIOURS, weights=_WEIGHTS)[0]
    final = rng.uniform(0.2, 1.3)
    curve = _curve(rng, chosen, final)
    noise = rng.uniform(0.005, 0.06)
    cumulative = rng.random() < 0.5
    start = float(rng.choice((0, 0, 10, 50, 100, 1000)))
    span = float(rng.choice((8, 12, 30, 100, 250, 5000)))
    if rng.random() < 0.25:
        span = -min(span, start) if start > 0 else span
    target = start + span
    cadence = rng.uniform(0.5, 1.0)
    days: list[int] = []
    for week in range(1, QUARTER_DAYS // 7 + 1):
        if rng.random() < cadence:
            days.append(min(QUARTER_DAYS, week * 7 - rng.randint(0, 2)))
    days = [d for d in days if d < QUARTER_DAYS] + [QUARTER_DAYS]
    points: list[ForecastPoint] = []
    previous = float("-inf")
    for day in days:
        progress = curve[day - 1] + rng.gauss(0.0, noise)
        if cumulative:
            progress = max(progress, previous)
        previous = progress
        value = start + progress * span
        points.append(
            ForecastPoint(at=starts_on + timedelta(days=day - 1), value=Decimal(f"{value:.3f}"))
        )
    return BacktestKeyResult(
        kind=KeyResultKind.NUMERIC,
        start=Decimal(f"{start:.3f}"),
        target=Decimal(f"{target:.3f}"),
        points=tuple(points),
        label=chosen,
    )


def synthetic_cycles(
    *,
    seed: int,
    cycles: int = 8,
    key_results_per_cycle: int = 100,
    first_start: date = date(2024, 1, 1),
    behaviour: str | None = None,
) -> list[BacktestCycle]:
    """``cycles`` consecutive 91-day quarters of generated histories (``behaviour``: only that)."""
    rng = random.Random(seed)
    out: list[BacktestCycle] = []
    for index in range(cycles):
        starts_on = first_start + timedelta(days=QUARTER_DAYS * index)
        ends_on = starts_on + timedelta(days=QUARTER_DAYS - 1)
        krs = [
            synthetic_key_result(rng, starts_on, behaviour) for _ in range(key_results_per_cycle)
        ]
        out.append(BacktestCycle(starts_on, ends_on, tuple(krs)))
    return out
