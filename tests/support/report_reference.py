"""The cycle report computed the plain way, as a reference: every row of the cycle the viewer
sees loaded into Python, every figure computed by ``domain.reports`` over ``ObjectiveFact`` (the
way ``api.services.reports`` computed it before the database counted), so that a test can check
the aggregates of ``persistence.reports`` give the same answer on generated data."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.reports import (
    BottomUpOut,
    ConfidencePointOut,
    CoverageOut,
    CycleReport,
    FollowUpOut,
    ForecastSummaryOut,
    OwnerLoadOut,
    OwnerRef,
    ReviewCompletionOut,
    ScoreDistributionOut,
    StaleKeyResultOut,
)
from api.services.forecasts import Forecaster
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain import reports
from domain.forecast import Forecast, ForecastBand, ObjectiveForecast
from domain.model import CycleState, ObjectiveState, OwnerType, ReviewState
from domain.org import OrgChart
from persistence.mappers import (
    check_in_to_domain,
    cycle_to_domain,
    key_result_to_domain,
    objective_to_domain,
)
from persistence.reports import CycleReportReads, CycleRowReads
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.org import OrgUnitRepository
from persistence.types import utcnow


def _subtree(org: OrgChart, unit_id: str) -> set[str]:
    return {u for u in org.units if u == unit_id or unit_id in org.unit_ancestors(u)}


def _owner_name(org: OrgChart, owner_type: OwnerType, owner_id: str) -> str:
    if owner_type is OwnerType.PERSON:
        person = org.people.get(owner_id)
        return "" if person is None else person.name
    unit = org.units.get(owner_id)
    return "" if unit is None else unit.name


def _ref(org: OrgChart, owner: tuple[OwnerType, str]) -> OwnerRef:
    return OwnerRef(
        owner_type=owner[0],
        owner_id=owner[1],
        owner_name=_owner_name(org, *owner),
        owner_inactive=_inactive(org, *owner),
    )


def _inactive(org: OrgChart, owner_type: OwnerType, owner_id: str) -> bool:
    return owner_type is OwnerType.PERSON and not org.is_active(owner_id)


async def reference_cycle_report(
    session: AsyncSession, principal: Principal, cycle_id: str, *, unit_id: str | None
) -> CycleReport:
    """Every §8 report of a cycle, optionally for one unit and its descendants."""
    cycle_row = await CycleRepository(session).get(cycle_id)
    cycle = cycle_to_domain(cycle_row)
    policy, _version = await current_policy(session)
    org = await load_org_chart(session)
    if unit_id is not None:
        await OrgUnitRepository(session).get(unit_id, field="unit_id")
    units = set(org.units) if unit_id is None else _subtree(org, unit_id)

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
    owners: list[tuple[OwnerType, str]] = [(OwnerType.UNIT, u) for u in sorted(units)]
    owners += [
        (OwnerType.PERSON, p.id)
        for p in sorted(org.people.values(), key=lambda p: p.id)
        if p.active and p.unit_id is not None and p.unit_id in units
    ]
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

    return CycleReport(
        cycle_id=cycle_id,
        unit_id=unit_id,
        as_of=today,
        objectives=len(objectives),
        objectives_per_owner=[
            OwnerLoadOut(
                owner_type=load.owner_type,
                owner_id=load.owner_id,
                owner_name=_owner_name(org, load.owner_type, load.owner_id),
                owner_inactive=_inactive(org, load.owner_type, load.owner_id),
                count=load.count,
                status=load.status,
            )
            for load in loads
        ],
        scores=ScoreDistributionOut(
            objectives=distribution.objectives,
            scored=distribution.scored,
            mean=distribution.mean,
            grades=distribution.grades,
            in_sweet_spot=distribution.in_sweet_spot,
            sweet_spot_share=distribution.sweet_spot_share,
        ),
        bottom_up=BottomUpOut(
            total=bottom_up.total,
            bottom_up=bottom_up.matching,
            share=bottom_up.share,
            target=bottom_up.target,
            meets_target=bottom_up.meets_target,
        ),
        alignment_coverage=CoverageOut(
            eligible=coverage.eligible,
            aligned=coverage.aligned,
            share=coverage.share,
            unaligned_objective_ids=list(coverage.unaligned_ids),
        ),
        stale_key_results=stale,
        owners_without_agreed_okrs=[_ref(org, owner) for owner in missing],
        confidence_trend=[
            ConfidencePointOut(
                week=p.week, key_results=p.key_results, mean_confidence=p.mean_confidence
            )
            for p in reports.confidence_trend(points)
        ],
        review_completion=ReviewCompletionOut(
            due=completion.due,
            missing=completion.missing,
            draft=completion.draft,
            submitted=completion.submitted,
            confirmed=completion.confirmed,
            confirmed_share=completion.confirmed_share,
            submitted_or_confirmed_share=completion.submitted_or_confirmed_share,
        ),
        open_follow_ups=[
            FollowUpOut(
                id=f.id,
                title=f.title,
                owner_id=f.owner_id,
                owner_name=_owner_name(org, OwnerType.PERSON, f.owner_id),
                due_on=f.due_on,
                objective_id=f.objective_id,
                review_id=f.review_id,
            )
            for f in follow_ups
        ],
        forecast=_forecast_summary(by_kr, by_objective),
    )


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
