"""The weekly meeting's agenda of a unit (okr-domain §9), as JSON and as Markdown.

The members are the people of the unit and of the units below it (or one of them with
``person_id``); their agreed objectives, and the units' own, in cycles overlapping the week. The
figures per KR come from ``domain.weekly``.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.calendar import (
    AtRisk,
    DigestCheckIn,
    DigestForecast,
    DigestInitiative,
    DigestKeyResult,
    DigestObjective,
    DigestOwner,
    WeeklyDigest,
)
from api.services.okr_visibility import visibility
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain.errors import NotFound
from domain.org import OrgChart
from domain.weekly import WeekPoint, key_result_week, parse_week
from persistence.mappers import key_result_to_domain
from persistence.repositories.calendar import CalendarRepository


def _units_below(org: OrgChart, unit_id: str) -> list[str]:
    """The unit and every unit below it."""
    return [u for u in org.units if u == unit_id or unit_id in org.unit_ancestors(u)]


async def weekly_digest(
    session: AsyncSession,
    principal: Principal,
    unit_id: str,
    *,
    week: str,
    person_id: str | None,
) -> WeeklyDigest:
    """The agenda of the unit's weekly meeting for ``week`` (``2026-W49``)."""
    the_week = parse_week(week)
    org = await load_org_chart(session)
    if unit_id not in org.units:
        raise NotFound(f"org unit {unit_id} does not exist", code="org_unit.not_found")
    units = _units_below(org, unit_id)
    members = sorted(
        (p for p in org.people.values() if p.unit_id in units and p.active),
        key=lambda p: (p.name, p.id),
    )
    if person_id is not None:
        members = [p for p in members if p.id == person_id]
        if not members:
            raise NotFound(
                f"person {person_id} is not a member of unit {unit_id}",
                code="person.not_found",
                field="person_id",
            )
        units = []
    policy, _ = await current_policy(session)
    repo = CalendarRepository(session)
    found = await repo.agreed_objectives_of(
        person_ids=[p.id for p in members],
        unit_ids=units,
        during=(the_week.first_day, the_week.last_day),
        visible=visibility(principal).objective(),
    )
    order = {o.id: i for i, (o, _) in enumerate(found)}
    krs = sorted(
        await repo.key_results_of(list(order)), key=lambda k: (order[k.objective_id], k.position)
    )
    points: dict[str, list[WeekPoint]] = {}
    for row in await repo.check_ins_until([k.id for k in krs], the_week.ends):
        points.setdefault(row.key_result_id, []).append(
            WeekPoint(
                id=row.id,
                observed_at=row.observed_at,
                value=row.value,
                done=row.done,
                confidence=row.confidence,
                note=row.note,
                blocker=row.blocker,
                needs_help_from=row.needs_help_from,
            )
        )
    krs_of: dict[str, list[DigestKeyResult]] = {}
    at_risk: list[AtRisk] = []
    stale: list[str] = []
    blockers = help_requests = check_ins = 0
    objective_of = {o.id: (o, c) for o, c in found}
    for kr in krs:
        objective, cycle = objective_of[kr.objective_id]
        line = key_result_week(
            key_result_to_domain(kr),
            points.get(kr.id, []),
            week=the_week,
            policy=policy,
            since=cycle.starts_on,
            cycle_ends_on=cycle.ends_on,
            derived_score=kr.score,
        )
        forecast = line.forecast
        krs_of.setdefault(kr.objective_id, []).append(
            DigestKeyResult(
                key_result_id=kr.id,
                title=kr.title,
                value_now=line.value_now,
                value_week_ago=line.value_week_ago,
                score_now=line.score_now,
                score_week_ago=line.score_week_ago,
                confidence_now=line.confidence_now,
                confidence_week_ago=line.confidence_week_ago,
                confidence_notes=line.confidence_notes,
                check_ins=[
                    DigestCheckIn(
                        id=p.id,
                        observed_at=p.observed_at,
                        value=p.value,
                        done=p.done,
                        confidence=p.confidence,
                        note=p.note,
                        blocker=p.blocker,
                        needs_help_from=p.needs_help_from,
                    )
                    for p in line.check_ins
                ],
                stale=line.stale,
                blockers=line.blockers,
                help_requests=line.help_requests,
                forecast=DigestForecast(
                    method=forecast.method.value,
                    score=forecast.score,
                    low=forecast.low,
                    high=forecast.high,
                    band=forecast.band.value if forecast.band is not None else None,
                    reason=forecast.reason.value if forecast.reason is not None else None,
                ),
            )
        )
        if line.stale:
            stale.append(kr.id)
        blockers += len(line.blockers)
        help_requests += len(line.help_requests)
        check_ins += len(line.check_ins)
        if line.risks:
            at_risk.append(
                AtRisk(
                    key_result_id=kr.id,
                    objective_id=objective.id,
                    owner_id=objective.owner_id,
                    title=kr.title,
                    reasons=line.risks,
                )
            )
    owners: list[DigestOwner] = []
    listed = [
        ("unit", u, org.units[u].name) for u in sorted(units, key=lambda u: org.units[u].name)
    ]
    listed += [("person", p.id, p.name) for p in members]
    for owner_type, owner_id, name in listed:
        objectives = [
            DigestObjective(
                objective_id=o.id,
                title=o.title,
                cycle_id=o.cycle_id,
                key_results=krs_of.get(o.id, []),
            )
            for o, _ in found
            if o.owner_type == owner_type and o.owner_id == owner_id
        ]
        if objectives or owner_type == "person":
            owners.append(
                DigestOwner(
                    owner_type=owner_type, owner_id=owner_id, name=name, objectives=objectives
                )
            )
    next_first = the_week.last_day + timedelta(days=1)
    next_last = next_first + timedelta(days=6)
    due_next = [
        DigestInitiative(
            id=i.id,
            key_result_id=i.key_result_id,
            title=i.title,
            assignee_id=i.assignee_id,
            state=i.state,
            due_on=i.due_on,
        )
        for i in await repo.initiatives_of([k.id for k in krs])
        if i.due_on is not None and next_first <= i.due_on <= next_last and i.state != "done"
    ]
    return WeeklyDigest(
        unit_id=unit_id,
        week=the_week.label,
        starts_on=the_week.first_day,
        ends_on=the_week.last_day,
        person_id=person_id,
        owners=owners,
        stale_key_results=stale,
        blockers=blockers,
        help_requests=help_requests,
        check_ins=check_ins,
        initiatives_due_next_week=due_next,
        at_risk=at_risk,
    )


def _num(value: object) -> str:
    return "–" if value is None else str(value)


def _value(value: Decimal | None) -> str:
    """A KR value without the column's trailing zeros (``2.500000`` -> ``2.5``)."""
    return "–" if value is None else format(value.normalize(), "f")


def _forecast(forecast: DigestForecast) -> str:
    if forecast.score is None:
        return f"– ({forecast.reason})"
    return f"{forecast.score} ({forecast.low}–{forecast.high}, {forecast.band})"


def weekly_markdown(digest: WeeklyDigest) -> str:
    """The digest as a Markdown agenda."""
    out = [
        f"# Weekly meeting {digest.week} ({digest.starts_on} to {digest.ends_on})",
        "",
        f"Check-ins this week: {digest.check_ins} · stale KRs: {len(digest.stale_key_results)} · "
        f"blockers: {digest.blockers} · help requests: {digest.help_requests}",
        "",
    ]
    for owner in digest.owners:
        out += [f"## {owner.name}", ""]
        if not owner.objectives:
            out += ["No agreed objectives this week.", ""]
        for objective in owner.objectives:
            out += [
                f"### {objective.title}",
                "",
                "| KR | value (week ago → now) | score (week ago → now) | confidence "
                "(week ago → now) | check-ins | stale | forecast (80% interval, band) |",
                "| --- | --- | --- | --- | --- | --- | --- |",
            ]
            for kr in objective.key_results:
                out.append(
                    f"| {kr.title} | {_value(kr.value_week_ago)} → {_value(kr.value_now)} | "
                    f"{_num(kr.score_week_ago)} → {_num(kr.score_now)} | "
                    f"{_num(kr.confidence_week_ago)} → {_num(kr.confidence_now)} | "
                    f"{len(kr.check_ins)} | {'yes' if kr.stale else 'no'} | "
                    f"{_forecast(kr.forecast)} |"
                )
            out.append("")
            for kr in objective.key_results:
                for note in kr.confidence_notes:
                    out.append(f"- {kr.title}: confidence changed: {note}")
                for blocker in kr.blockers:
                    out.append(f"- {kr.title}: blocker: {blocker}")
                for helper in kr.help_requests:
                    out.append(f"- {kr.title}: needs help from the {helper}")
            out.append("")
    out += ["## At risk", ""]
    if not digest.at_risk:
        out.append("Nothing at risk.")
    for risk in digest.at_risk:
        out.append(f"- {risk.title}: {', '.join(risk.reasons)}")
    out += ["", "## Initiatives due next week", ""]
    if not digest.initiatives_due_next_week:
        out.append("None.")
    for initiative in digest.initiatives_due_next_week:
        out.append(f"- {initiative.due_on}: {initiative.title} ({initiative.state})")
    return "\n".join(out).rstrip() + "\n"
