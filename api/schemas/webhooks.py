"""Schemas of ``/v1/webhooks``: subscriptions, their deliveries and attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from api.schemas.common import Description, InputModel, OutputModel

EventType = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        pattern=r"^(\*|[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*(\.\*)?)$",
        description="An event type (`objective.agreed`), a `prefix.*` pattern or `*`.",
    ),
]
Url = Annotated[
    str,
    Field(
        min_length=1,
        max_length=2000,
        # An absolute http(s) URL with an ASCII host and no credentials; whether plain http is
        # accepted is a setting (OKR_WEBHOOK_ALLOW_HTTP), which a schema cannot say. No white
        # space and no control character in the rest: `\s` alone differs between regex dialects
        # (U+0085 is white space for the server's, not for JSON Schema's). A port is 1 to 65535,
        # without leading zeros.
        pattern=(
            r"^https?://[A-Za-z0-9._~%!$&'()*+,;=-]+"
            r"(:(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}))?"
            r"([/?#][^\s\x00-\x1f\x7f-\x9f]*)?$"
        ),
    ),
]
FeedCursor = Annotated[str, Field(min_length=1, max_length=18, pattern=r"^[0-9]{1,18}$")]
DeliveryState = Literal["pending", "succeeded", "failed"]

MAX_GRACE_SECONDS = 7 * 24 * 3600


class WebhookCreate(InputModel):
    """A new subscription: where to, which event types (`*`, `prefix.*` or exact types)."""

    url: Url = Field(description="`https://` (plain `http://` only where the service allows).")
    event_types: list[EventType] = Field(min_length=1, max_length=100)
    description: Description | None = None
    active: bool = True


class WebhookUpdate(InputModel):
    """Changes to a subscription (only the fields sent)."""

    url: Url | None = None
    event_types: list[EventType] | None = Field(default=None, min_length=1, max_length=100)
    description: Description | None = None
    active: bool | None = None


class WebhookPublic(OutputModel):
    """A subscription without its signing secret."""

    id: str
    url: str
    description: str | None
    event_types: list[str]
    active: bool
    disabled_reason: str | None = Field(
        description="Why it stopped: `paused`, `gone` (the receiver answered 410) or "
        "`failing` (deliveries failed after their whole retry schedule, several in a row)."
    )
    cursor: str = Field(description="The feed position up to which events have been queued.")
    consecutive_failures: int
    previous_secret_expires_at: datetime | None = Field(
        description="Until when the previous secret also signs deliveries (after a rotation)."
    )
    created_by_id: str | None
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookPublic):
    """A new subscription; ``secret`` is shown in this answer only and never again."""

    secret: str = Field(description="`whsec_...`: verifies `webhook-signature`; shown once.")


class SecretRotate(InputModel):
    """A new signing secret; the old one keeps signing beside it for ``grace_seconds``."""

    grace_seconds: int = Field(default=86400, ge=0, le=MAX_GRACE_SECONDS)


class SecretRotated(OutputModel):
    """The new signing secret (shown once) and until when the old one still signs."""

    id: str
    secret: str
    previous_secret_expires_at: datetime | None


class ReplayRequest(InputModel):
    """Send again every delivery after this feed position (`cursor` of an event)."""

    after: FeedCursor


class ReplayResult(OutputModel):
    """How many deliveries were queued again."""

    replayed: int


class PingResult(OutputModel):
    """The answer to a signed `webhook.ping` sent just now."""

    status_code: int | None
    latency_ms: int
    error: str | None
    succeeded: bool


class DeliveryPublic(OutputModel):
    """One event for one subscription, and how its delivery went."""

    id: str = Field(description="The `webhook-id` it is sent with, the same on every attempt.")
    webhook_id: str
    cursor: str = Field(description="The event's position in the feed.")
    event_type: str
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    last_latency_ms: int | None
    delivered_at: datetime | None
    created_at: datetime


class AttemptPublic(OutputModel):
    """One attempt: when, the answer's status or the error, how long it took."""

    attempted_at: datetime
    status_code: int | None
    latency_ms: int
    error: str | None


class DeliveryDetail(DeliveryPublic):
    """A delivery with the body it sends and every attempt."""

    payload: dict[str, Any]
    attempt_log: list[AttemptPublic]
