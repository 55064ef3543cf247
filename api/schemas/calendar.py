"""Schemas of the calendar and the meetings: cycle deadlines, the personal inbox, the weekly
digest (okr-domain.md §9)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from api.schemas.common import NumberOut, OutputModel
from domain.deadlines import DeadlineKind, NoticeKind, Status

Party = Literal["owner", "approver"]


class PersonRef(OutputModel):
    """A person, named."""

    id: str
    name: str


class DeadlineObjective(OutputModel):
    """One objective against one deadline."""

    objective_id: str
    title: str
    owner_type: str
    owner_id: str
    status: Status
    done_at: datetime | None
    waiting_on: Party | None
    waiting_on_people: list[PersonRef]


class DeadlinePublic(OutputModel):
    """One deadline of a cycle, with who met it on time, who is late and who is still to act."""

    deadline: DeadlineKind
    due_on: date
    passed: bool
    on_time: list[DeadlineObjective]
    late: list[DeadlineObjective]
    pending: list[DeadlineObjective]


class CycleDeadlines(OutputModel):
    """The deadlines of a cycle in their order, as they stand on ``on``."""

    cycle_id: str
    on: date
    deadlines: list[DeadlinePublic]


class DeadlineNoticePublic(OutputModel):
    """A reminder (``approaching``) or flag (``missed``) of a deadline for one person."""

    id: str
    cycle_id: str
    deadline: DeadlineKind
    due_on: date
    kind: NoticeKind
    person_id: str
    party: Party
    objective_ids: list[str]


# -- the inbox ------------------------------------------------------------------------------------

InboxKind = Literal[
    "draft_to_submit",
    "proposal_to_approve",
    "change_request_to_decide",
    "review_to_write",
    "review_to_confirm",
    "stale_key_result",
    "initiative_due",
]


class InboxItem(OutputModel):
    """One thing the person owes, and by when (``due_on``: null when no deadline is set)."""

    kind: InboxKind
    due_on: date | None
    overdue: bool
    cycle_id: str
    objective_id: str
    title: str
    key_result_id: str | None = None
    change_request_id: str | None = None
    initiative_id: str | None = None


class Inbox(OutputModel):
    """What a person owes, soonest first (items without a date last)."""

    person_id: str
    on: date
    items: list[InboxItem]


# -- the weekly digest --------------------------------------------------------------------------


class DigestCheckIn(OutputModel):
    """A check-in of the week."""

    id: str
    observed_at: datetime
    value: NumberOut | None
    done: bool | None
    confidence: int | None
    note: str | None
    blocker: str | None
    needs_help_from: str | None


class DigestForecast(OutputModel):
    """The KR's end-of-cycle forecast from the points known at the week's end, with its 80%
    interval and band (docs/forecast.md); no score when there is none (``reason`` says why)."""

    method: str
    score: NumberOut | None
    low: NumberOut | None
    high: NumberOut | None
    band: Literal["on_track", "at_risk", "off_track"] | None
    reason: str | None


class DigestKeyResult(OutputModel):
    """One KR at the end of the week and a week before."""

    key_result_id: str
    title: str
    value_now: NumberOut | None
    value_week_ago: NumberOut | None
    score_now: NumberOut | None
    score_week_ago: NumberOut | None
    confidence_now: int | None
    confidence_week_ago: int | None
    confidence_notes: list[str]
    """Notes of the week's check-ins that changed the confidence."""
    check_ins: list[DigestCheckIn]
    stale: bool
    blockers: list[str]
    help_requests: list[str]
    """``manager`` or ``company``, one per check-in of the week that asked for help."""
    forecast: DigestForecast


class DigestInitiative(OutputModel):
    """An initiative due next week."""

    id: str
    key_result_id: str
    title: str
    assignee_id: str | None
    state: str
    due_on: date


class DigestObjective(OutputModel):
    """An agreed objective of a member (or of the unit) with its KRs."""

    objective_id: str
    title: str
    cycle_id: str
    key_results: list[DigestKeyResult]


class DigestOwner(OutputModel):
    """A member of the unit (or the unit itself) and their objectives."""

    owner_type: str
    owner_id: str
    name: str
    objectives: list[DigestObjective]


AtRiskReason = Literal["low_confidence", "confidence_drop", "stale"]


class AtRisk(OutputModel):
    """A KR at risk, and why."""

    key_result_id: str
    objective_id: str
    owner_id: str
    title: str
    reasons: list[AtRiskReason]


class WeeklyDigest(OutputModel):
    """The weekly meeting's agenda of a unit (okr-domain.md §9)."""

    unit_id: str
    week: str
    starts_on: date
    ends_on: date
    person_id: str | None
    owners: list[DigestOwner]
    stale_key_results: list[str]
    blockers: int
    help_requests: int
    check_ins: int
    initiatives_due_next_week: list[DigestInitiative]
    at_risk: list[AtRisk]
