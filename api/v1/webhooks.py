"""``/v1/webhooks``: subscriptions delivered by the worker (Standard Webhooks), admins only."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request, status

from api.deps import AdminDep, SessionDep, SettingsDep
from api.pagination import Page, PageDep, page_of
from api.schemas.common import Flag
from api.schemas.webhooks import (
    DeliveryDetail,
    DeliveryPublic,
    DeliveryState,
    PingResult,
    ReplayRequest,
    ReplayResult,
    SecretRotate,
    SecretRotated,
    WebhookCreate,
    WebhookCreated,
    WebhookPublic,
    WebhookUpdate,
)
from api.services import webhooks as service
from api.services.webhook_delivery import DeliveryConfig, Outbound
from api.services.webhook_secrets import SecretBox
from api.v1 import resource_router

router = resource_router("webhooks")


def _box(request: Request) -> SecretBox:
    box: SecretBox = request.app.state.webhook_box
    return box


@router.post("/webhooks", name="create_webhook", status_code=status.HTTP_201_CREATED)
async def create_webhook(
    body: WebhookCreate,
    request: Request,
    session: SessionDep,
    principal: AdminDep,
    settings: SettingsDep,
) -> WebhookCreated:
    """Subscribe a URL to event types (admins). The signing `secret` is in this answer only.

    Deliveries start with the events committed after this one. No `Idempotency-Key` here: a
    stored replay would have to keep the secret in clear."""
    return await service.create_webhook(
        session, principal, body, box=_box(request), allow_http=settings.webhook_allow_http
    )


@router.get("/webhooks", name="list_webhooks")
async def list_webhooks(
    session: SessionDep, _: AdminDep, page: PageDep, active: Flag | None = None
) -> Page[WebhookPublic]:
    """Subscriptions without their secrets (admins), filtered by `active`."""
    items, after = await service.list_webhooks(
        session, active=active, limit=page.limit, after=page.after
    )
    return page_of(items, after)


@router.get("/webhooks/{webhook_id}", name="get_webhook")
async def get_webhook(webhook_id: str, session: SessionDep, _: AdminDep) -> WebhookPublic:
    """One subscription without its secrets (admins)."""
    return await service.get_webhook(session, webhook_id)


@router.patch("/webhooks/{webhook_id}", name="update_webhook")
async def update_webhook(
    webhook_id: str,
    body: WebhookUpdate,
    session: SessionDep,
    _: AdminDep,
    settings: SettingsDep,
) -> WebhookPublic:
    """Change a subscription (admins); `active: true` resumes where it stopped."""
    return await service.update_webhook(
        session, webhook_id, body, allow_http=settings.webhook_allow_http
    )


@router.delete(
    "/webhooks/{webhook_id}", name="delete_webhook", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_webhook(webhook_id: str, session: SessionDep, _: AdminDep) -> None:
    """Delete a subscription and its delivery log (admins)."""
    await service.delete_webhook(session, webhook_id)


@router.post("/webhooks/{webhook_id}/pause", name="pause_webhook")
async def pause_webhook(webhook_id: str, session: SessionDep, _: AdminDep) -> WebhookPublic:
    """Stop sending (admins); events keep queueing up in the feed for when it resumes."""
    return await service.set_active(session, webhook_id, active=False)


@router.post("/webhooks/{webhook_id}/resume", name="resume_webhook")
async def resume_webhook(webhook_id: str, session: SessionDep, _: AdminDep) -> WebhookPublic:
    """Send again from where it stopped (admins), also after it was disabled."""
    return await service.set_active(session, webhook_id, active=True)


@router.post("/webhooks/{webhook_id}/rotate-secret", name="rotate_webhook_secret")
async def rotate_webhook_secret(
    webhook_id: str, body: SecretRotate, request: Request, session: SessionDep, _: AdminDep
) -> SecretRotated:
    """A new signing secret, shown once (admins); during `grace_seconds` deliveries carry a
    signature by the old secret beside the new one."""
    return await service.rotate_secret(
        session, webhook_id, grace_seconds=body.grace_seconds, box=_box(request)
    )


@router.post("/webhooks/{webhook_id}/ping", name="ping_webhook")
async def ping_webhook(
    webhook_id: str, request: Request, session: SessionDep, _: AdminDep, settings: SettingsDep
) -> PingResult:
    """Send a signed `webhook.ping` to the URL now and report the answer (admins)."""
    outbound = Outbound(DeliveryConfig.from_settings(settings))
    try:
        return await service.ping(session, webhook_id, box=_box(request), outbound=outbound)
    finally:
        await outbound.aclose()


@router.post("/webhooks/{webhook_id}/replay", name="replay_webhook")
async def replay_webhook(
    webhook_id: str, body: ReplayRequest, session: SessionDep, _: AdminDep
) -> ReplayResult:
    """Send again every delivery after a feed cursor, in feed order (admins)."""
    return await service.replay_after(session, webhook_id, int(body.after))


@router.get("/webhooks/{webhook_id}/deliveries", name="list_webhook_deliveries")
async def list_webhook_deliveries(
    webhook_id: str,
    session: SessionDep,
    _: AdminDep,
    page: PageDep,
    state: Annotated[DeliveryState | None, Query()] = None,
) -> Page[DeliveryPublic]:
    """The delivery log of a subscription, oldest first (admins), filtered by `state`."""
    items, after = await service.list_deliveries(
        session, webhook_id, state=state, limit=page.limit, after=page.after
    )
    return page_of(items, after)


@router.get("/webhooks/{webhook_id}/deliveries/{delivery_id}", name="get_webhook_delivery")
async def get_webhook_delivery(
    webhook_id: str, delivery_id: str, session: SessionDep, _: AdminDep
) -> DeliveryDetail:
    """One delivery with the body it sends and every attempt (admins)."""
    return await service.get_delivery(session, webhook_id, delivery_id)


@router.post(
    "/webhooks/{webhook_id}/deliveries/{delivery_id}/replay", name="replay_webhook_delivery"
)
async def replay_webhook_delivery(
    webhook_id: str, delivery_id: str, session: SessionDep, _: AdminDep
) -> DeliveryPublic:
    """Send one delivery again, under the same `webhook-id` (admins)."""
    return await service.replay_delivery(session, webhook_id, delivery_id)
