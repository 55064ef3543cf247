"""Forecasts (docs/forecast.md) on reads, the band events and the backtest of a closed cycle.

- ``key_result_forecast``: one KR's forecast and band from its points and the policy (the one
  function other surfaces, such as the weekly digest, call; pure, no I/O).
- ``forecasts_for``: the forecasts of some KRs, their points loaded in one query per thousand KRs.
- ``objective_forecast``: an objective's weighted forecast from its KRs' forecasts.
- ``refresh_bands``: recompute the band of the KRs of open cycles and record a
  ``key_result.band_changed`` event for each KR whose band moved. The check-in write path does not
  forecast (it stays as fast as it is); this runs from ``okr forecast bands`` (or any scheduler),
  and for the KR of a voided check-in in the void's transaction.
- ``backtest_cycle``: replay a closed cycle's check-ins week by week (``domain.forecast.backtest``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from api.schemas.forecasts import ForecastPublic, ObjectiveForecastPublic
from api.schemas.key_results import KeyResultBandChange
from api.services.events import emit
from api.services.policy import current_policy
from domain.errors import NotFound, RuleViolation
from domain.forecast import (
    INTERVAL_LEVEL,
    REASON_MESSAGES,
    BacktestCycle,
    BacktestFigures,
    BacktestKeyResult,
    BacktestReport,
    Forecast,
    ForecastPoint,
    ObjectiveForecast,
    backtest,
    forecast_key_result,
    forecast_objective,
)
from domain.model import Cycle, CycleState, KeyResultKind, ObjectiveState
from domain.policy import Policy
from persistence.mappers import cycle_to_domain
from persistence.repositories.alignment import AlignmentRepository, GraphLoader
from persistence.repositories.check_ins import CheckInRepository
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.objectives import KeyResultRepository
from persistence.tables import KeyResultRow

BAND_CHANGED = "key_result.band_changed"
MAX_DERIVED_DEPTH = 16
"""How many levels of derived KRs a forecast climbs down (the alignment graph is acyclic)."""

PointRow = tuple[Any, Any, Any, Any]
"""A counting check-in as ``(observed_at, received_at, value, done)``."""


def points_of(rows: Iterable[PointRow]) -> list[ForecastPoint]:
    """Forecast points of counting check-ins."""
    return [
        ForecastPoint(observed, value, done, received) for observed, received, value, done in rows
    ]


def key_result_forecast(
    *,
    kind: KeyResultKind | str,
    start: Decimal | None,
    target: Decimal | None,
    points: Iterable[ForecastPoint],
    cycle: Cycle,
    policy: Policy,
) -> Forecast:
    """A KR's forecast and band from its (not voided) points and the policy.

    A derived KR gets no forecast here (reason ``derived``); ``Forecaster`` rolls up the forecasts
    of the agreed objectives aligned to it.
    """
    return forecast_key_result(
        kind=KeyResultKind(kind),
        start=start,
        target=target,
        points=points,
        cycle_starts_on=cycle.starts_on,
        cycle_ends_on=cycle.ends_on,
        policy=policy,
    )


def _shown(forecast: Forecast | ObjectiveForecast) -> dict[str, Any]:
    """The fields a KR's and an objective's forecast show alike."""
    reason = forecast.reason
    return {
        "method": forecast.method.value,
        "points_used": forecast.points_used,
        "score": forecast.score,
        "low": forecast.low,
        "high": forecast.high,
        "interval_level": INTERVAL_LEVEL,
        "band": forecast.band.value if forecast.band else None,
        "reason": reason.value if reason else None,
        "reason_message": REASON_MESSAGES[reason] if reason else None,
    }


def forecast_public(forecast: Forecast) -> ForecastPublic:
    """A KR forecast as the API shows it (built without validation: the domain's values are
    already of the answer's types)."""
    return ForecastPublic.built({**_shown(forecast), "progress": forecast.progress})


def objective_forecast_public(forecast: ObjectiveForecast) -> ObjectiveForecastPublic:
    """An objective forecast as the API shows it (built without validation)."""
    return ObjectiveForecastPublic.built(_shown(forecast))


class WeightedKeyResult(Protocol):
    """What an objective's forecast reads of each KR: its id and weight (a row of any kind)."""

    @property
    def id(self) -> str: ...

    @property
    def weight(self) -> Decimal: ...


def objective_forecast(
    key_results: Sequence[WeightedKeyResult], forecasts: Mapping[str, Forecast], policy: Policy
) -> ObjectiveForecast:
    """The objective's weighted forecast from its KRs' forecasts."""
    return forecast_objective([(kr.weight, forecasts[kr.id]) for kr in key_results], policy=policy)


@dataclass(slots=True)
class Forecaster:
    """Forecasts of a read: the policy and the cycles, each loaded once."""

    session: AsyncSession
    policy: Policy
    cycles: dict[str, Cycle]
    spans: dict[str, tuple[date, date]] = field(default_factory=dict)
    """Cycle id -> (first day, last day), for cycles whose dates a read brought along."""

    @classmethod
    async def start(cls, session: AsyncSession) -> Forecaster:
        """A forecaster with the policy in force."""
        policy, _ = await current_policy(session)
        return cls(session, policy, {})

    async def cycle(self, cycle_id: str) -> Cycle:
        """The cycle, read once per forecaster."""
        if cycle_id not in self.cycles:
            self.cycles[cycle_id] = cycle_to_domain(
                await CycleRepository(self.session).get(cycle_id)
            )
        return self.cycles[cycle_id]

    async def _span(self, cycle_id: str) -> tuple[date, date]:
        if cycle_id not in self.spans:
            cycle = await self.cycle(cycle_id)
            self.spans[cycle_id] = (cycle.starts_on, cycle.ends_on)
        return self.spans[cycle_id]

    async def key_results(
        self, key_results: Sequence[KeyResultRow], cycle_of: Mapping[str, str], *, depth: int = 0
    ) -> dict[str, Forecast]:
        """The forecasts of KRs; ``cycle_of`` maps each KR's objective id to its cycle id. A
        derived KR's forecast rolls up those of the agreed objectives aligned to it (read
        level by level, at most ``MAX_DERIVED_DEPTH`` levels down)."""
        return await self._forecast(
            [
                (kr.id, kr.kind, kr.start_value, kr.target_value, cycle_of[kr.objective_id])
                for kr in key_results
            ],
            depth,
        )

    async def key_results_of_export(self, rows: Sequence[Any]) -> dict[str, Forecast]:
        """The forecasts of exported KR rows (``id``, ``kind``, ``start_value``,
        ``target_value``, ``cycle_id``)."""
        return await self._forecast(
            [(r.id, r.kind, r.start_value, r.target_value, r.cycle_id) for r in rows], 0
        )

    async def with_points(
        self,
        krs: Sequence[tuple[str, str, Decimal | None, Decimal | None, str]],
        points: Mapping[str, Sequence[PointRow]],
    ) -> dict[str, Forecast]:
        """The forecasts of ``(id, kind, start, target, cycle id)`` KRs from points already read
        (``points``: each KR's counting points, oldest first; derived KRs read their children)."""
        return await self._forecast(krs, 0, points)

    async def _forecast(
        self,
        krs: Sequence[tuple[str, str, Decimal | None, Decimal | None, str]],
        depth: int,
        points: Mapping[str, Sequence[PointRow]] | None = None,
    ) -> dict[str, Forecast]:
        if points is None:
            points = await CheckInRepository(self.session).counting_points(
                [kr_id for kr_id, kind, *_ in krs if kind != KeyResultKind.DERIVED.value]
            )
        derived = [kr_id for kr_id, kind, *_ in krs if kind == KeyResultKind.DERIVED.value]
        children = await self._children(derived, depth) if derived else {}
        out: dict[str, Forecast] = {}
        for kr_id, kind, start, target, cycle_id in krs:
            starts_on, ends_on = await self._span(cycle_id)
            out[kr_id] = forecast_key_result(
                kind=KeyResultKind(kind),
                start=start,
                target=target,
                points=points_of(points.get(kr_id, ())),
                cycle_starts_on=starts_on,
                cycle_ends_on=ends_on,
                child_forecasts=children.get(kr_id),
                policy=self.policy,
            )
        return out

    async def _children(
        self, derived_ids: Sequence[str], depth: int
    ) -> dict[str, list[ObjectiveForecast]]:
        """For each derived KR, the forecasts of the agreed objectives aligned to it (none
        beyond ``MAX_DERIVED_DEPTH``: those KRs get no forecast, reason ``derived``)."""
        if depth >= MAX_DERIVED_DEPTH:
            return {}
        edges = await AlignmentRepository(self.session).into_key_results(derived_ids)
        found = await GraphLoader(self.session).objectives({e.child_objective_id for e in edges})
        agreed = {o.id: o for o in found if o.state == ObjectiveState.AGREED.value}
        krs = await KeyResultRepository(self.session).for_objectives(sorted(agreed))
        by_kr = await self.key_results(
            [kr for rows in krs.values() for kr in rows],
            {oid: o.cycle_id for oid, o in agreed.items()},
            depth=depth + 1,
        )
        out: dict[str, list[ObjectiveForecast]] = {kr_id: [] for kr_id in derived_ids}
        for edge in sorted(edges, key=lambda e: e.child_objective_id):
            if edge.parent_key_result_id is None or edge.child_objective_id not in agreed:
                continue
            rows = krs[edge.child_objective_id]
            out[edge.parent_key_result_id].append(objective_forecast(rows, by_kr, self.policy))
        return out

    async def objectives(
        self, objectives: Sequence[tuple[str, str, Sequence[KeyResultRow]]]
    ) -> tuple[dict[str, Forecast], dict[str, ObjectiveForecast]]:
        """Forecasts of ``(objective id, cycle id, KRs)``: by KR id and by objective id."""
        krs = [kr for _, _, rows in objectives for kr in rows]
        by_kr = await self.key_results(krs, {oid: cid for oid, cid, _ in objectives})
        by_objective = {
            oid: objective_forecast(rows, by_kr, self.policy) for oid, _, rows in objectives
        }
        return by_kr, by_objective


async def refresh_bands(
    session: AsyncSession,
    *,
    cycle_id: str | None = None,
    key_result_ids: Sequence[str] | None = None,
) -> int:
    """Recompute the forecast band of the KRs of agreed objectives in open cycles (optionally one
    cycle's, or only some KRs: a caller that holds KR locks names only those it holds); store it
    and record ``key_result.band_changed`` for each KR whose band changed (also the first time a
    band is recorded). Returns how many changed.

    The KRs are locked in sorted id order (as ingestion locks them) and no objective is locked,
    so a sweep cannot deadlock with check-ins; it holds the KR locks until its commit."""
    repo = KeyResultRepository(session)
    rows = await repo.of_open_cycles(cycle_id=cycle_id, key_result_ids=key_result_ids)
    if not rows:
        return 0
    forecaster = await Forecaster.start(session)
    forecasts = await forecaster.key_results(
        [kr for kr, _ in rows], {kr.objective_id: cid for kr, cid in rows}
    )
    changed = 0
    for kr, _ in rows:
        forecast = forecasts[kr.id]
        band = forecast.band.value if forecast.band else None
        if band == kr.forecast_band:
            continue
        before = kr.forecast_band
        await repo.update(kr, {"forecast_band": band})
        changed += 1
        public = KeyResultBandChange.model_validate(kr)
        public.forecast = forecast_public(forecast)
        public.previous_band = before
        await emit(session, BAND_CHANGED, "key_result", public, entity_id=kr.id)
    return changed


# -- backtest ----------------------------------------------------------------------------------


async def backtest_cycle(session: AsyncSession, cycle_id: str) -> BacktestReport:
    """Replay a closed cycle's counting check-ins week by week and compare each week's forecast
    with the KRs' final scores (their stored scores at the close)."""
    row = await CycleRepository(session).find(cycle_id)
    if row is None:
        raise NotFound(f"cycle {cycle_id} does not exist", code="cycle.not_found", field="cycle_id")
    cycle = cycle_to_domain(row)
    if cycle.state is not CycleState.CLOSED:
        raise RuleViolation(
            f"cycle {cycle_id} is {cycle.state.value}: only a closed cycle is backtested",
            code="forecast.cycle_not_closed",
            field="cycle_id",
        )
    krs = await KeyResultRepository(session).of_cycle(cycle_id)
    points = await CheckInRepository(session).counting_points([kr.id for kr, _ in krs])
    policy, _ = await current_policy(session)
    return backtest(
        [
            BacktestCycle(
                cycle.starts_on,
                cycle.ends_on,
                [
                    BacktestKeyResult(
                        KeyResultKind(kr.kind),
                        kr.start_value,
                        kr.target_value,
                        points_of(points.get(kr.id, ())),
                        final_score=kr.score,
                        label=kr.kind,
                    )
                    for kr, _ in krs
                ],
            )
        ],
        policy=policy,
    )


def _figures(figures: BacktestFigures) -> dict[str, Any]:
    return {
        "forecasts": figures.forecasts,
        "mean_absolute_error": (
            None if figures.mean_absolute_error is None else str(figures.mean_absolute_error)
        ),
        "coverage": None if figures.coverage is None else str(figures.coverage),
    }


def backtest_as_dict(report: BacktestReport) -> dict[str, Any]:
    """The backtest's figures as JSON-safe data (decimals as strings)."""
    return {
        "interval_level": str(INTERVAL_LEVEL),
        "overall": _figures(report.overall),
        "by_week": [{"week": f.week, **_figures(f)} for f in report.by_week],
        "by_method": {name: _figures(f) for name, f in report.by_method.items()},
        "by_kind": {name: _figures(f) for name, f in report.by_label.items()},
        "skipped": report.skipped,
    }
