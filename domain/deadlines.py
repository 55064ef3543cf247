"""The calendar of a cycle (okr-domain §9): its deadlines, who meets them and who is reminded.

A cycle carries up to five deadlines, in this order::

    submission  <=  agreement  <=  publication  <=  review_submission  <=  review_confirmation

They may lie before the cycle starts (a month's OKRs are submitted in the last week of the month
before) or after it ends (a quarter is reviewed in the first week after it); only their order is a
rule. ``template_deadlines`` generates them per cycle kind.

Per objective of the cycle, ``evaluate`` says whether a deadline was met on time, missed, or is
still ahead, and whom it waits on (the owner side or the approvers). ``notices`` turns those into
the reminders (``approaching``, a policy number of days before) and flags (``missed``) each person
gets, one per deadline and person.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from domain.errors import Violation
from domain.model import CycleKind, ObjectiveState, PublishOn, ReviewState


class DeadlineKind(enum.StrEnum):
    """The deadlines of a cycle, in their order."""

    SUBMISSION = "submission"
    AGREEMENT = "agreement"
    PUBLICATION = "publication"
    REVIEW_SUBMISSION = "review_submission"
    REVIEW_CONFIRMATION = "review_confirmation"

    @property
    def field(self) -> str:
        """The cycle's field holding this deadline (``submission_deadline``...)."""
        return f"{self.value}_deadline"


ORDER: tuple[DeadlineKind, ...] = tuple(DeadlineKind)
DEADLINE_FIELDS: tuple[str, ...] = tuple(k.field for k in ORDER)


class Status(enum.StrEnum):
    """How one objective stands against one deadline."""

    ON_TIME = "on_time"
    LATE = "late"
    PENDING = "pending"


class NoticeKind(enum.StrEnum):
    """What the producer tells a person about a deadline."""

    APPROACHING = "approaching"
    MISSED = "missed"


Party = str
"""``owner`` or ``approver``: the side a deadline waits on."""

# Offsets in days from the cycle's first day ("start") or last day ("end"), per cycle kind:
# a month's OKRs are submitted in the last week of the month before (每月末周上报) and
# agreed before the month begins (下月首周前完成面谈沟通确认); a quarter's are published in
# the first week of its first month (每季度首月首周内公示); reviews are written and
# confirmed in the first week after the end (首周内对上季度…进行详尽分析说明).
TEMPLATES: Mapping[CycleKind, Mapping[DeadlineKind, tuple[str, int]]] = {
    CycleKind.MONTHLY: {
        DeadlineKind.SUBMISSION: ("start", -3),
        DeadlineKind.AGREEMENT: ("start", -1),
        DeadlineKind.PUBLICATION: ("start", 6),
        DeadlineKind.REVIEW_SUBMISSION: ("end", 5),
        DeadlineKind.REVIEW_CONFIRMATION: ("end", 7),
    },
    CycleKind.QUARTERLY: {
        DeadlineKind.SUBMISSION: ("start", -3),
        DeadlineKind.AGREEMENT: ("start", 3),
        DeadlineKind.PUBLICATION: ("start", 6),
        DeadlineKind.REVIEW_SUBMISSION: ("end", 5),
        DeadlineKind.REVIEW_CONFIRMATION: ("end", 7),
    },
    CycleKind.ANNUAL: {
        DeadlineKind.SUBMISSION: ("start", -7),
        DeadlineKind.AGREEMENT: ("start", 6),
        DeadlineKind.PUBLICATION: ("start", 13),
        DeadlineKind.REVIEW_SUBMISSION: ("end", 10),
        DeadlineKind.REVIEW_CONFIRMATION: ("end", 14),
    },
}


def template_deadlines(kind: CycleKind, starts_on: date, ends_on: date) -> dict[str, date]:
    """The deadlines the template of ``kind`` sets for a cycle, by field name."""
    out: dict[str, date] = {}
    for deadline, (anchor, days) in TEMPLATES[kind].items():
        base = starts_on if anchor == "start" else ends_on
        out[deadline.field] = base + timedelta(days=days)
    return out


def order_violations(values: Mapping[str, date | None]) -> list[Violation]:
    """Every pair of deadlines set out of order (``values`` by field name; None: not set)."""
    found: list[Violation] = []
    set_ = [(k, values.get(k.field)) for k in ORDER]
    present = [(k, day) for k, day in set_ if day is not None]
    for i, (earlier, first) in enumerate(present):
        for later, second in present[i + 1 :]:
            if first is not None and second is not None and second < first:
                found.append(
                    Violation(
                        "cycle.deadlines_out_of_order",
                        f"{later.field} ({second}) must not lie before {earlier.field} ({first})",
                        later.field,
                    )
                )
    planning, review = values.get("planning_deadline"), values.get("review_deadline")
    if planning is not None and review is not None and review < planning:
        found.append(
            Violation(
                "cycle.deadlines_out_of_order",
                "review_deadline must not lie before planning_deadline",
                "review_deadline",
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class ObjectiveProgress:
    """What the calendar needs about one objective of the cycle."""

    objective_id: str
    owner_ids: frozenset[str]
    approver_ids: frozenset[str]
    state: ObjectiveState
    submitted_at: datetime | None = None
    agreed_at: datetime | None = None
    review_state: ReviewState | None = None
    review_submitted_at: datetime | None = None
    review_confirmed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Standing:
    """One objective against one deadline: met on time, late, or still pending; whom it waits on
    (empty once met) and when it was met."""

    objective_id: str
    status: Status
    waiting_on: Party | None
    waiting_on_ids: frozenset[str]
    done_at: datetime | None


def _done_and_waiting(
    kind: DeadlineKind, p: ObjectiveProgress, publish_on: PublishOn
) -> tuple[datetime | None, bool, Party | None] | None:
    """``(when it was met, whether it is met, who it waits on)``; None: the deadline does not
    apply to this objective (a cancelled one is not reviewed, a draft owes no review).
    Publication is met when the policy's ``publish_on`` makes the objective public: once
    agreed, or (``proposed``) once submitted."""
    agreed = p.state is ObjectiveState.AGREED
    if kind is DeadlineKind.SUBMISSION or (
        kind is DeadlineKind.PUBLICATION and publish_on is PublishOn.PROPOSED
    ):
        if p.state is ObjectiveState.DRAFT:
            return None, False, "owner"
        return p.submitted_at, True, None
    if kind in (DeadlineKind.AGREEMENT, DeadlineKind.PUBLICATION):
        if p.state is ObjectiveState.DRAFT:
            return None, False, "owner"
        if p.state is ObjectiveState.PROPOSED:
            return None, False, "approver"
        return p.agreed_at, True, None
    if not agreed:
        return None
    if kind is DeadlineKind.REVIEW_SUBMISSION:
        if p.review_state in (ReviewState.SUBMITTED, ReviewState.CONFIRMED):
            return p.review_submitted_at, True, None
        return None, False, "owner"
    if p.review_state is ReviewState.CONFIRMED:
        return p.review_confirmed_at, True, None
    if p.review_state is ReviewState.SUBMITTED:
        return None, False, "approver"
    return None, False, "owner"


def evaluate(
    kind: DeadlineKind,
    due_on: date,
    progress: ObjectiveProgress,
    *,
    today: date,
    publish_on: PublishOn = PublishOn.AGREED,
) -> Standing | None:
    """How the objective stands against the deadline (None: it does not apply)."""
    found = _done_and_waiting(kind, progress, publish_on)
    if found is None:
        return None
    done_at, done, party = found
    if done:
        late = done_at is not None and done_at.date() > due_on
        return Standing(
            progress.objective_id,
            Status.LATE if late else Status.ON_TIME,
            None,
            frozenset(),
            done_at,
        )
    waiting = progress.owner_ids if party == "owner" else progress.approver_ids
    status = Status.LATE if today > due_on else Status.PENDING
    return Standing(progress.objective_id, status, party, frozenset(waiting), None)


@dataclass(frozen=True, slots=True)
class Notice:
    """A reminder or flag for one person about one deadline, naming the objectives concerned."""

    deadline: DeadlineKind
    person_id: str
    kind: NoticeKind
    party: Party
    objective_ids: tuple[str, ...]


def notices(
    kind: DeadlineKind,
    due_on: date,
    standings: Iterable[Standing],
    *,
    today: date,
    reminder_days: int,
) -> list[Notice]:
    """Who is reminded (the deadline lies within ``reminder_days``) or flagged (it has passed)
    about this deadline, one notice per person, in person id order."""
    if today > due_on:
        notice_kind = NoticeKind.MISSED
    elif today >= due_on - timedelta(days=reminder_days):
        notice_kind = NoticeKind.APPROACHING
    else:
        return []
    by_person: dict[str, tuple[Party, list[str]]] = {}
    for standing in standings:
        if standing.done_at is not None or standing.waiting_on is None:
            continue
        for person in standing.waiting_on_ids:
            party, ids = by_person.setdefault(person, (standing.waiting_on, []))
            ids.append(standing.objective_id)
    return [
        Notice(kind, person, notice_kind, party, tuple(sorted(ids)))
        for person, (party, ids) in sorted(by_person.items())
    ]
