"""Webhook subscriptions (admins): create (the secret shown once), change, pause and resume,
rotate the secret, ping, read the delivery log, replay.

A new subscription starts at the head of the feed: it receives the events that commit after it
(its own ``webhook.created`` excluded). Neither answers nor events ever carry a signing secret
other than the answer that creates it.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import Principal
from api.schemas.webhooks import (
    AttemptPublic,
    DeliveryDetail,
    DeliveryPublic,
    PingResult,
    ReplayResult,
    SecretRotated,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhookUpdate,
)
from api.services.events import emit
from api.services.webhook_delivery import Outbound, payload, secrets_in_use
from api.services.webhook_secrets import SecretBox
from domain.errors import InvalidInput, NotFound
from domain.webhooks import new_secret, subscription_violations
from persistence.events import feed_head
from persistence.repositories.base import Keyset
from persistence.repositories.webhooks import DeliveryRepository, WebhookRepository
from persistence.tables import WebhookDeliveryRow, WebhookRow
from persistence.types import utcnow

PING = "webhook.ping"


def public(row: WebhookRow) -> WebhookPublic:
    """A subscription as the API shows it (never its secrets)."""
    return WebhookPublic(
        id=row.id,
        url=row.url,
        description=row.description,
        event_types=list(row.event_types),
        active=row.active,
        disabled_reason=row.disabled_reason,
        cursor=str(row.cursor),
        consecutive_failures=row.consecutive_failures,
        previous_secret_expires_at=row.previous_secret_expires_at,
        created_by_id=row.created_by_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _delivery(row: WebhookDeliveryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "webhook_id": row.webhook_id,
        "cursor": str(row.position),
        "event_type": row.event_type,
        "state": row.state,
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at,
        "last_status_code": row.last_status_code,
        "last_error": row.last_error,
        "last_latency_ms": row.last_latency_ms,
        "delivered_at": row.delivered_at,
        "created_at": row.created_at,
    }


def _check(url: str, event_types: list[str], *, allow_http: bool) -> None:
    """Refuse (422) naming every rule the URL and event types break."""
    problems = subscription_violations(url, event_types, allow_http=allow_http)
    if problems:
        code = "webhook.invalid" if len(problems) > 1 else None
        raise InvalidInput.from_violations(problems, code=code)


async def create_webhook(
    session: AsyncSession,
    principal: Principal,
    body: WebhookCreate,
    *,
    box: SecretBox,
    allow_http: bool,
) -> WebhookCreated:
    """A subscription from the head of the feed; its secret is in this answer only."""
    types = list(dict.fromkeys(body.event_types))
    _check(body.url, types, allow_http=allow_http)
    secret = new_secret()
    row = await WebhookRepository(session).add(
        WebhookRow(
            url=body.url,
            description=body.description,
            event_types=types,
            active=body.active,
            disabled_reason=None if body.active else "paused",
            secret_encrypted=box.seal(secret),
            created_by_id=principal.author_id,
        )
    )
    await emit(session, "webhook.created", "webhook", public(row), entity_id=row.id)
    row = await WebhookRepository(session).update(row, {"cursor": await feed_head(session)})
    return WebhookCreated(**public(row).model_dump(), secret=secret)


async def list_webhooks(
    session: AsyncSession, *, active: bool | None, limit: int, after: Keyset | None
) -> tuple[list[WebhookPublic], Keyset | None]:
    """Subscriptions in creation order, without secrets."""
    rows, next_keyset = await WebhookRepository(session).list_by_active(
        active, limit=limit, after=after
    )
    return [public(r) for r in rows], next_keyset


async def get_webhook(session: AsyncSession, webhook_id: str) -> WebhookPublic:
    """One subscription without its secrets."""
    return public(await WebhookRepository(session).get(webhook_id))


async def update_webhook(
    session: AsyncSession, webhook_id: str, body: WebhookUpdate, *, allow_http: bool
) -> WebhookPublic:
    """Change URL, event types, description or active (``active`` as pause and resume do)."""
    repo = WebhookRepository(session)
    row = await repo.get(webhook_id, for_update=True)
    changes: dict[str, Any] = body.model_dump(exclude_unset=True)
    for name in ("url", "event_types", "active"):
        if name in changes and changes[name] is None:
            del changes[name]  # explicit nulls of required fields change nothing
    if "event_types" in changes:
        changes["event_types"] = list(dict.fromkeys(changes["event_types"]))
    _check(
        changes.get("url", row.url),
        changes.get("event_types", row.event_types),
        allow_http=allow_http,
    )
    if "active" in changes:
        changes.update(_activity(row, active=changes["active"]))
    row = await repo.update(row, changes)
    await emit(session, "webhook.updated", "webhook", public(row), entity_id=row.id)
    return public(row)


def _activity(row: WebhookRow, *, active: bool) -> dict[str, Any]:
    if active:
        return {"active": True, "disabled_reason": None, "consecutive_failures": 0}
    return {"active": False, "disabled_reason": row.disabled_reason or "paused"}


async def set_active(session: AsyncSession, webhook_id: str, *, active: bool) -> WebhookPublic:
    """Pause (nothing is sent; the feed is kept) or resume (from where it stopped)."""
    repo = WebhookRepository(session)
    row = await repo.get(webhook_id, for_update=True)
    if row.active != active:
        changes = _activity(row, active=active)
        if not active:
            changes["disabled_reason"] = "paused"
        row = await repo.update(row, changes)
        kind = "webhook.resumed" if active else "webhook.paused"
        await emit(session, kind, "webhook", public(row), entity_id=row.id)
    return public(row)


async def delete_webhook(session: AsyncSession, webhook_id: str) -> None:
    """Delete a subscription with its delivery log."""
    repo = WebhookRepository(session)
    row = await repo.get(webhook_id, for_update=True)
    shown = public(row)
    await repo.delete(row)
    await emit(session, "webhook.deleted", "webhook", shown, entity_id=webhook_id)


async def rotate_secret(
    session: AsyncSession, webhook_id: str, *, grace_seconds: int, box: SecretBox
) -> SecretRotated:
    """A new secret (in this answer only); the old one signs beside it for the grace period."""
    repo = WebhookRepository(session)
    row = await repo.get(webhook_id, for_update=True)
    secret = new_secret()
    expires = utcnow() + timedelta(seconds=grace_seconds) if grace_seconds else None
    row = await repo.update(
        row,
        {
            "secret_encrypted": box.seal(secret),
            "previous_secret_encrypted": row.secret_encrypted if expires else None,
            "previous_secret_expires_at": expires,
        },
    )
    await emit(session, "webhook.secret_rotated", "webhook", public(row), entity_id=row.id)
    return SecretRotated(id=row.id, secret=secret, previous_secret_expires_at=expires)


async def ping(
    session: AsyncSession, webhook_id: str, *, box: SecretBox, outbound: Outbound
) -> PingResult:
    """Send a signed ``webhook.ping`` now (outside the delivery log) and tell how it went."""
    row = await WebhookRepository(session).get(webhook_id)
    now = utcnow()
    body = payload(PING, now, {"webhook_id": row.id})
    result = await outbound.post(
        row.url,
        msg_id=f"ping_{uuid.uuid4().hex}",
        body=body.encode(),
        secrets=secrets_in_use(box, row, now),
    )
    return PingResult(
        status_code=result.status_code,
        latency_ms=result.latency_ms,
        error=result.error,
        succeeded=result.error is None,
    )


async def list_deliveries(
    session: AsyncSession,
    webhook_id: str,
    *,
    state: str | None,
    limit: int,
    after: Keyset | None,
) -> tuple[list[DeliveryPublic], Keyset | None]:
    """A subscription's delivery log, oldest first."""
    await WebhookRepository(session).get(webhook_id)
    rows, next_keyset = await DeliveryRepository(session).of_webhook(
        webhook_id, state=state, limit=limit, after=after
    )
    return [DeliveryPublic(**_delivery(r)) for r in rows], next_keyset


async def _delivery_of(
    session: AsyncSession, webhook_id: str, delivery_id: str
) -> WebhookDeliveryRow:
    await WebhookRepository(session).get(webhook_id)
    row = await DeliveryRepository(session).find(delivery_id)
    if row is None or row.webhook_id != webhook_id:
        raise NotFound(f"delivery {delivery_id} does not exist", code="delivery.not_found")
    return row


async def get_delivery(session: AsyncSession, webhook_id: str, delivery_id: str) -> DeliveryDetail:
    """One delivery with its body and every attempt."""
    row = await _delivery_of(session, webhook_id, delivery_id)
    attempts = await DeliveryRepository(session).attempts(row.id)
    return DeliveryDetail(
        **_delivery(row),
        payload=json.loads(row.body),
        attempt_log=[AttemptPublic.model_validate(a) for a in attempts],
    )


async def replay_delivery(
    session: AsyncSession, webhook_id: str, delivery_id: str
) -> DeliveryPublic:
    """Send one delivery again, under the same ``webhook-id``."""
    row = await _delivery_of(session, webhook_id, delivery_id)
    await DeliveryRepository(session).replay(row, utcnow())
    return DeliveryPublic(**_delivery(row))


async def replay_after(session: AsyncSession, webhook_id: str, after: int) -> ReplayResult:
    """Send again every delivery of the subscription after the feed position ``after``."""
    await WebhookRepository(session).get(webhook_id, for_update=True)
    count = await DeliveryRepository(session).replay_after(webhook_id, after, utcnow())
    return ReplayResult(replayed=count)
