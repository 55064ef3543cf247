"""The review meeting's agenda (``GET /v1/org-units/{id}/digests/review``), JSON or Markdown.

The unit, its descendants and their people: every agreed objective of the cycle the caller may
see, with the review the caller may see (``persistence.visibility``; a draft review only for its
draft readers). The figures are ``domain.review_digest``'s; this module loads and renders.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.review_digest import (
    AgendaItemOut,
    AgendaKeyResultOut,
    AgendaSummaryOut,
    ReviewAnswersOut,
    ReviewDigest,
)
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain.model import ObjectiveState, OwnerType, ReviewFlag, ReviewState
from domain.org import OrgChart
from domain.review import ReviewAnswers
from domain.review_digest import (
    AgendaEntry,
    AgendaItem,
    ReviewedKeyResult,
    ReviewFacts,
    agenda_summary,
    review_agenda,
)
from persistence.mappers import objective_to_domain
from persistence.reports import CycleRowReads
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.org import OrgUnitRepository
from persistence.tables import KeyResultRow, ReviewKeyResultScoreRow, ReviewRow

ANSWERS = ("goal", "results", "measures", "problems", "lessons")


def _in_unit(org: OrgChart, unit_id: str, owner_type: str, owner_id: str) -> bool:
    if owner_type == OwnerType.UNIT.value:
        unit = owner_id
    else:
        person = org.people.get(owner_id)
        if person is None or person.unit_id is None:
            return False
        unit = person.unit_id
    return unit == unit_id or unit_id in org.unit_ancestors(unit)


def _owner(org: OrgChart, owner_type: str, owner_id: str) -> tuple[str, int]:
    if owner_type == OwnerType.UNIT.value:
        unit = org.units.get(owner_id)
        return ("" if unit is None else unit.name), len(org.unit_ancestors(owner_id))
    person = org.people.get(owner_id)
    return ("" if person is None else person.name), 0


def _facts(row: ReviewRow, scores: list[ReviewKeyResultScoreRow]) -> ReviewFacts:
    return ReviewFacts(
        state=ReviewState(row.state),
        achieved=row.achieved,
        score=row.score,
        flags=tuple(ReviewFlag(f) for f in row.flags),
        answers=ReviewAnswers(**{name: getattr(row, name) for name in ANSWERS}),
        key_results={
            s.key_result_id: ReviewedKeyResult(
                final_score=s.final_score,
                confirmed_score=s.confirmed_score,
                override_reason=s.override_reason,
                adjustment_reason=s.adjustment_reason,
            )
            for s in scores
        },
        confirmed_score=row.confirmed_score,
        confirmed_flags=None
        if row.confirmed_flags is None
        else tuple(ReviewFlag(f) for f in row.confirmed_flags),
        confirm_note=row.confirm_note,
    )


async def review_digest(
    session: AsyncSession, principal: Principal, unit_id: str, *, cycle_id: str
) -> ReviewDigest:
    """The agenda of the unit's review meeting for the cycle."""
    unit = await OrgUnitRepository(session).get(unit_id, field="unit_id")
    cycle = await CycleRepository(session).get(cycle_id, field="cycle_id")
    policy, _version = await current_policy(session)
    org = await load_org_chart(session)
    reads = CycleRowReads(session, principal.viewer, cycle_id)
    objectives = [
        o
        for o in await reads.objectives()
        if o.state == ObjectiveState.AGREED.value
        and _in_unit(org, unit_id, o.owner_type, o.owner_id)
    ]
    ids = {o.id for o in objectives}
    key_results: dict[str, list[KeyResultRow]] = defaultdict(list)
    for kr in await reads.key_results():
        if kr.objective_id in ids:
            key_results[kr.objective_id].append(kr)
    reviews = {r.objective_id: r for r in await reads.reviews() if r.objective_id in ids}
    scores: dict[str, list[ReviewKeyResultScoreRow]] = defaultdict(list)
    if reviews:
        for s in await reads.review_scores():
            scores[s.review_id].append(s)
    entries = []
    for o in objectives:
        name, depth = _owner(org, o.owner_type, o.owner_id)
        review = reviews.get(o.id)
        entries.append(
            AgendaEntry(
                objective=objective_to_domain(o, key_results[o.id]),
                owner_name=name,
                owner_depth=depth,
                review=None if review is None else _facts(review, scores[review.id]),
            )
        )
    items = review_agenda(entries, policy)
    summary = agenda_summary(items)
    return ReviewDigest(
        unit_id=unit.id,
        unit_name=unit.name,
        cycle_id=cycle.id,
        cycle_name=cycle.name,
        starts_on=cycle.starts_on,
        ends_on=cycle.ends_on,
        summary=AgendaSummaryOut(
            objectives=summary.objectives,
            reviews_missing=summary.reviews_missing,
            reviews_draft=summary.reviews_draft,
            reviews_submitted=summary.reviews_submitted,
            reviews_confirmed=summary.reviews_confirmed,
            mean_score=summary.mean_score,
            grades=summary.grades,
            flagged=summary.flagged,
        ),
        items=[_item_out(item) for item in items],
    )


def _item_out(item: AgendaItem) -> AgendaItemOut:
    return AgendaItemOut(
        position=item.position,
        objective_id=item.objective_id,
        title=item.title,
        owner_type=item.owner_type,
        owner_id=item.owner_id,
        owner_name=item.owner_name,
        review_state=item.review_state,
        achieved=item.achieved,
        computed_score=item.computed_score,
        proposed_score=item.proposed_score,
        confirmed_score=item.confirmed_score,
        score=item.score,
        grade=item.grade,
        flags=list(item.flags),
        key_results=[
            AgendaKeyResultOut(
                key_result_id=kr.key_result_id,
                title=kr.title,
                kind=kr.kind,
                weight=kr.weight,
                target_value=kr.target_value,
                actual_value=kr.actual_value,
                deviation=kr.deviation,
                computed_score=kr.computed_score,
                proposed_score=kr.proposed_score,
                confirmed_score=kr.confirmed_score,
                final_score=kr.final_score,
                gap=kr.gap,
                override_reason=kr.override_reason,
                adjustment_reason=kr.adjustment_reason,
            )
            for kr in item.key_results
        ],
        answers=None
        if item.answers is None
        else ReviewAnswersOut(**{name: getattr(item.answers, name) for name in ANSWERS}),
        confirm_note=item.confirm_note,
    )


# -- Markdown --------------------------------------------------------------------------------

_QUESTIONS = {
    "goal": "What was the goal, and why",
    "results": "Results, deviation and plan changes",
    "measures": "How effective the measures were",
    "problems": "Problems and how they were solved",
    "lessons": "Lessons, next steps, self-evaluation",
}


def _num(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = format(value.normalize(), "f")
    return text


def _score(value: Decimal | None, places: int) -> str:
    if value is None:
        return "–"
    return format(value.quantize(Decimal(1).scaleb(-places)), "f")


def _cell(text: str) -> str:
    """Table cell text: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def _inline(text: str) -> str:
    return " ".join(text.split())


def to_markdown(digest: ReviewDigest) -> str:
    """The agenda as Markdown, one section per objective in order."""
    s = digest.summary
    lines = [
        f"# Review meeting: {_inline(digest.unit_name)}, {_inline(digest.cycle_name)}",
        "",
        f"{digest.starts_on.isoformat()} to {digest.ends_on.isoformat()}",
        "",
        "## Summary",
        "",
        f"- Objectives: {s.objectives}",
        f"- Reviews: {s.reviews_confirmed} confirmed, {s.reviews_submitted} submitted, "
        f"{s.reviews_draft} draft, {s.reviews_missing} missing",
        f"- Mean score: {_score(s.mean_score, 3)}",
        "- Grades: " + ", ".join(f"{g.value} {n}" for g, n in s.grades.items()),
        "- Flags: " + ", ".join(f"{f.value} {n}" for f, n in s.flagged.items()),
    ]
    for item in digest.items:
        state = "no review" if item.review_state is None else f"review {item.review_state.value}"
        lines += [
            "",
            f"## {item.position}. {_inline(item.title)}",
            "",
            f"Owner: {_inline(item.owner_name)} ({item.owner_type.value}) · {state}",
            "",
            f"- Score: {_score(item.score, 3)} ({'–' if item.grade is None else item.grade.value})"
            f"; computed {_score(item.computed_score, 3)}, proposed "
            f"{_score(item.proposed_score, 3)}, confirmed {_score(item.confirmed_score, 3)}",
            "- Flags: " + (", ".join(f.value for f in item.flags) or "none"),
            "- Achieved: " + ("–" if item.achieved is None else "yes" if item.achieved else "no"),
        ]
        if item.confirm_note:
            lines.append(f"- Manager's note: {_inline(item.confirm_note)}")
        lines += [
            "",
            "| KR | weight | target | actual | deviation | computed | proposed | confirmed "
            "| final | reason |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for kr in item.key_results:
            reasons = [r for r in (kr.override_reason, kr.adjustment_reason) if r]
            lines.append(
                f"| {_cell(kr.title)} | {_num(kr.weight)}% | {_num(kr.target_value)} "
                f"| {_num(kr.actual_value)} | {_num(kr.deviation)} "
                f"| {_score(kr.computed_score, 2)} | {_score(kr.proposed_score, 2)} "
                f"| {_score(kr.confirmed_score, 2)} | {_score(kr.final_score, 2)} "
                f"| {_cell('; '.join(reasons))} |"
            )
        if item.answers is not None:
            lines.append("")
            for name, question in _QUESTIONS.items():
                answer = _inline(getattr(item.answers, name)) or "–"
                lines.append(f"- **{question}:** {answer}")
    return "\n".join(lines) + "\n"
