"""Entities and value types of the OKR domain: plain enums and dataclasses.

Ids are opaque strings. Numbers that take part in scoring are ``Decimal``; dates are
``datetime.date``; instants are timezone-aware ``datetime`` in UTC.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal


class CycleKind(enum.StrEnum):
    """Length of a cycle."""

    ANNUAL = "annual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"


class CycleState(enum.StrEnum):
    """Cycle lifecycle: planning -> active -> review -> closed."""

    PLANNING = "planning"
    ACTIVE = "active"
    REVIEW = "review"
    CLOSED = "closed"


class PublishOn(enum.StrEnum):
    """When an objective becomes public (policy ``publish_on``, okr-domain §4): once ``agreed``
    (the default: 经确认后公示) or already once ``proposed``."""

    AGREED = "agreed"
    PROPOSED = "proposed"


class ObjectiveState(enum.StrEnum):
    """Objective lifecycle: draft -> proposed -> agreed, proposed -> draft, agreed -> cancelled."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    AGREED = "agreed"
    CANCELLED = "cancelled"


class OwnerType(enum.StrEnum):
    """Who owns an objective: a person or an org unit."""

    PERSON = "person"
    UNIT = "unit"


class Origin(enum.StrEnum):
    """Where an objective came from."""

    BOTTOM_UP = "bottom_up"
    TOP_DOWN = "top_down"


class KeyResultKind(enum.StrEnum):
    """How a key result measures progress."""

    NUMERIC = "numeric"
    MILESTONE = "milestone"
    DERIVED = "derived"


class Grade(enum.StrEnum):
    """Grade bands of an objective score (优 良 中 可 差)."""

    EXCELLENT = "excellent"
    GOOD = "good"
    FAIR = "fair"
    PASS = "pass"
    POOR = "poor"


class Role(enum.StrEnum):
    """Organisation-wide role of a person."""

    ADMIN = "admin"
    MEMBER = "member"


class InitiativeState(enum.StrEnum):
    """Progress of an initiative (tracked, never scored)."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class ReviewState(enum.StrEnum):
    """End-of-cycle review lifecycle: draft -> submitted -> confirmed, submitted -> draft."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    CONFIRMED = "confirmed"


class ReviewFlag(enum.StrEnum):
    """Flags a review raises."""

    TOO_EASY = "too_easy"
    RECONSIDER = "reconsider"
    KRS_MET_OBJECTIVE_MISSED = "krs_met_objective_missed"


class ChangeRequestState(enum.StrEnum):
    """A proposed change to an agreed annual KR."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(slots=True)
class OrgUnit:
    """A node of the organisation tree; the root has no parent."""

    id: str
    name: str
    parent_id: str | None = None
    head_id: str | None = None


@dataclass(slots=True)
class Person:
    """A member of the organisation."""

    id: str
    name: str
    unit_id: str | None = None
    manager_id: str | None = None
    role: Role = Role.MEMBER
    active: bool = True


@dataclass(slots=True)
class Cycle:
    """A period in which OKRs are set, tracked and scored."""

    id: str
    kind: CycleKind
    starts_on: date
    ends_on: date
    state: CycleState = CycleState.PLANNING
    parent_id: str | None = None
    planning_deadline: date | None = None
    review_deadline: date | None = None
    submission_deadline: date | None = None
    agreement_deadline: date | None = None
    publication_deadline: date | None = None
    review_submission_deadline: date | None = None
    review_confirmation_deadline: date | None = None

    def contains(self, other: Cycle) -> bool:
        """Whether this cycle's period contains or equals the other's."""
        return self.starts_on <= other.starts_on and other.ends_on <= self.ends_on

    def covers(self, day: date) -> bool:
        """Whether a calendar date lies inside the cycle."""
        return self.starts_on <= day <= self.ends_on


@dataclass(slots=True)
class KeyResult:
    """A measurable result of one objective."""

    id: str
    objective_id: str
    title: str
    kind: KeyResultKind
    weight: Decimal
    start_value: Decimal | None = None
    target_value: Decimal | None = None
    current_value: Decimal | None = None
    done: bool = False
    due_on: date | None = None
    score: Decimal = Decimal("0.00")


@dataclass(slots=True)
class Objective:
    """An owner's qualitative goal for a cycle, with its key results."""

    id: str
    cycle_id: str
    owner_type: OwnerType
    owner_id: str
    title: str
    description: str = ""
    origin: Origin = Origin.BOTTOM_UP
    state: ObjectiveState = ObjectiveState.DRAFT
    score: Decimal | None = None
    key_results: list[KeyResult] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CheckIn:
    """A progress point on a key result."""

    id: str
    key_result_id: str
    observed_at: datetime
    received_at: datetime
    value: Decimal | None = None
    done: bool | None = None
    confidence: int | None = None
    note: str | None = None
    source: str = "manual"
    external_id: str | None = None
    author_id: str | None = None
