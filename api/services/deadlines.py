"""The calendar of a cycle (okr-domain §9): its deadlines as they stand, and the reminders.

``cycle_deadlines`` answers ``GET /v1/cycles/{id}/deadlines``. ``produce_deadline_events`` is the
producer a periodic job calls (and ``okr deadlines produce`` runs once): for every open cycle and
deadline it sends each owner and approver concerned one ``deadline.approaching`` (a policy number
of days before) and one ``deadline.missed`` (after it), exactly once per deadline and person however
many producers run at the same time: a notice row per (cycle, deadline, person, kind) under a
unique constraint is inserted first, and only the producer whose insert went in emits the event.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.calendar import (
    CycleDeadlines,
    DeadlineNoticePublic,
    DeadlineObjective,
    DeadlinePublic,
    PersonRef,
)
from api.services.events import emit
from api.services.okr_visibility import visibility
from api.services.org import load_org_chart
from api.services.policy import current_policy
from domain.deadlines import (
    ORDER,
    DeadlineKind,
    Notice,
    ObjectiveProgress,
    Standing,
    Status,
    evaluate,
    notices,
)
from domain.model import ObjectiveState, OwnerType, ReviewState
from domain.org import OrgChart
from persistence.repositories.calendar import CalendarRepository
from persistence.repositories.cycles import CycleRepository
from persistence.tables import CycleRow, ObjectiveRow, ReviewRow, new_id

DEADLINE_APPROACHING = "deadline.approaching"
DEADLINE_MISSED = "deadline.missed"


def today_utc() -> date:
    """The calendar date in UTC."""
    return datetime.now(UTC).date()


def progress_of(org: OrgChart, row: ObjectiveRow, review: ReviewRow | None) -> ObjectiveProgress:
    """What the calendar needs about an objective (owners and approvers from the org chart)."""
    owner_type = OwnerType(row.owner_type)
    return ObjectiveProgress(
        objective_id=row.id,
        owner_ids=frozenset(org.owner_person_ids(owner_type, row.owner_id)),
        approver_ids=frozenset(org.approver_ids(owner_type, row.owner_id)),
        state=ObjectiveState(row.state),
        submitted_at=row.submitted_at,
        agreed_at=row.agreed_at,
        review_state=ReviewState(review.state) if review is not None else None,
        review_submitted_at=review.submitted_at if review is not None else None,
        review_confirmed_at=review.confirmed_at if review is not None else None,
    )


def set_deadlines(cycle: CycleRow) -> list[tuple[DeadlineKind, date]]:
    """The deadlines the cycle has, in their order."""
    out: list[tuple[DeadlineKind, date]] = []
    for kind in ORDER:
        day = getattr(cycle, kind.field)
        if day is not None:
            out.append((kind, day))
    return out


def _named(org: OrgChart, ids: frozenset[str]) -> list[PersonRef]:
    people = [org.people[i] for i in ids if i in org.people]
    return [PersonRef(id=p.id, name=p.name) for p in sorted(people, key=lambda p: (p.name, p.id))]


async def cycle_deadlines(
    session: AsyncSession, principal: Principal, cycle_id: str, *, on: date | None
) -> CycleDeadlines:
    """Each deadline of the cycle with the objectives (those the caller sees) on time, late and
    pending, and the people they wait on."""
    cycle = await CycleRepository(session).get(cycle_id)
    today = on or today_utc()
    rows = await CalendarRepository(session).objectives_with_reviews(
        [cycle.id], visibility(principal).objective()
    )
    org = await load_org_chart(session)
    policy, _ = await current_policy(session)
    progress = [(row, progress_of(org, row, review)) for row, review in rows]
    deadlines: list[DeadlinePublic] = []
    for kind, due_on in set_deadlines(cycle):
        buckets: dict[Status, list[DeadlineObjective]] = {s: [] for s in Status}
        for row, p in progress:
            standing = evaluate(kind, due_on, p, today=today, publish_on=policy.publish_on)
            if standing is None:
                continue
            buckets[standing.status].append(
                DeadlineObjective(
                    objective_id=row.id,
                    title=row.title,
                    owner_type=row.owner_type,
                    owner_id=row.owner_id,
                    status=standing.status,
                    done_at=standing.done_at,
                    waiting_on=standing.waiting_on,
                    waiting_on_people=_named(org, standing.waiting_on_ids),
                )
            )
        deadlines.append(
            DeadlinePublic(
                deadline=kind,
                due_on=due_on,
                passed=today > due_on,
                on_time=buckets[Status.ON_TIME],
                late=buckets[Status.LATE],
                pending=buckets[Status.PENDING],
            )
        )
    return CycleDeadlines(cycle_id=cycle.id, on=today, deadlines=deadlines)


async def produce_deadline_events(
    session: AsyncSession, *, today: date | None = None
) -> list[DeadlineNoticePublic]:
    """Send the reminders and flags due ``today`` (default: today in UTC) that were not sent
    before, in the caller's transaction (the caller commits); the notices sent.

    Safe to run from several workers at once: each notice is inserted under the unique
    constraint ``(cycle_id, deadline, person_id, kind)`` in one sorted order, a concurrent
    insert of the same notice waits for the other transaction and is then skipped, and only
    the inserted notices become events."""
    day = today or today_utc()
    policy, _ = await current_policy(session)
    repo = CalendarRepository(session)
    cycles = await repo.open_cycles()
    due = [(c, set_deadlines(c)) for c in cycles]
    due = [(c, ds) for c, ds in due if ds]
    if not due:
        return []
    rows = await repo.objectives_with_reviews([c.id for c, _ in due], None)
    org = await load_org_chart(session)
    by_cycle: dict[str, list[ObjectiveProgress]] = {}
    for row, review in rows:
        by_cycle.setdefault(row.cycle_id, []).append(progress_of(org, row, review))
    planned: list[tuple[CycleRow, date, Notice]] = []
    for cycle, deadlines in due:
        progress = by_cycle.get(cycle.id, [])
        for kind, due_on in deadlines:
            standings: Sequence[Standing] = [
                s
                for p in progress
                if (s := evaluate(kind, due_on, p, today=day, publish_on=policy.publish_on))
                is not None
            ]
            for notice in notices(
                kind, due_on, standings, today=day, reminder_days=policy.deadline_reminder_days
            ):
                planned.append((cycle, due_on, notice))
    planned.sort(key=lambda t: (t[0].id, t[2].deadline.value, t[2].person_id, t[2].kind.value))
    values = [
        {
            "id": new_id(),
            "cycle_id": cycle.id,
            "deadline": notice.deadline.value,
            "person_id": notice.person_id,
            "kind": notice.kind.value,
            "due_on": due_on,
            "created_at": datetime.now(UTC),
        }
        for cycle, due_on, notice in planned
    ]
    inserted = set(await repo.add_notices(values))
    sent: list[DeadlineNoticePublic] = []
    for value, (cycle, due_on, notice) in zip(values, planned, strict=True):
        if value["id"] not in inserted:
            continue
        public = DeadlineNoticePublic(
            id=value["id"],
            cycle_id=cycle.id,
            deadline=notice.deadline,
            due_on=due_on,
            kind=notice.kind,
            person_id=notice.person_id,
            party=notice.party,
            objective_ids=list(notice.objective_ids),
        )
        event = DEADLINE_MISSED if notice.kind.value == "missed" else DEADLINE_APPROACHING
        await emit(
            session,
            event,
            "deadline",
            public,
            entity_id=public.id,
            objective_id=notice.objective_ids[0] if notice.objective_ids else None,
        )
        sent.append(public)
    return sent
