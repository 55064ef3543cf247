"""A person's inbox (okr-domain §9): what they owe and by when.

Drafts to submit (by the submission deadline), proposals awaiting their approval (by the agreement
deadline), change requests to decide, reviews to write (by the review submission deadline) or to
confirm (by the review confirmation deadline), their KRs going stale and their initiatives not done.
Visible to the person, their manager chain and admins (``domain.access.may_see_inbox``); the
items are those the caller may also see (``domain.access.may_see_objective``).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.calendar import Inbox, InboxItem, InboxKind
from api.services.deadlines import today_utc
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain import access
from domain.checkins import stale_key_results
from domain.errors import NotFound, PermissionDenied
from domain.model import ObjectiveState, OwnerType, ReviewState
from persistence.mappers import key_result_to_domain
from persistence.repositories.calendar import CalendarRepository
from persistence.tables import CycleRow, ObjectiveRow


def person_not_found(person_id: str) -> NotFound:
    """The 404 of an unknown person, and of an inbox the caller may not see."""
    return NotFound(f"person {person_id} does not exist", code="person.not_found")


def _first(*days: date | None) -> date | None:
    return next((d for d in days if d is not None), None)


def _item(
    kind: InboxKind,
    due_on: date | None,
    today: date,
    objective: ObjectiveRow,
    title: str,
    **ids: str | None,
) -> InboxItem:
    return InboxItem(
        kind=kind,
        due_on=due_on,
        overdue=due_on is not None and due_on < today,
        cycle_id=objective.cycle_id,
        objective_id=objective.id,
        title=title,
        **ids,
    )


async def person_inbox(
    session: AsyncSession, principal: Principal, person_id: str, *, on: date | None
) -> Inbox:
    """The person's inbox as it stands on ``on`` (default: today, UTC)."""
    org = await load_org_chart(session)
    if person_id not in org.people or not access.may_see_inbox(org, principal.viewer, person_id):
        raise person_not_found(person_id)
    today = on or today_utc()
    policy, _ = await current_policy(session)
    repo = CalendarRepository(session)
    headed = [u.id for u in org.units.values() if u.head_id == person_id]
    items: list[InboxItem] = []
    owned = await repo.open_objectives(
        owner_person_id=person_id, headed_unit_ids=headed, states=("draft", "agreed")
    )
    stale_candidates: list[tuple[ObjectiveRow, CycleRow]] = []
    for objective, cycle, review in owned:
        if objective.state == ObjectiveState.DRAFT.value:
            due = _first(cycle.submission_deadline, cycle.planning_deadline)
            items.append(_item("draft_to_submit", due, today, objective, objective.title))
            continue
        if cycle.state in ("active", "review"):
            stale_candidates.append((objective, cycle))
        if cycle.state == "review" and (review is None or review.state == ReviewState.DRAFT.value):
            due = _first(cycle.review_submission_deadline, cycle.review_deadline)
            items.append(_item("review_to_write", due, today, objective, objective.title))
    krs = await repo.key_results_of([o.id for o, _ in stale_candidates])
    cycles = {o.id: c for o, c in stale_candidates}
    objectives = {o.id: o for o, _ in stale_candidates}
    for kr in krs:
        cycle = cycles[kr.objective_id]
        if stale_key_results(
            [(key_result_to_domain(kr), kr.last_check_in_at)],
            today=today,
            policy=policy,
            since=cycle.starts_on,
        ):
            last = kr.last_check_in_at.date() if kr.last_check_in_at else cycle.starts_on
            due = last + timedelta(days=policy.stale_after_days)
            items.append(
                _item(
                    "stale_key_result",
                    due,
                    today,
                    objectives[kr.objective_id],
                    kr.title,
                    key_result_id=kr.id,
                )
            )
    to_decide = await repo.open_objectives(
        owner_person_id="", headed_unit_ids=(), states=("proposed", "agreed")
    )
    for objective, cycle, review in to_decide:
        approvers = org.approver_ids(OwnerType(objective.owner_type), objective.owner_id)
        if person_id not in approvers:
            continue
        if objective.state == ObjectiveState.PROPOSED.value:
            due = _first(cycle.agreement_deadline, cycle.planning_deadline)
            items.append(_item("proposal_to_approve", due, today, objective, objective.title))
        elif review is not None and review.state == ReviewState.SUBMITTED.value:
            due = _first(cycle.review_confirmation_deadline, cycle.review_deadline)
            items.append(_item("review_to_confirm", due, today, objective, objective.title))
    for request, objective in await repo.pending_change_requests():
        if person_id in org.approver_ids(OwnerType(objective.owner_type), objective.owner_id):
            items.append(
                _item(
                    "change_request_to_decide",
                    None,
                    today,
                    objective,
                    objective.title,
                    change_request_id=request.id,
                    key_result_id=request.key_result_id,
                )
            )
    initiatives = await repo.open_initiatives(person_id)
    initiative_objectives = await repo.objectives_by_id({kr.objective_id for _, kr in initiatives})
    for initiative, kr in initiatives:
        objective = initiative_objectives[kr.objective_id]
        items.append(
            _item(
                "initiative_due",
                initiative.due_on,
                today,
                objective,
                initiative.title,
                key_result_id=kr.id,
                initiative_id=initiative.id,
            )
        )
    every = {o.id: o for o, _, _ in owned} | {o.id: o for o, _, _ in to_decide}
    every |= initiative_objectives
    visible = [
        item
        for item in items
        if access.may_see_objective(
            org,
            principal.viewer,
            owner_type=OwnerType(every[item.objective_id].owner_type),
            owner_id=every[item.objective_id].owner_id,
            state=ObjectiveState(every[item.objective_id].state),
            publish_on=policy.publish_on,
        )
    ]
    visible.sort(key=lambda i: (i.due_on is None, i.due_on or today, i.kind, i.objective_id))
    return Inbox(person_id=person_id, on=today, items=visible)


async def my_inbox(session: AsyncSession, principal: Principal, *, on: date | None) -> Inbox:
    """The caller's own inbox; a service key names no person and has none."""
    person = principal.viewer.person_id
    if person is None:
        raise PermissionDenied(
            "a service key names no person and has no inbox", code="inbox.not_a_person"
        )
    return await person_inbox(session, principal, person, on=on)
