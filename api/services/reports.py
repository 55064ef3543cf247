"""The reports of okr-domain §8 for one cycle: aggregates from the database, rules from
``domain.reports``.

The database counts and sums (``persistence.reports.CycleReportReads``: one statement per section,
each reading its tables once) and the domain's pure functions turn the counts into the answer, so
the server never holds the cycle's objectives, KRs or check-ins. Statements, whatever the size of
the organisation: the cycle, the policy, units, people (the org chart names the owners), the
owners' counts, the objectives' tallies, the stale KRs (active cycle), the confidence weeks, the
open follow-ups, and the forecasts' KRs (streamed) with their counting points (one query per
thousand KRs) and, for derived KRs, the objectives aligned to them.
``unit_id`` restricts everything to that unit, its descendants and the people in them. Every
query keeps only what the caller may see (``persistence.visibility``), so figures count and lists
name nothing else: a hidden draft, its KRs and check-ins, an alignment to
a hidden parent and a review still hidden from the caller are left out as if they did not exist.

The forecast section is computed, not read from ``key_results.forecast_band``: that column is
current only right after ``forecasts.refresh_bands`` (the ``forecast-bands`` job, and a void in
its own transaction). A check-in, a change of a KR's start, target or kind, of the cycle's dates,
of the policy's sweet spot or reconsider threshold, an objective being agreed, and any change
under a derived KR's aligned objectives all change a forecast without refreshing it; and the
objectives' bands need their KRs' forecast scores and intervals, which are not stored. So each
agreed KR is forecast as a read of it would be (``Forecaster``), a chunk of whole objectives at a
time, keeping only the counts and the listed ids: exact, with flat memory, in time linear in the
KRs and their points.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

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
from domain.checkins import stale_cutoff
from domain.forecast import ForecastBand, forecast_objective
from domain.model import Cycle, CycleState, ObjectiveState, Origin, OwnerType, ReviewState
from domain.org import OrgChart
from domain.policy import Policy
from persistence.mappers import cycle_to_domain
from persistence.reports import CycleReportReads
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.org import OrgUnitRepository
from persistence.tables import ReviewFollowUpRow
from persistence.types import utcnow


def units_in_scope(org: OrgChart, unit_id: str | None) -> set[str]:
    """Every unit, or the unit and its descendants."""
    if unit_id is None:
        return set(org.units)
    return {u for u in org.units if u == unit_id or unit_id in org.unit_ancestors(u)}


async def report_context(
    session: AsyncSession, cycle_id: str, unit_id: str | None
) -> tuple[Cycle, Policy, OrgChart, set[str]]:
    """The cycle, the policy, the org chart and the units in scope (an unknown unit refused)."""
    cycle = cycle_to_domain(await CycleRepository(session).get(cycle_id))
    policy, _version = await current_policy(session)
    org = await load_org_chart(session)
    if unit_id is not None:
        await OrgUnitRepository(session).get(unit_id, field="unit_id")
    return cycle, policy, org, units_in_scope(org, unit_id)


def owners_in(org: OrgChart, units: Collection[str]) -> list[tuple[OwnerType, str]]:
    """The owners a report lists even without objectives: the units, then their active people."""
    owners: list[tuple[OwnerType, str]] = [(OwnerType.UNIT, u) for u in sorted(units)]
    owners += [
        (OwnerType.PERSON, p.id)
        for p in sorted(org.people.values(), key=lambda p: p.id)
        if p.active and p.unit_id is not None and p.unit_id in units
    ]
    return owners


@dataclass(frozen=True, slots=True)
class Sections:
    """The §8 reports of a cycle as ``domain.reports`` gives them, before naming the owners."""

    objectives: int
    loads: list[reports.OwnerLoad]
    distribution: reports.ScoreDistribution
    bottom_up: reports.ShareReport
    coverage: reports.Coverage
    stale: list[StaleKeyResultOut]
    missing: list[tuple[OwnerType, str]]
    trend: list[reports.ConfidencePoint]
    completion: reports.ReviewCompletion
    follow_ups: list[ReviewFollowUpRow]
    forecast: ForecastSummaryOut


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


async def cycle_report(
    session: AsyncSession, principal: Principal, cycle_id: str, *, unit_id: str | None
) -> CycleReport:
    """Every §8 report of a cycle, optionally for one unit and its descendants."""
    cycle, policy, org, units = await report_context(session, cycle_id, unit_id)

    reads = CycleReportReads(
        session,
        principal.viewer,
        cycle_id,
        units=None if unit_id is None else units,
        company_units=[u for u in org.units if org.is_root_unit(u)],
    )
    live: dict[tuple[OwnerType, str], int] = {}
    with_agreed: set[tuple[OwnerType, str]] = set()
    for row in await reads.owner_counts():
        owner = (OwnerType(row.owner_type), row.owner_id)
        live[owner] = row.live
        if row.agreed:
            with_agreed.add(owner)
    tallies: list[reports.FactTally] = []
    unaligned: list[str] = []
    for row in await reads.tallies():
        tallies.append(
            reports.FactTally(
                state=ObjectiveState(row.state),
                origin=Origin(row.origin),
                score=row.score,
                is_company=bool(row.is_company),
                aligned_upward=bool(row.aligned),
                review_state=None if row.review_state is None else ReviewState(row.review_state),
                count=row.objectives,
            )
        )
        if row.unaligned_id is not None:
            unaligned.append(row.unaligned_id)
    owners = owners_in(org, units)
    today = utcnow().date()

    distribution = reports.score_distribution_of(tallies, policy)
    stale: list[StaleKeyResultOut] = []
    if cycle.state is CycleState.ACTIVE:
        cutoff = stale_cutoff(today=today, policy=policy)
        stale = [
            StaleKeyResultOut(
                key_result_id=kr.id,
                objective_id=kr.objective_id,
                title=kr.title,
                last_check_in_at=kr.last_check_in_at,
            )
            for kr in await reads.stale_key_results(
                cutoff=cutoff, never_checked_stale=cycle.starts_on < cutoff
            )
        ]
    forecast = await _forecast_summary(
        Forecaster(session, policy, {cycle.id: cycle}), reads, agreed=distribution.objectives
    )
    sections = Sections(
        objectives=sum(t.count for t in tallies),
        loads=reports.loads_of(live, policy, owners=owners),
        distribution=distribution,
        bottom_up=reports.bottom_up_share_of(tallies, policy),
        coverage=reports.alignment_coverage_of(tallies, unaligned),
        stale=stale,
        missing=reports.owners_without_agreed(owners, with_agreed, cycle=cycle, today=today),
        trend=[
            reports.confidence_point(row.week, row.key_results, int(row.total))
            for row in await reads.confidence_weeks()
        ],
        completion=reports.review_completion_of(tallies),
        follow_ups=await reads.open_follow_ups(),
        forecast=forecast,
    )
    return answer(org, cycle_id, unit_id, today, sections)


def answer(
    org: OrgChart, cycle_id: str, unit_id: str | None, today: date, sections: Sections
) -> CycleReport:
    """The report as the API shows it, the owners named from the org chart."""
    distribution, bottom_up, coverage = (
        sections.distribution,
        sections.bottom_up,
        sections.coverage,
    )
    completion = sections.completion
    return CycleReport(
        cycle_id=cycle_id,
        unit_id=unit_id,
        as_of=today,
        objectives=sections.objectives,
        objectives_per_owner=[
            OwnerLoadOut(
                owner_type=load.owner_type,
                owner_id=load.owner_id,
                owner_name=_owner_name(org, load.owner_type, load.owner_id),
                owner_inactive=_inactive(org, load.owner_type, load.owner_id),
                count=load.count,
                status=load.status,
            )
            for load in sections.loads
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
        stale_key_results=sections.stale,
        owners_without_agreed_okrs=[_ref(org, owner) for owner in sections.missing],
        confidence_trend=[
            ConfidencePointOut(
                week=p.week, key_results=p.key_results, mean_confidence=p.mean_confidence
            )
            for p in sections.trend
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
            for f in sections.follow_ups
        ],
        forecast=sections.forecast,
    )


FORECAST_CHUNK = 1000
"""How many KRs are forecast at a time (their points read in one query, then dropped)."""


async def _forecast_summary(
    forecaster: Forecaster, reads: CycleReportReads, *, agreed: int
) -> ForecastSummaryOut:
    """The bands of the agreed objectives' KRs and of the objectives, forecast exactly as a read
    of one KR or objective forecasts it, a chunk of KRs at a time (whole objectives), so that the
    server holds one chunk's points, never the cycle's. ``agreed`` counts the agreed objectives
    (those without KRs have no forecast)."""
    krs = dict.fromkeys(_BANDS, 0)
    objectives = dict.fromkeys(_BANDS, 0)
    listed: dict[ForecastBand, list[str]] = {ForecastBand.OFF_TRACK: [], ForecastBand.AT_RISK: []}
    forecast_objectives = 0

    async def flush(chunk: list[Any]) -> None:
        nonlocal forecast_objectives
        by_kr = await forecaster.key_results_of_export(chunk)
        for kr_id, f in by_kr.items():
            krs[_band(f.band)] += 1
            if f.band in listed:
                listed[f.band].append(kr_id)
        for _, rows in groupby(chunk, key=lambda r: r.objective_id):
            of = forecast_objective(
                [(r.weight, by_kr[r.id]) for r in rows], policy=forecaster.policy
            )
            objectives[_band(of.band)] += 1
            forecast_objectives += 1

    chunk: list[Any] = []
    async for row in reads.forecast_key_results():
        if len(chunk) >= FORECAST_CHUNK and row.objective_id != chunk[-1].objective_id:
            await flush(chunk)
            chunk = []
        chunk.append(row)
    if chunk:
        await flush(chunk)
    objectives["none"] += agreed - forecast_objectives  # no KRs: no forecast
    return ForecastSummaryOut(
        key_results=krs,
        objectives=objectives,
        off_track_key_result_ids=sorted(listed[ForecastBand.OFF_TRACK]),
        at_risk_key_result_ids=sorted(listed[ForecastBand.AT_RISK]),
    )


_BANDS = ("on_track", "at_risk", "off_track", "none")


def _band(band: ForecastBand | None) -> str:
    return "none" if band is None else band.value
