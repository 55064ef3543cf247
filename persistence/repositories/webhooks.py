"""Webhook subscriptions, their deliveries and attempts; the worker's claims on subscriptions.

The worker shares the work by subscription: ``claim`` leases up to n active subscriptions whose
lease has lapsed, in one ``UPDATE .. WHERE id IN (SELECT .. FOR UPDATE SKIP LOCKED) RETURNING``
(PostgreSQL; SQLite serialises writers, so there one statement is enough), so two workers never
hold the same subscription, and one that dies holds it only until its lease lapses. Whoever
holds a subscription turns the feed after its ``cursor`` into deliveries and sends them in
feed order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from persistence.repositories.base import Keyset, Repository, is_postgres
from persistence.tables import WebhookAttemptRow, WebhookDeliveryRow, WebhookRow

PENDING = "pending"
SUCCEEDED = "succeeded"
FAILED = "failed"
DELIVERY_STATES = (PENDING, SUCCEEDED, FAILED)


class WebhookRepository(Repository[WebhookRow]):
    """Subscriptions."""

    model = WebhookRow
    entity = "webhook"

    async def list_by_active(
        self, active: bool | None, *, limit: int, after: Keyset | None
    ) -> tuple[list[WebhookRow], Keyset | None]:
        """One page of subscriptions in creation order, active or not when given."""
        filters = [] if active is None else [col(WebhookRow.active) == active]
        return await self.list(filters=filters, limit=limit, after=after)


class DeliveryRepository(Repository[WebhookDeliveryRow]):
    """Deliveries of subscriptions, and their attempts."""

    model = WebhookDeliveryRow
    entity = "delivery"

    async def of_webhook(
        self, webhook_id: str, *, state: str | None, limit: int, after: Keyset | None
    ) -> tuple[list[WebhookDeliveryRow], Keyset | None]:
        """One page of a subscription's deliveries in creation order (feed order)."""
        filters = [col(WebhookDeliveryRow.webhook_id) == webhook_id]
        if state is not None:
            filters.append(col(WebhookDeliveryRow.state) == state)
        return await self.list(filters=filters, limit=limit, after=after)

    async def attempts(self, delivery_id: str) -> list[WebhookAttemptRow]:
        """A delivery's attempts, oldest first (at most the schedule's length per replay)."""
        stmt = (
            select(WebhookAttemptRow)
            .where(col(WebhookAttemptRow.delivery_id) == delivery_id)
            .order_by(col(WebhookAttemptRow.id))
        )
        return list(await self.session.scalars(stmt))

    async def replay(self, delivery: WebhookDeliveryRow, now: datetime) -> None:
        """Send a delivery again (next, before the later ones of its subscription)."""
        await self.update(delivery, {"state": PENDING, "attempts": 0, "next_attempt_at": now})

    async def replay_after(self, webhook_id: str, position: int, now: datetime) -> int:
        """Send again every delivery of the subscription after the feed position; their count."""
        stmt = (
            update(WebhookDeliveryRow)
            .where(
                col(WebhookDeliveryRow.webhook_id) == webhook_id,
                col(WebhookDeliveryRow.position) > position,
            )
            .values(state=PENDING, attempts=0, next_attempt_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        result = await self.session.execute(stmt)
        return int(result.rowcount)  # type: ignore[attr-defined]


# -- the worker ---------------------------------------------------------------------------------

_W = WebhookRow.__table__  # type: ignore[attr-defined]
_D = WebhookDeliveryRow.__table__  # type: ignore[attr-defined]


async def claim(session: AsyncSession, *, now: datetime, until: datetime, limit: int) -> list[str]:
    """Lease up to ``limit`` active subscriptions whose lease lapsed until ``until``; their ids.

    The oldest-leased first, so every subscription gets its turn."""
    free = (
        select(_W.c.id)
        .where(_W.c.active.is_(True), or_(_W.c.lease_until.is_(None), _W.c.lease_until < now))
        .order_by(_W.c.lease_until.asc().nulls_first(), _W.c.id)
        .limit(limit)
    )
    if is_postgres(session):
        free = free.with_for_update(skip_locked=True)
    stmt = update(_W).where(_W.c.id.in_(free.scalar_subquery())).values(lease_until=until)
    result = await session.execute(stmt.returning(_W.c.id))
    return [row[0] for row in result]


async def release(session: AsyncSession, webhook_id: str, *, held_until: datetime) -> None:
    """Let a subscription go (unless the lease lapsed and someone else holds it now)."""
    await session.execute(
        update(_W)
        .where(_W.c.id == webhook_id, _W.c.lease_until == held_until)
        .values(lease_until=None)
    )


async def holding(
    session: AsyncSession, webhook_id: str, *, held_until: datetime
) -> WebhookRow | None:
    """The subscription, if this worker still holds its lease and it is active."""
    stmt = select(WebhookRow).where(
        col(WebhookRow.id) == webhook_id,
        col(WebhookRow.lease_until) == held_until,
        col(WebhookRow.active).is_(True),
    )
    row: WebhookRow | None = (await session.execute(stmt)).scalar_one_or_none()
    return row


async def add_deliveries(
    session: AsyncSession, webhook_id: str, rows: Sequence[dict[str, Any]], *, cursor: int
) -> None:
    """Append deliveries (``position``, ``event_type``, ``body``, ...) and move the cursor."""
    if rows:
        session.add_all(WebhookDeliveryRow(webhook_id=webhook_id, **row) for row in rows)
        await session.flush()
    await session.execute(update(_W).where(_W.c.id == webhook_id).values(cursor=cursor))


async def due(
    session: AsyncSession, webhook_id: str, *, now: datetime, limit: int
) -> list[WebhookDeliveryRow]:
    """The subscription's next pending deliveries in feed order, as far as they are due: a
    delivery waiting for its retry holds back the ones after it (per-subscription order)."""
    stmt = (
        select(WebhookDeliveryRow)
        .where(
            col(WebhookDeliveryRow.webhook_id) == webhook_id,
            col(WebhookDeliveryRow.state) == PENDING,
        )
        .order_by(col(WebhookDeliveryRow.position))
        .limit(limit)
    )
    rows: list[WebhookDeliveryRow] = []
    for row in await session.scalars(stmt):
        if row.next_attempt_at is not None and row.next_attempt_at > now:
            break
        rows.append(row)
    return rows


async def record_attempt(
    session: AsyncSession,
    delivery_id: str,
    *,
    attempted_at: datetime,
    status_code: int | None,
    latency_ms: int,
    error: str | None,
    state: str,
    attempts: int,
    next_attempt_at: datetime | None,
) -> None:
    """Log one attempt and set the delivery's state after it."""
    session.add(
        WebhookAttemptRow(
            delivery_id=delivery_id,
            attempted_at=attempted_at,
            status_code=status_code,
            latency_ms=latency_ms,
            error=error,
        )
    )
    await session.execute(
        update(_D)
        .where(_D.c.id == delivery_id)
        .values(
            state=state,
            attempts=attempts,
            next_attempt_at=next_attempt_at,
            last_status_code=status_code,
            last_error=error,
            last_latency_ms=latency_ms,
            delivered_at=attempted_at if state == SUCCEEDED else None,
            updated_at=attempted_at,
        )
    )
    await session.flush()


async def set_health(
    session: AsyncSession,
    webhook_id: str,
    *,
    consecutive_failures: int | None = None,
    disable_reason: str | None = None,
) -> None:
    """Count failures in a row (reset on success), or disable the subscription with a reason."""
    values: dict[str, Any] = {}
    if consecutive_failures is not None:
        values["consecutive_failures"] = consecutive_failures
    if disable_reason is not None:
        values.update(active=False, disabled_reason=disable_reason)
    if values:
        await session.execute(update(_W).where(_W.c.id == webhook_id).values(**values))


async def pending_count(session: AsyncSession, webhook_id: str) -> int:
    """How many deliveries of the subscription wait to be sent."""
    stmt = select(func.count()).where(
        and_(_D.c.webhook_id == webhook_id, _D.c.state == bindparam("state"))
    )
    return int((await session.execute(stmt, {"state": PENDING})).scalar_one())
