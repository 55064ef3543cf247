"""Schemas of check-ins: ``/v1/key-results/{id}/check-ins`` and ``/v1/check-ins/batch``."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, NotRequired

from pydantic import ConfigDict, Field, WithJsonSchema, with_config
from typing_extensions import TypedDict

from api.schemas.common import (
    ExternalId,
    Id,
    InputModel,
    Instant,
    JsonNumber,
    Note,
    NumberOut,
    OutputModel,
    Reason,
)

SOURCE_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,99}$"

Value = Annotated[Decimal, JsonNumber(max_digits=21, decimal_places=6)]
Confidence = Annotated[int, Field(ge=0, le=10)]
Source = Annotated[
    str,
    Field(
        pattern=SOURCE_PATTERN,
        description="Who sent the value: `manual`, `api` or an integration's name.",
    ),
]
MetricKey = Annotated[str, Field(min_length=1, max_length=200)]
HelpFrom = Literal["manager", "company"]
MAX_BATCH_ITEMS = 1000
DEFAULT_SOURCE = "manual"


class CheckInCreate(InputModel):
    """A progress point: `value` for a numeric KR, `done` for a milestone.

    `observed_at` is when the value was true (default: now; at most 5 minutes ahead). A person who
    changes the KR's confidence must say why in `note`. `(source, external_id)` makes pushes
    idempotent: pushing the same pair again answers the stored check-in with 200. `blocker` says
    what holds the KR back; `needs_help_from` (`manager` or `company`) asks for support, which is
    an event (`check_in.help_requested`).
    """

    value: Value | None = None
    done: bool | None = None
    confidence: Confidence | None = None
    note: Note | None = None
    blocker: Note | None = None
    needs_help_from: HelpFrom | None = None
    observed_at: Instant | None = None
    source: Source = DEFAULT_SOURCE
    external_id: ExternalId | None = None


class CheckInBatchItem(CheckInCreate):
    """One check-in of a batch, for a KR named by `key_result_id` or by its `metric_key`.

    A metric key names the KR that carries it in the cycle running on the day of `observed_at`
    (cycles that are closed do not count; when none runs that day, the one cycle that is not
    closed). When overlapping cycles (a quarter and its year) both carry it, the item is refused
    with `metric_key.ambiguous`, naming the cycles: send `key_result_id` (with or without the
    metric key) instead.
    """

    key_result_id: Id | None = None
    metric_key: MetricKey | None = None


@with_config(ConfigDict(extra="forbid", strict=True))
class CheckInItem(TypedDict):
    """``CheckInBatchItem``'s fields and rules as a plain dict: what ingestion validates each
    item into (no model object per item). A field left out is absent (``source``: ``manual``);
    a test keeps the two identical."""

    value: NotRequired[Value | None]
    done: NotRequired[bool | None]
    confidence: NotRequired[Confidence | None]
    note: NotRequired[Note | None]
    blocker: NotRequired[Note | None]
    needs_help_from: NotRequired[HelpFrom | None]
    observed_at: NotRequired[Instant | None]
    source: NotRequired[Source]
    external_id: NotRequired[ExternalId | None]
    key_result_id: NotRequired[Id | None]
    metric_key: NotRequired[MetricKey | None]


BatchItem = Annotated[dict[str, Any], WithJsonSchema(CheckInBatchItem.model_json_schema())]
"""An item is a JSON object, else the request is refused whole (422 naming it); the fields of an
object are checked item by item (a bad one is refused alone, the others are stored)."""


class CheckInBatch(InputModel):
    """Up to 1,000 check-ins; each item is validated and stored on its own."""

    items: list[BatchItem] = Field(min_length=1, max_length=MAX_BATCH_ITEMS)


class CheckInPublic(OutputModel):
    """A progress point on a key result."""

    id: str
    key_result_id: str
    value: NumberOut | None
    done: bool | None
    confidence: int | None
    note: str | None
    observed_at: datetime
    received_at: datetime
    source: str
    external_id: str | None
    author_id: str | None
    blocker: str | None = None
    needs_help_from: HelpFrom | None = None
    voided_at: datetime | None = Field(
        default=None, description="When the check-in was voided; a voided point no longer counts."
    )
    voided_by_id: str | None = Field(
        default=None,
        description="The person who voided it (null when a service key did: the audit trail "
        "names the key).",
    )
    void_reason: str | None = Field(default=None, description="Why it was voided.")


class CheckInVoid(InputModel):
    """Void a wrong check-in: it stays in the history, marked voided, and no longer counts."""

    reason: Reason


class BatchError(OutputModel):
    """Why one item was refused."""

    code: str
    message: str
    field: str | None


class BatchItemResult(OutputModel):
    """The outcome of one item, by its position in the request."""

    index: int
    outcome: Literal["created", "duplicate", "refused"]
    check_in_id: str | None
    error: BatchError | None


class CheckInBatchResult(OutputModel):
    """One result per item, in request order, and the counts."""

    items: list[BatchItemResult]
    created: int
    duplicate: int
    refused: int
