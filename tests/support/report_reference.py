"""The cycle report computed the plain way, as a reference: every row of the cycle the viewer
sees loaded into Python, every figure computed by ``domain.reports`` over ``ObjectiveFact`` (the
way ``api.services.reports`` computed it before the database counted), so that a test can check
the aggregates of ``persistence.reports`` give the same answer on generated data."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.reports import CycleReport, ForecastSummaryOut, StaleKeyResultOut
from api.services.forecasts import Forecaster
from api.services.reports import Sections, answer, owners_in, report_context
from domain import reports
from domain.forecast import Forecast, ForecastBand, ObjectiveForecast
from domain.model import CycleState, ObjectiveState, OwnerType, ReviewState
from persistence.mappers import (
    check_in_to_domain,
    key_result_to_domain,
    objective_to_domain,
)
from persistence.reports import CycleReportReads, CycleRowReads
from persistence.types import utcnow


async def reference_cycle_report(
    session: AsyncSession, principal: Principal, cycle_id: str, *, unit_id: str | None
) -> CycleReport:
    """Every §8 report of a cycle, optionally for one unit and its descendants."""
    cycle, policy, org, units = await report_context(session, cycle_id, unit_id)

    def in_scope(owner_type: str, owner_id: str) -> bool:
        if unit_id is None:
            return True
        if owner_type == OwnerType.UNIT.value:
            return owner_id in units
        person = org.people.get(owner_id)
        return person is not None and person.unit_id in units

    reads = CycleRowReads(session, principal.viewer, cycle_id)
    objectives = [o for o in await reads.objectives() if in_scope(o.owner_type, o.owner_id)]
    ids = {o.id for o in objectives}
    kr_rows = [kr for kr in await reads.key_results() if kr.objective_id in ids]
    aligned = await reads.aligned_objective_ids()
    reviews = {r.objective_id: r for r in await reads.reviews()}
    agreed_ids = {o.id for o in objectives if o.state == ObjectiveState.AGREED.value}
    agreed_krs = {kr.id: kr for kr in kr_rows if kr.objective_id in agreed_ids}
    points = [
        check_in_to_domain(c)
        for c in await reads.confidence_check_ins()
        if c.key_result_id in agreed_krs
    ]

    facts = [
        reports.ObjectiveFact.of(
            objective_to_domain(o, []),
            org=org,
            aligned_ids=aligned,
            review_state=None if o.id not in reviews else ReviewState(reviews[o.id].state),
            confirmed_score=None if o.id not in reviews else reviews[o.id].confirmed_score,
        )
        for o in objectives
    ]
    owners = owners_in(org, units)
    today = utcnow().date()

    loads = reports.objectives_per_owner(facts, policy, owners=owners)
    distribution = reports.score_distribution(facts, policy)
    bottom_up = reports.bottom_up_share(facts, policy)
    coverage = reports.alignment_coverage(facts)
    stale: list[StaleKeyResultOut] = []
    if cycle.state is CycleState.ACTIVE:
        stale_ids = set(
            reports.stale_key_results(
                [(key_result_to_domain(kr), kr.last_check_in_at) for kr in agreed_krs.values()],
                today=today,
                policy=policy,
                since=cycle.starts_on,
            )
        )
        stale = [
            StaleKeyResultOut(
                key_result_id=kr.id,
                objective_id=kr.objective_id,
                title=kr.title,
                last_check_in_at=kr.last_check_in_at,
            )
            for kr in agreed_krs.values()
            if kr.id in stale_ids
        ]
    forecaster = Forecaster(session, policy, {cycle.id: cycle})
    by_kr, by_objective = await forecaster.objectives(
        [
            (o.id, cycle.id, [kr for kr in kr_rows if kr.objective_id == o.id])
            for o in objectives
            if o.id in agreed_ids
        ]
    )
    missing = reports.owners_without_agreed_okrs(owners, facts, cycle=cycle, today=today)
    completion = reports.review_completion(facts)
    follow_ups = [
        f
        for f in await CycleReportReads(session, principal.viewer, cycle_id).open_follow_ups()
        if in_scope(OwnerType.PERSON.value, f.owner_id)
    ]

    sections = Sections(
        objectives=len(objectives),
        loads=loads,
        distribution=distribution,
        bottom_up=bottom_up,
        coverage=coverage,
        stale=stale,
        missing=missing,
        trend=reports.confidence_trend(points),
        completion=completion,
        follow_ups=follow_ups,
        forecast=_forecast_summary(by_kr, by_objective),
    )
    return answer(org, cycle_id, unit_id, today, sections)


def _band_counts(bands: list[str | None]) -> dict[str, int]:
    counts = {"on_track": 0, "at_risk": 0, "off_track": 0, "none": 0}
    for band in bands:
        counts[band or "none"] += 1
    return counts


def _forecast_summary(
    by_kr: Mapping[str, Forecast], by_objective: Mapping[str, ObjectiveForecast]
) -> ForecastSummaryOut:
    def ids(band: ForecastBand) -> list[str]:
        return sorted(kr_id for kr_id, f in by_kr.items() if f.band is band)

    return ForecastSummaryOut(
        key_results=_band_counts([f.band.value if f.band else None for f in by_kr.values()]),
        objectives=_band_counts([f.band.value if f.band else None for f in by_objective.values()]),
        off_track_key_result_ids=ids(ForecastBand.OFF_TRACK),
        at_risk_key_result_ids=ids(ForecastBand.AT_RISK),
    )
