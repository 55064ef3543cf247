"""Benchmark of the forecast: every KR of a cycle, against the roll-up's time per KR.

Builds the roll-up benchmark's organisation (``bench/rollup.py``'s generator: 200,000 KRs at full
size, a quarter of the leaf KRs milestones, two derived KRs per unit objective) and 12 weekly
check-ins for every KR that takes them (numeric values drifting to the KR's current value,
milestone done flags), all in memory. Then, in the same run, it times

- the roll-up: ``RollupGraph.recompute_all`` (as ``bench/rollup.py``'s "full recompute");
- the forecast: every KR and objective of the cycle, children before parents, so that derived
  KRs roll up the forecasts of the agreed objectives aligned to them;

and prints the time per KR of both and their ratio.

    .venv/bin/python bench/forecast.py               # full size: 200,000 KRs
    .venv/bin/python bench/forecast.py --krs 20000
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from rollup import generate

from domain.alignment import RollupGraph
from domain.forecast import (
    Forecast,
    ForecastPoint,
    ObjectiveForecast,
    forecast_key_result,
    forecast_objective,
)
from domain.model import KeyResult, KeyResultKind, ObjectiveState

FULL_SIZE_KRS = 200_000
CHECK_INS = 12
STARTS = date(2024, 1, 1)
ENDS = date(2024, 3, 31)
WEEKS = [STARTS + timedelta(days=7 * week - 1) for week in range(1, CHECK_INS + 1)]


def history(kr: KeyResult, rng: random.Random, pool: dict[int, Decimal]) -> list[ForecastPoint]:
    """12 weekly points: a noisy drift to the KR's current value, or a milestone's done flag."""
    if kr.kind is KeyResultKind.MILESTONE:
        done_week = rng.randint(1, CHECK_INS) if kr.done else CHECK_INS + 1
        return [ForecastPoint(day, done=w >= done_week) for w, day in enumerate(WEEKS, 1)]
    final = int(kr.current_value or 0) * 10
    points: list[ForecastPoint] = []
    for w, day in enumerate(WEEKS, 1):
        tenths = max(0, final * w // CHECK_INS + rng.randint(-40, 40))
        value = pool.get(tenths)
        if value is None:
            value = pool[tenths] = Decimal(tenths) / 10
        points.append(ForecastPoint(day, value))
    return points


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--krs", type=int, default=FULL_SIZE_KRS, help=f"KRs (default {FULL_SIZE_KRS:,})"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    org = generate(args.krs / FULL_SIZE_KRS, rng)
    krs = [kr for obj in org.objectives for kr in obj.key_results]
    pool: dict[int, Decimal] = {}
    points = {kr.id: history(kr, rng, pool) for kr in krs if kr.kind is not KeyResultKind.DERIVED}
    children: dict[str, list[str]] = {}
    for edge in org.edges:
        if edge.parent_key_result_id is not None:
            children.setdefault(edge.parent_key_result_id, []).append(edge.child_objective_id)
    agreed = {o.id for o in org.objectives if o.state is ObjectiveState.AGREED}
    generated = time.perf_counter() - started

    graph = RollupGraph(org.objectives, org.edges)
    started = time.perf_counter()
    graph.recompute_all()
    rollup = time.perf_counter() - started

    # The generator creates parents before children: reversed, every child comes first.
    started = time.perf_counter()
    objective_forecasts: dict[str, ObjectiveForecast] = {}
    kr_forecasts: list[Forecast] = []
    for obj in reversed(org.objectives):
        pairs: list[tuple[Decimal, Forecast]] = []
        for kr in obj.key_results:
            if kr.kind is KeyResultKind.DERIVED:
                forecast = forecast_key_result(
                    kind=kr.kind,
                    start=None,
                    target=None,
                    points=(),
                    cycle_starts_on=STARTS,
                    cycle_ends_on=ENDS,
                    child_forecasts=[
                        objective_forecasts[c] for c in children.get(kr.id, ()) if c in agreed
                    ],
                )
            else:
                forecast = forecast_key_result(
                    kind=kr.kind,
                    start=kr.start_value,
                    target=kr.target_value,
                    points=points[kr.id],
                    cycle_starts_on=STARTS,
                    cycle_ends_on=ENDS,
                )
            pairs.append((kr.weight, forecast))
            kr_forecasts.append(forecast)
        objective_forecasts[obj.id] = forecast_objective(pairs)
    forecasting = time.perf_counter() - started

    methods = Counter(f.method.value for f in kr_forecasts)
    bands = Counter(f.band.value if f.band else "none" for f in objective_forecasts.values())
    per_rollup = rollup / len(krs)
    per_forecast = forecasting / len(krs)
    rows = [
        ("key results", f"{len(krs):,}"),
        ("objectives", f"{len(org.objectives):,}"),
        ("check-ins per KR (numeric, milestone)", f"{CHECK_INS}"),
        ("generate (not timed below)", f"{generated:.2f} s"),
        ("roll-up: full recompute", f"{rollup * 1000:,.1f} ms"),
        ("  per KR", f"{per_rollup * 1e6:.2f} us"),
        ("forecast: every KR and objective", f"{forecasting * 1000:,.1f} ms"),
        ("  per KR", f"{per_forecast * 1e6:.2f} us"),
        ("  KR methods", ", ".join(f"{m} {n:,}" for m, n in sorted(methods.items()))),
        ("  objective bands", ", ".join(f"{b} {n:,}" for b, n in sorted(bands.items()))),
        ("forecast / roll-up, per KR", f"{per_forecast / per_rollup:.1f}x"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 36}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
