"""SQLModel tables of every entity of the v1 API.

Ids are UUID strings (``new_id``); timestamps are timezone-aware UTC (``UTCDateTime``); values,
weights and scores are fixed-point ``Numeric`` columns read back as ``Decimal``. Enumerations are
stored as their lower-case string values. Cycles, objectives and key results carry a ``version``
for optimistic concurrency. Events use an integer key as the change-feed cursor.
"""

import os
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    event,
    select,
)
from sqlalchemy.engine import Connection
from sqlmodel import Field, SQLModel

from domain.identity_rules import email_key
from persistence.types import (
    KR_SCORE,
    OBJECTIVE_SCORE,
    VALUE,
    WEIGHT,
    UTCDateTime,
    json_type,
    utcnow,
)

# Constraint names follow one convention so that migrations and batch mode (SQLite) can name them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A fresh opaque id (a UUID4 string)."""
    return str(uuid.uuid4())


_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}
"""The RFC 4122 variant digit (binary 10xx) for each random hex digit."""


def new_ids(count: int) -> list[str]:
    """``count`` fresh ids as ``new_id`` makes them (random UUID4 strings), from one read of the
    system's random source and string slicing (``uuid.uuid4`` reads it and builds an object per
    id): the version digit is set to 4 and the variant digit to 8, 9, a or b."""
    raw = os.urandom(16 * count).hex()
    ids: list[str] = []
    for start in range(0, 32 * count, 32):
        h = raw[start : start + 32]
        ids.append(f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}")
    return ids


def _fk(
    target: str, *, index: bool = True, nullable: bool = True, ondelete: str | None = None
) -> Any:
    """A string foreign-key field, indexed."""
    return Field(
        default=None if nullable else ...,
        sa_column_args=[ForeignKey(target, ondelete=ondelete)],
        index=index,
        nullable=nullable,
        max_length=36,
    )


class Entity(SQLModel):
    """A row with a UUID string id and its creation and last-update instants (UTC)."""

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


class PolicyRow(Entity, table=True):
    """The organisation's OKR policy: one row (id ``default``), the fields as a JSON document."""

    __tablename__ = "policy"

    id: str = Field(default="default", primary_key=True, max_length=36)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=json_type(), nullable=False)
    version: int = Field(default=1, nullable=False)


class OrgUnitRow(Entity, table=True):
    """A node of the organisation tree."""

    __tablename__ = "org_units"
    __table_args__ = (Index("ix_org_units_created_order", "created_at", "id"),)

    name: str = Field(max_length=200)
    parent_id: str | None = _fk("org_units.id")
    head_id: str | None = Field(
        default=None,
        sa_column_args=[
            ForeignKey("people.id", use_alter=True, name="fk_org_units_head_id_people")
        ],
        index=True,
        max_length=36,
    )
    external_id: str | None = Field(default=None, max_length=200, unique=True)
    scim: dict[str, Any] | None = Field(default=None, sa_type=json_type())
    """The attributes a SCIM identity provider set that have no column of their own."""


class PersonRow(Entity, table=True):
    """A member of the organisation."""

    __tablename__ = "people"
    __table_args__ = (Index("ix_people_created_order", "created_at", "id"),)

    name: str = Field(max_length=200)
    email: str = Field(max_length=320, unique=True)
    email_key: str = Field(max_length=640, unique=True, index=True)
    """The e-mail lower-cased (set with ``email``): unique, so addresses differing only in case
    cannot both be stored, even by concurrent writes. Lower-casing may lengthen a string."""
    unit_id: str | None = _fk("org_units.id")
    manager_id: str | None = _fk("people.id")
    role: str = Field(default="member", max_length=20, index=True)
    external_id: str | None = Field(default=None, max_length=200, unique=True)
    active: bool = Field(default=True, index=True)
    user_name: str | None = Field(default=None, max_length=320)
    """The SCIM ``userName`` (the sign-in name at the identity provider), if provisioned."""
    user_name_key: str | None = Field(default=None, max_length=640, unique=True, index=True)
    """``user_name`` lower-cased (set with it): unique, as SCIM compares user names whatever
    their case."""
    scim: dict[str, Any] | None = Field(default=None, sa_type=json_type())
    """The attributes a SCIM identity provider set that have no column of their own (name
    parts, e-mail list, employee number, department)."""


@event.listens_for(PersonRow.email, "set")
def _set_email_key(target: PersonRow, value: str, _old: Any, _initiator: Any) -> None:
    target.email_key = email_key(value)


@event.listens_for(PersonRow.user_name, "set")
def _set_user_name_key(target: PersonRow, value: str | None, _old: Any, _initiator: Any) -> None:
    target.user_name_key = None if value is None else email_key(value)


TOKEN_HASH_KEYED = "hmac-sha256"
TOKEN_HASH_LEGACY = "sha256"


class PersonTokenRow(Entity, table=True):
    """A personal access token: only its lookup prefix and a keyed hash of the whole token are
    stored (HMAC-SHA256 under the server secret, ``hash_scheme`` ``hmac-sha256``). Rows stored
    before migration 0003 hold a plain SHA-256 (``sha256``) until the token is next used."""

    __tablename__ = "person_tokens"

    person_id: str = _fk("people.id", nullable=False, ondelete="CASCADE")
    name: str = Field(max_length=200)
    prefix: str = Field(max_length=32, unique=True)
    token_hash: str = Field(max_length=64)
    hash_scheme: str = Field(default=TOKEN_HASH_KEYED, max_length=20)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiKeyRow(Entity, table=True):
    """A service credential with scopes; only its prefix and its secret's keyed hash are stored."""

    __tablename__ = "api_keys"

    name: str = Field(max_length=200)
    prefix: str = Field(max_length=32, unique=True)
    secret_hash: str = Field(max_length=64)
    scopes: list[str] = Field(default_factory=list, sa_type=json_type(), nullable=False)
    key_result_ids: list[str] | None = Field(default=None, sa_type=json_type())
    """When set, the key may push check-ins to these key results only."""
    metric_keys: list[str] | None = Field(default=None, sa_type=json_type())
    """When set, the key may push check-ins under these metric keys only."""
    created_by_id: str | None = _fk("people.id")
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CycleRow(Entity, table=True):
    """A period in which OKRs are set, tracked and scored."""

    __tablename__ = "cycles"
    __table_args__ = (Index("ix_cycles_created_order", "created_at", "id"),)

    name: str = Field(max_length=200)
    kind: str = Field(max_length=20, index=True)
    starts_on: date = Field(index=True)
    ends_on: date = Field(index=True)
    parent_id: str | None = _fk("cycles.id")
    state: str = Field(default="planning", max_length=20, index=True)
    planning_deadline: date | None = None
    review_deadline: date | None = None
    submission_deadline: date | None = None
    agreement_deadline: date | None = None
    publication_deadline: date | None = None
    review_submission_deadline: date | None = None
    review_confirmation_deadline: date | None = None
    version: int = Field(default=1, nullable=False)


class ObjectiveRow(Entity, table=True):
    """An owner's goal for a cycle."""

    __tablename__ = "objectives"
    __table_args__ = (
        Index("ix_objectives_owner", "owner_type", "owner_id"),
        Index("ix_objectives_created_order", "created_at", "id"),
    )

    cycle_id: str = _fk("cycles.id", nullable=False)
    owner_type: str = Field(max_length=20)
    owner_id: str = Field(max_length=36, index=True)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text, nullable=False)
    origin: str = Field(default="bottom_up", max_length=20, index=True)
    state: str = Field(default="draft", max_length=20, index=True)
    state_reason: str | None = Field(default=None, sa_type=Text)
    score: Decimal | None = Field(default=None, sa_type=OBJECTIVE_SCORE)
    grade: str | None = Field(default=None, max_length=20, index=True)
    created_by_id: str | None = _fk("people.id")
    approved_by_id: str | None = _fk("people.id")
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    agreed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    version: int = Field(default=1, nullable=False)


class KeyResultRow(Entity, table=True):
    """A measurable result of one objective."""

    __tablename__ = "key_results"
    __table_args__ = (
        Index("ix_key_results_created_order", "created_at", "id"),
        UniqueConstraint("metric_key", "cycle_id", name="uq_key_results_metric_key_cycle"),
    )

    objective_id: str = _fk("objectives.id", nullable=False, ondelete="CASCADE")
    cycle_id: str = _fk("cycles.id", nullable=False)
    """The objective's cycle, kept on the KR so that a metric key is unique per cycle (an
    objective never changes cycle). Set from the objective on insert when not given."""
    position: int = Field(default=0, nullable=False)
    title: str = Field(max_length=200)
    kind: str = Field(max_length=20, index=True)
    start_value: Decimal | None = Field(default=None, sa_type=VALUE)
    target_value: Decimal | None = Field(default=None, sa_type=VALUE)
    current_value: Decimal | None = Field(default=None, sa_type=VALUE)
    unit: str | None = Field(default=None, max_length=50)
    weight: Decimal = Field(sa_type=WEIGHT)
    due_on: date | None = Field(default=None, index=True)
    metric_key: str | None = Field(default=None, max_length=200)
    """What an external system pushes values under: unique among the KRs of one cycle (the same
    key may name a KR of each cycle; a push resolves it to the KR of the running cycle)."""
    done: bool = Field(default=False)
    score: Decimal = Field(default=Decimal("0.00"), sa_type=KR_SCORE)
    confidence: int | None = None
    last_check_in_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    """The ``observed_at`` of the KR's current (newest) check-in (ingestion relies on it)."""
    forecast_band: str | None = Field(default=None, max_length=20)
    """The forecast band last recorded (``api.services.forecasts.refresh_bands``); a change of
    band is an event."""
    version: int = Field(default=1, nullable=False)


@event.listens_for(KeyResultRow, "before_insert")
def _set_key_result_cycle(_mapper: Any, connection: Connection, target: KeyResultRow) -> None:
    """A KR added without its cycle takes its objective's (one lookup; services set it)."""
    if getattr(target, "cycle_id", None) is None:
        objectives = ObjectiveRow.__table__  # type: ignore[attr-defined]
        target.cycle_id = connection.execute(
            select(objectives.c.cycle_id).where(objectives.c.id == target.objective_id)
        ).scalar_one()


class AlignmentRow(Entity, table=True):
    """An edge of the alignment graph: a child objective supports a parent objective or KR."""

    __tablename__ = "alignments"
    __table_args__ = (
        UniqueConstraint(
            "child_objective_id",
            "parent_objective_id",
            "parent_key_result_id",
            name="uq_alignments_edge",
        ),
    )

    child_objective_id: str = _fk("objectives.id", nullable=False, ondelete="CASCADE")
    parent_objective_id: str = _fk("objectives.id", nullable=False, ondelete="CASCADE")
    parent_key_result_id: str | None = _fk("key_results.id", ondelete="CASCADE")
    created_by_id: str | None = _fk("people.id")


class DependencyRow(Entity, table=True):
    """A lateral link: this objective/KR depends on that one."""

    __tablename__ = "dependencies"

    from_objective_id: str | None = _fk("objectives.id", ondelete="CASCADE")
    from_key_result_id: str | None = _fk("key_results.id", ondelete="CASCADE")
    to_objective_id: str | None = _fk("objectives.id", ondelete="CASCADE")
    to_key_result_id: str | None = _fk("key_results.id", ondelete="CASCADE")
    note: str | None = Field(default=None, sa_type=Text)
    created_by_id: str | None = _fk("people.id")


class CheckInRow(Entity, table=True):
    """A progress point on a key result."""

    __tablename__ = "check_ins"
    __table_args__ = (
        UniqueConstraint("source", "external_id", name="uq_check_ins_source_external_id"),
        Index("ix_check_ins_history", "key_result_id", "observed_at", "received_at"),
        Index("ix_check_ins_created_order", "created_at", "id"),
    )

    key_result_id: str = _fk("key_results.id", nullable=False, ondelete="CASCADE")
    value: Decimal | None = Field(default=None, sa_type=VALUE)
    done: bool | None = None
    confidence: int | None = None
    note: str | None = Field(default=None, sa_type=Text)
    observed_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    source: str = Field(default="manual", max_length=100, index=True)
    external_id: str | None = Field(default=None, max_length=200)
    author_id: str | None = _fk("people.id")
    blocker: str | None = Field(default=None, sa_type=Text)
    needs_help_from: str | None = Field(default=None, max_length=20)
    feed_position: int | None = Field(
        default=None,
        sa_column=Column(BigInteger(), nullable=True, unique=True),
        description="The check-in's cursor in the change feed (see persistence.events); null "
        "for check-ins stored before positions existed, whose feed entries are event rows.",
    )
    voided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the check-in was voided: it stays in the history and no longer counts."""
    voided_by_id: str | None = _fk("people.id", index=False)
    void_reason: str | None = Field(default=None, sa_type=Text)


class DeadlineNoticeRow(SQLModel, table=True):
    """One reminder (``approaching``) or flag (``missed``) of a cycle's deadline for one person:
    the unique constraint makes it exactly once, however many producers run."""

    __tablename__ = "deadline_notices"
    __table_args__ = (
        UniqueConstraint(
            "cycle_id", "deadline", "person_id", "kind", name="uq_deadline_notices_once"
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    cycle_id: str = _fk("cycles.id", nullable=False, ondelete="CASCADE", index=False)
    deadline: str = Field(max_length=30)
    person_id: str = _fk("people.id", nullable=False, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    due_on: date
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class InitiativeRow(Entity, table=True):
    """A task derived from a key result."""

    __tablename__ = "initiatives"

    key_result_id: str = _fk("key_results.id", nullable=False, ondelete="CASCADE")
    title: str = Field(max_length=200)
    assignee_id: str | None = _fk("people.id")
    state: str = Field(default="todo", max_length=20, index=True)
    due_on: date | None = Field(default=None, index=True)


class ReviewRow(Entity, table=True):
    """The end-of-cycle review of one objective."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_created_order", "created_at", "id"),)

    objective_id: str = Field(
        sa_column_args=[ForeignKey("objectives.id", ondelete="CASCADE")],
        unique=True,
        max_length=36,
    )
    state: str = Field(default="draft", max_length=20, index=True)
    achieved: bool | None = None
    goal: str = Field(default="", sa_type=Text, nullable=False)
    results: str = Field(default="", sa_type=Text, nullable=False)
    measures: str = Field(default="", sa_type=Text, nullable=False)
    problems: str = Field(default="", sa_type=Text, nullable=False)
    lessons: str = Field(default="", sa_type=Text, nullable=False)
    score: Decimal | None = Field(default=None, sa_type=OBJECTIVE_SCORE)
    grade: str | None = Field(default=None, max_length=20)
    flags: list[str] = Field(default_factory=list, sa_type=json_type(), nullable=False)
    return_reason: str | None = Field(default=None, sa_type=Text)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    confirmed_by_id: str | None = _fk("people.id")
    confirm_note: str | None = Field(default=None, sa_type=Text)
    confirmed_score: Decimal | None = Field(default=None, sa_type=OBJECTIVE_SCORE)
    confirmed_grade: str | None = Field(default=None, max_length=20)
    confirmed_flags: list[str] | None = Field(default=None, sa_type=json_type())
    version: int = Field(default=1, nullable=False)


class ReviewKeyResultScoreRow(Entity, table=True):
    """The final score of one key result in a review."""

    __tablename__ = "review_kr_scores"
    __table_args__ = (
        UniqueConstraint("review_id", "key_result_id", name="uq_review_kr_scores_review_kr"),
    )

    review_id: str = _fk("reviews.id", nullable=False, ondelete="CASCADE")
    key_result_id: str = _fk("key_results.id", nullable=False, ondelete="CASCADE")
    computed_score: Decimal = Field(sa_type=KR_SCORE)
    final_score: Decimal = Field(sa_type=KR_SCORE)
    override_reason: str | None = Field(default=None, sa_type=Text)
    confirmed_score: Decimal | None = Field(default=None, sa_type=KR_SCORE)
    """The manager's score (set on confirmation; the owner's stays in ``final_score``)."""
    adjustment_reason: str | None = Field(default=None, sa_type=Text)
    """Why the manager's confirmed score differs from the owner's final one."""


class ReviewFollowUpRow(Entity, table=True):
    """A follow-up action of a review (复盘后的后续措施), carried into a later cycle."""

    __tablename__ = "review_follow_ups"

    review_id: str = _fk("reviews.id", nullable=False, ondelete="CASCADE")
    objective_id: str = _fk("objectives.id", nullable=False, ondelete="CASCADE")
    position: int = Field(default=0, nullable=False)
    title: str = Field(max_length=200)
    owner_id: str = _fk("people.id", nullable=False)
    due_on: date | None = None
    carry_to_cycle_id: str = _fk("cycles.id", nullable=False, ondelete="CASCADE")
    state: str = Field(default="open", max_length=20, index=True)
    """``open`` until it is carried as an initiative (``carried``)."""
    initiative_id: str | None = _fk("initiatives.id", ondelete="SET NULL")


class ChangeRequestRow(Entity, table=True):
    """A proposed change to an agreed annual key result."""

    __tablename__ = "change_requests"

    key_result_id: str | None = _fk("key_results.id", ondelete="CASCADE")
    """The one KR a single request changes; None for a request of several (``items``)."""
    objective_id: str = _fk("objectives.id", nullable=False, ondelete="CASCADE")
    requested_by_id: str | None = _fk("people.id")
    changes: dict[str, Any] = Field(default_factory=dict, sa_type=json_type(), nullable=False)
    items: list[dict[str, Any]] | None = Field(default=None, sa_type=json_type())
    """A request of several KRs: ``{"op", "key_result_id", "changes"}`` each, in order."""
    reason: str = Field(default="", sa_type=Text, nullable=False)
    state: str = Field(default="pending", max_length=20, index=True)
    decided_by_id: str | None = _fk("people.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_note: str | None = Field(default=None, sa_type=Text)


class WebhookRow(Entity, table=True):
    """A subscription to event types, delivered signed (Standard Webhooks) by the worker.

    ``cursor`` is the feed position up to which the feed has been turned into deliveries;
    ``lease_until`` is how long the worker that claimed the subscription may send its deliveries
    (a crashed worker's claim lapses). Secrets are stored encrypted (``api.webhook_secrets``)."""

    __tablename__ = "webhooks"

    url: str = Field(max_length=2000)
    description: str | None = Field(default=None, sa_type=Text)
    event_types: list[str] = Field(default_factory=list, sa_type=json_type(), nullable=False)
    active: bool = Field(default=True, index=True)
    disabled_reason: str | None = Field(default=None, max_length=40)
    secret_encrypted: str = Field(max_length=500)
    previous_secret_encrypted: str | None = Field(default=None, max_length=500)
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    cursor: int = Field(
        default=0, sa_type=BigInteger().with_variant(Integer(), "sqlite"), nullable=False
    )
    consecutive_failures: int = Field(default=0, nullable=False)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    created_by_id: str | None = _fk("people.id")


class WebhookDeliveryRow(Entity, table=True):
    """One event (at one feed position) to be delivered to one subscription, with its retries.

    ``body`` is the JSON sent, fixed when the delivery is created, so every attempt sends the same
    bytes under the same ``webhook-id`` (the delivery's id)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("webhook_id", "position", name="uq_webhook_deliveries_webhook_position"),
        Index("ix_webhook_deliveries_webhook_state_position", "webhook_id", "state", "position"),
    )

    webhook_id: str = _fk("webhooks.id", index=False, nullable=False, ondelete="CASCADE")
    position: int = Field(sa_type=BigInteger().with_variant(Integer(), "sqlite"), nullable=False)
    event_type: str = Field(max_length=100)
    body: str = Field(sa_type=Text)
    state: str = Field(default="pending", max_length=20)
    attempts: int = Field(default=0, nullable=False)
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = None
    last_error: str | None = Field(default=None, sa_type=Text)
    last_latency_ms: int | None = None
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class WebhookAttemptRow(SQLModel, table=True):
    """One attempt of one delivery: when, the answer's status (or the error), how long."""

    __tablename__ = "webhook_attempts"

    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    delivery_id: str = _fk("webhook_deliveries.id", nullable=False, ondelete="CASCADE")
    attempted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    status_code: int | None = None
    latency_ms: int = Field(default=0, nullable=False)
    error: str | None = Field(default=None, sa_type=Text)


class IdempotencyRecordRow(SQLModel, table=True):
    """The stored answer of a creating POST, keyed by caller and ``Idempotency-Key``."""

    __tablename__ = "idempotency_records"
    __table_args__ = (
        UniqueConstraint("principal", "key", name="uq_idempotency_records_principal_key"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    principal: str = Field(max_length=100)
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=2000)
    body_sha256: str = Field(max_length=64)
    status_code: int
    response_body: str = Field(sa_type=Text)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )


class EventRow(SQLModel, table=True):
    """One entry of the change feed; ``id`` is the cursor, assigned in commit order."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_entity", "entity", "entity_id"),)

    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
    )
    type: str = Field(max_length=100, index=True)
    entity: str = Field(max_length=50)
    entity_id: str = Field(max_length=36)
    audience: str = Field(default="admin", max_length=20)
    """Which rule decides who sees the event (``domain.access.Audience``)."""
    objective_id: str | None = Field(default=None, max_length=36, index=True)
    """The objective the event is about (for a dependency or an alignment: one end)."""
    related_objective_id: str | None = Field(default=None, max_length=36)
    """The other end of a dependency or an alignment: the event is visible when both are."""
    data: dict[str, Any] = Field(default_factory=dict, sa_type=json_type(), nullable=False)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class AuditEventRow(SQLModel, table=True):
    """One write to one entity: who, what (fields before and after), when, in which request."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
    )
    occurred_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )
    principal_id: str | None = Field(default=None, max_length=36, index=True)
    principal_kind: str = Field(max_length=20)
    request_id: str | None = Field(default=None, max_length=200, index=True)
    action: str = Field(max_length=10)
    entity: str = Field(max_length=50)
    entity_id: str = Field(max_length=36)
    before: dict[str, Any] | None = Field(default=None, sa_type=json_type())
    after: dict[str, Any] | None = Field(default=None, sa_type=json_type())


class RateCounterRow(SQLModel, table=True):
    """Requests of one caller in one fixed window (rate limits shared by every process)."""

    __tablename__ = "rate_counters"
    __table_args__ = (
        UniqueConstraint("bucket", "principal", "window_start", name="uq_rate_counters_window"),
    )

    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
    )
    bucket: str = Field(max_length=50)
    principal: str = Field(max_length=100)
    window_start: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    count: int = Field(default=0, nullable=False)
