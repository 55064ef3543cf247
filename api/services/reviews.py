"""Reviews (okr-domain §7): written by the objective's owner side while its cycle is in review,
confirmed or returned by the objective's approver.

``GET`` is 404 (``review.not_found``) until the owner first ``PUT``s the review. While the review
is a draft, its computed KR scores follow the key results (a late check-in shows up); an override
(a final score that differs from the computed one, with its reason) is kept. Submitting freezes
the scores, the grade and the flags as they are at that moment. A review follows its objective's
visibility, and until it is submitted only the objective's draft readers see it
(``domain.access.may_see_review``); to anyone else it does not exist.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.initiatives import InitiativeCreate
from api.schemas.reviews import (
    FollowUpCarry,
    FollowUpPublic,
    ReviewConfirm,
    ReviewKeyResultPublic,
    ReviewPublic,
    ReviewPut,
)
from api.services.events import emit
from api.services.initiatives import create_initiative
from api.services.okr_visibility import objective_shell, visible_objective
from api.services.org import load_org_chart
from api.services.policy import current_policy
from api.services.rules import refuse_all
from domain.access import is_owner_side, may_see_review
from domain.errors import NotFound, PermissionDenied, RuleViolation, Violation, check_if_match
from domain.model import Cycle, Grade, ObjectiveState, OwnerType, ReviewFlag, ReviewState
from domain.org import OrgChart
from domain.policy import Policy
from domain.review import (
    FollowUp,
    ReviewAnswers,
    ReviewResult,
    build_review,
    check_can_confirm,
    check_follow_ups,
    check_review_editable,
    check_review_open,
    confirm_review_scores,
    transition_review,
)
from persistence.mappers import cycle_to_domain, objective_to_domain
from persistence.repositories.cycles import CycleRepository
from persistence.repositories.objectives import KeyResultRepository, ObjectiveRepository
from persistence.repositories.reviews import ReviewFollowUpRepository, ReviewRepository
from persistence.tables import (
    CycleRow,
    KeyResultRow,
    ObjectiveRow,
    ReviewFollowUpRow,
    ReviewKeyResultScoreRow,
    ReviewRow,
)
from persistence.types import utcnow

ANSWERS = ("goal", "results", "measures", "problems", "lessons")


class _Context:
    """Everything one review request reads: org, objective, its KRs, cycle, review."""

    def __init__(
        self,
        org: OrgChart,
        objective: ObjectiveRow,
        key_results: list[KeyResultRow],
        cycle: CycleRow,
        review: ReviewRow | None,
        policy: Policy,
    ) -> None:
        self.org = org
        self.policy = policy
        self.objective = objective
        self.key_results = key_results
        self.cycle = cycle
        self.review = review

    def existing(self) -> ReviewRow:
        """The review, or ``review.not_found`` (404) while none was written."""
        if self.review is None:
            raise NotFound(
                f"objective {self.objective.id} has no review yet", code="review.not_found"
            )
        return self.review


async def _context(
    session: AsyncSession, objective_id: str, principal: Principal, *, for_update: bool = False
) -> _Context:
    org = await load_org_chart(session)
    objective = await visible_objective(session, objective_id, principal, org)
    key_results = await KeyResultRepository(session).for_objective(objective_id)
    cycle = await CycleRepository(session).get(objective.cycle_id)
    review = await ReviewRepository(session).for_objective(objective_id, for_update=for_update)
    policy, _version = await current_policy(session)
    return _Context(org, objective, key_results, cycle, review, policy)


def _answers(row: ReviewRow) -> ReviewAnswers:
    return ReviewAnswers(**{name: getattr(row, name) for name in ANSWERS})


def _check_owner(ctx: _Context, principal: Principal) -> None:
    owner = OwnerType(ctx.objective.owner_type), ctx.objective.owner_id
    person = principal.viewer.person_id
    if person is None or not is_owner_side(ctx.org, *owner, person):
        raise PermissionDenied(
            "only the objective's owner (a unit's head) writes and submits its review",
            code="review.not_owner",
            field="owner_id",
        )


def _check_agreed(ctx: _Context) -> None:
    if ctx.objective.state != ObjectiveState.AGREED.value:
        raise RuleViolation(
            f"objective {ctx.objective.id} is {ctx.objective.state}: only agreed objectives "
            "are reviewed",
            code="review.objective_not_agreed",
            field="objective_id",
        )


def _build(
    ctx: _Context,
    overrides: dict[str, tuple[Decimal, str | None]],
    achieved: bool | None,
    answers: ReviewAnswers,
) -> ReviewResult:
    return build_review(
        objective_to_domain(ctx.objective, ctx.key_results),
        overrides=overrides,
        achieved=achieved,
        answers=answers,
        policy=ctx.policy,
    )


def _stored_overrides(
    ctx: _Context, scores: list[ReviewKeyResultScoreRow]
) -> dict[str, tuple[Decimal, str | None]]:
    """The overrides of a draft: stored final scores that came with a reason."""
    known = {kr.id for kr in ctx.key_results}
    return {
        s.key_result_id: (s.final_score, s.override_reason)
        for s in scores
        if s.override_reason is not None and s.key_result_id in known
    }


def _score_rows(review_id: str, result: ReviewResult) -> list[ReviewKeyResultScoreRow]:
    return [
        ReviewKeyResultScoreRow(
            review_id=review_id,
            key_result_id=f.key_result_id,
            computed_score=f.computed_score,
            final_score=f.final_score,
            override_reason=f.override_reason if f.overridden else None,
        )
        for f in result.key_results
    ]


def _derived(result: ReviewResult) -> dict[str, Any]:
    return {
        "score": result.score,
        "grade": None if result.grade is None else result.grade.value,
        "flags": [flag.value for flag in result.flags],
    }


def _public(
    ctx: _Context,
    row: ReviewRow,
    scores: list[ReviewKeyResultScoreRow],
    live: ReviewResult | None,
    follow_ups: list[ReviewFollowUpRow],
) -> ReviewPublic:
    """The answer: a draft shows ``live`` (computed now), a submitted review what was frozen."""
    titles = {kr.id: (kr.title, kr.weight) for kr in ctx.key_results}
    confirmed = {s.key_result_id: (s.confirmed_score, s.adjustment_reason) for s in scores}
    items: list[ReviewKeyResultPublic] = []
    if live is not None:
        score, grade, flags = live.score, live.grade, live.flags
        finals = [
            (f.key_result_id, f.computed_score, f.final_score, f.override_reason)
            for f in live.key_results
        ]
    else:
        score = row.score
        grade = None if row.grade is None else Grade(row.grade)
        flags = [ReviewFlag(f) for f in row.flags]
        order = {kr.id: i for i, kr in enumerate(ctx.key_results)}
        finals = [
            (s.key_result_id, s.computed_score, s.final_score, s.override_reason)
            for s in sorted(scores, key=lambda s: order.get(s.key_result_id, len(order)))
        ]
    for kr_id, computed, final, reason in finals:
        title, weight = titles.get(kr_id, ("", Decimal(0)))
        manager_score, adjustment = confirmed.get(kr_id, (None, None))
        items.append(
            ReviewKeyResultPublic(
                key_result_id=kr_id,
                title=title,
                weight=weight,
                computed_score=computed,
                final_score=final,
                overridden=final != computed,
                override_reason=reason if final != computed else None,
                confirmed_score=manager_score,
                adjusted=manager_score is not None and manager_score != final,
                adjustment_reason=adjustment,
            )
        )
    return ReviewPublic(
        id=row.id,
        objective_id=row.objective_id,
        cycle_id=ctx.objective.cycle_id,
        state=ReviewState(row.state),
        achieved=row.achieved,
        goal=row.goal,
        results=row.results,
        measures=row.measures,
        problems=row.problems,
        lessons=row.lessons,
        key_results=items,
        follow_ups=[FollowUpPublic.model_validate(f) for f in follow_ups],
        score=score,
        grade=grade,
        flags=flags,
        return_reason=row.return_reason,
        submitted_at=row.submitted_at,
        confirmed_at=row.confirmed_at,
        confirmed_by_id=row.confirmed_by_id,
        confirm_note=row.confirm_note,
        confirmed_score=row.confirmed_score,
        confirmed_grade=None if row.confirmed_grade is None else Grade(row.confirmed_grade),
        confirmed_flags=None
        if row.confirmed_flags is None
        else [ReviewFlag(f) for f in row.confirmed_flags],
        version=row.version,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _answer(session: AsyncSession, ctx: _Context, row: ReviewRow) -> ReviewPublic:
    repo = ReviewRepository(session)
    scores = await repo.scores(row.id)
    live = None
    if row.state == ReviewState.DRAFT.value:
        live = _build(ctx, _stored_overrides(ctx, scores), row.achieved, _answers(row))
    return _public(ctx, row, scores, live, await repo.follow_ups(row.id))


async def _check_follow_ups(session: AsyncSession, ctx: _Context, body: ReviewPut) -> None:
    assert body.follow_ups is not None
    cycles: dict[str, Cycle] = {}
    repo = CycleRepository(session)
    for cycle_id in {f.carry_to_cycle_id for f in body.follow_ups}:
        found = await repo.find(cycle_id)
        if found is not None:
            cycles[cycle_id] = cycle_to_domain(found)
    check_follow_ups(
        cycle_to_domain(ctx.cycle),
        [FollowUp(f.title, f.owner_id, f.carry_to_cycle_id, f.due_on) for f in body.follow_ups],
        cycles=cycles,
        people=ctx.org.people.keys(),
    )


async def get_review(
    session: AsyncSession, principal: Principal, objective_id: str
) -> ReviewPublic:
    """The objective's review; 404 until its owner has written one."""
    ctx = await _context(session, objective_id, principal)
    review = ctx.existing()
    if not may_see_review(
        ctx.org,
        principal.viewer,
        review_state=ReviewState(review.state),
        owner_type=OwnerType(ctx.objective.owner_type),
        owner_id=ctx.objective.owner_id,
        objective_state=ObjectiveState(ctx.objective.state),
        publish_on=ctx.policy.publish_on,
    ):
        ctx.review = None
        ctx.existing()
    return await _answer(session, ctx, review)


async def put_review(
    session: AsyncSession,
    principal: Principal,
    objective_id: str,
    body: ReviewPut,
    *,
    if_match: str | None,
) -> ReviewPublic:
    """Write the draft review (created by the first ``PUT``)."""
    ctx = await _context(session, objective_id, principal, for_update=True)
    _check_owner(ctx, principal)
    _check_agreed(ctx)
    check_review_open(cycle_to_domain(ctx.cycle))
    if ctx.review is not None:
        check_if_match(if_match, ctx.review.version)
        check_review_editable(ReviewState(ctx.review.state))
    counts = Counter(item.key_result_id for item in body.key_results)
    refuse_all(
        [
            Violation(
                "review.duplicate_key_result", f"key result {kr_id} is listed {n} times", kr_id
            )
            for kr_id, n in counts.items()
            if n > 1
        ],
        code="review.invalid",
    )
    overrides = {i.key_result_id: (i.final_score, i.override_reason) for i in body.key_results}
    answers = ReviewAnswers(**{name: getattr(body, name) for name in ANSWERS})
    result = _build(ctx, overrides, body.achieved, answers)
    if body.follow_ups is not None:
        await _check_follow_ups(session, ctx, body)
    values: dict[str, Any] = {
        "achieved": body.achieved,
        **{name: getattr(body, name) for name in ANSWERS},
        **_derived(result),
    }
    repo = ReviewRepository(session)
    if ctx.review is None:
        row = await repo.add(ReviewRow(objective_id=objective_id, **values))
        event = "review.created"
    else:
        row = await repo.update_versioned(ctx.review, values)
        event = "review.updated"
    scores = _score_rows(row.id, result)
    await repo.replace_scores(row.id, scores)
    if body.follow_ups is not None:
        await repo.replace_follow_ups(
            row.id,
            [
                ReviewFollowUpRow(
                    review_id=row.id,
                    objective_id=objective_id,
                    position=n,
                    title=f.title,
                    owner_id=f.owner_id,
                    due_on=f.due_on,
                    carry_to_cycle_id=f.carry_to_cycle_id,
                )
                for n, f in enumerate(body.follow_ups)
            ],
        )
    public = _public(ctx, row, scores, result, await repo.follow_ups(row.id))
    await emit(session, event, "review", public, entity_id=row.id)
    return public


async def act_on_review(
    session: AsyncSession,
    principal: Principal,
    objective_id: str,
    action: str,
    *,
    reason: str | None = None,
    confirmation: ReviewConfirm | None = None,
    if_match: str | None,
) -> ReviewPublic:
    """``submit`` (owner side), ``confirm`` (with a note and adjusted KR scores) or ``return``
    (the objective's approver)."""
    ctx = await _context(session, objective_id, principal, for_update=True)
    row = ctx.existing()
    if action == "submit":
        _check_owner(ctx, principal)
    else:
        check_can_confirm(objective_shell(ctx.objective), principal.viewer, ctx.org)
    check_if_match(if_match, row.version)
    cycle = cycle_to_domain(ctx.cycle)
    state = transition_review(
        ReviewState(row.state),
        action,
        cycle=cycle,
        answers=_answers(row),
        achieved=row.achieved,
        reason=reason,
    )
    repo = ReviewRepository(session)
    values: dict[str, Any] = {"state": state.value}
    now = utcnow()
    if action == "submit":
        scores = await repo.scores(row.id)
        result = _build(ctx, _stored_overrides(ctx, scores), row.achieved, _answers(row))
        values.update(_derived(result), submitted_at=now, return_reason=None)
        await repo.replace_scores(row.id, _score_rows(row.id, result))
    elif action == "confirm":
        values.update(await _confirm_scores(repo, ctx, row, confirmation or ReviewConfirm()))
        values.update(confirmed_at=now, confirmed_by_id=principal.author_id)
    else:
        values.update(return_reason=reason, submitted_at=None)
        values.update(
            confirm_note=None, confirmed_score=None, confirmed_grade=None, confirmed_flags=None
        )
    await repo.update_versioned(row, values)
    public = await _answer(session, ctx, row)
    event = {
        "submit": "review.submitted",
        "confirm": "review.confirmed",
        "return": "review.returned",
    }
    await emit(session, event[action], "review", public, entity_id=row.id)
    return public


async def _confirm_scores(
    repo: ReviewRepository, ctx: _Context, row: ReviewRow, body: ReviewConfirm
) -> dict[str, Any]:
    """Store the manager's KR scores beside the owner's; return the confirmed outcome as the
    review's column values (the caller's versioned update writes them)."""
    counts = Counter(item.key_result_id for item in body.adjustments)
    refuse_all(
        [
            Violation(
                "review.duplicate_key_result", f"key result {kr_id} is listed {n} times", kr_id
            )
            for kr_id, n in counts.items()
            if n > 1
        ],
        code="review.invalid",
    )
    scores = await repo.scores(row.id)
    order = {kr.id: i for i, kr in enumerate(ctx.key_results)}
    weights = {kr.id: kr.weight for kr in ctx.key_results}
    scores.sort(key=lambda s: order.get(s.key_result_id, len(order)))
    proposed = [
        (s.key_result_id, weights.get(s.key_result_id, Decimal(0)), s.final_score) for s in scores
    ]
    result = confirm_review_scores(
        proposed,
        adjustments={a.key_result_id: (a.score, a.reason) for a in body.adjustments},
        achieved=row.achieved,
        policy=ctx.policy,
    )
    by_kr = {item.key_result_id: item for item in result.key_results}
    for s in scores:
        item = by_kr[s.key_result_id]
        s.confirmed_score = item.confirmed_score
        s.adjustment_reason = item.adjustment_reason
    await repo.session.flush()
    return {
        "confirm_note": body.note,
        "confirmed_score": result.score,
        "confirmed_grade": None if result.grade is None else result.grade.value,
        "confirmed_flags": [flag.value for flag in result.flags],
    }


def _follow_up_not_found(follow_up_id: str) -> NotFound:
    return NotFound(f"follow-up {follow_up_id} does not exist", code="review.follow_up_not_found")


async def carry_follow_up(
    session: AsyncSession, principal: Principal, follow_up_id: str, body: FollowUpCarry
) -> FollowUpPublic:
    """The follow-up becomes an initiative of a key result in the cycle it carries into
    (assigned to its owner, due when it is due); whoever may add initiatives to that KR carries
    it, and only once. A follow-up of a review the caller may not see does not exist."""
    repo = ReviewFollowUpRepository(session)
    row = await repo.find(follow_up_id, for_update=True)
    if row is None:
        raise _follow_up_not_found(follow_up_id)
    try:
        ctx = await _context(session, row.objective_id, principal)
    except NotFound as exc:
        raise _follow_up_not_found(follow_up_id) from exc
    review = ctx.existing()
    if not may_see_review(
        ctx.org,
        principal.viewer,
        review_state=ReviewState(review.state),
        owner_type=OwnerType(ctx.objective.owner_type),
        owner_id=ctx.objective.owner_id,
        objective_state=ObjectiveState(ctx.objective.state),
        publish_on=ctx.policy.publish_on,
    ):
        raise _follow_up_not_found(follow_up_id)
    if row.state != "open":
        raise RuleViolation(
            f"follow-up {follow_up_id} was carried already (initiative {row.initiative_id})",
            code="review.follow_up_carried",
            field="state",
        )
    initiative = await create_initiative(
        session,
        principal,
        body.key_result_id,
        InitiativeCreate(title=row.title, assignee_id=row.owner_id, due_on=row.due_on),
    )
    kr = await KeyResultRepository(session).get(body.key_result_id)
    target = await ObjectiveRepository(session).get(kr.objective_id)
    if target.cycle_id != row.carry_to_cycle_id:
        raise RuleViolation(
            f"follow-up {follow_up_id} carries into cycle {row.carry_to_cycle_id}; key result "
            f"{kr.id} lies in cycle {target.cycle_id}",
            code="review.follow_up_wrong_cycle",
            field="key_result_id",
        )
    await repo.update(row, {"state": "carried", "initiative_id": initiative.id})
    public = FollowUpPublic.model_validate(row)
    await emit(session, "review.follow_up_carried", "review", public, entity_id=review.id)
    return public
