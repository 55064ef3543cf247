"""Sending webhook deliveries: the outbound guard, signing, and the worker's delivery job.

Outbound requests (``Outbound.post``) resolve the URL's host first and refuse it when any of its
addresses is private, loopback, link-local, multicast or reserved, unless inside
``OKR_WEBHOOK_ALLOWED_NETWORKS`` (``domain.webhooks.address_allowed``); they follow no redirect
(a 3xx is a failure), use no proxy from the environment, and give up after a short connect and
read timeout. (The host is resolved again by the HTTP client when it connects; a name whose
answer changes in between is the residual risk of this check.)

The delivery job (``deliver``) claims subscriptions (``persistence.repositories.webhooks.claim``)
and, for each one it holds:

1. turns the feed after the subscription's cursor into deliveries of the event types it wants,
   in one short transaction (the outbox is the feed itself: events and check-ins alike, in
   their feed order), seen as ``domain.access.subscription_viewer`` sees them;
2. sends its due deliveries one after another in feed order and commits their outcomes (the
   attempt log, the new states) every ``RECORD_EVERY`` successes and at the end of the turn;
   the first that does not succeed ends the turn, and a delivery waiting for a retry holds back
   those after it (per-subscription order).

A worker killed mid-send has committed nothing for the deliveries since its last commit: they
are sent again once the lease lapses (at least once, never lost). The receiver tells repeats
apart by ``webhook-id``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.services.events import public_entry
from api.services.webhook_secrets import SecretBox
from api.settings import Settings
from domain.access import Audience, may_see_event, subscription_viewer
from domain.webhooks import (
    IpNetwork,
    Outcome,
    address_allowed,
    matches,
    next_retry_delay,
    outcome,
    parse_networks,
    retry_after_seconds,
    should_disable,
    signature_header,
)
from persistence.events import list_feed
from persistence.repositories import webhooks as outbox
from persistence.repositories.webhooks import WebhookRepository
from persistence.tables import WebhookRow
from persistence.types import utcnow
from persistence.visibility import Visibility

logger = logging.getLogger(__name__)

USER_AGENT = "okr-service-webhooks/1"
QUEUE_PER_TURN = 500
"""Feed entries one turn turns into deliveries at most."""
CLAIM_PER_ROUND = 16
"""Subscriptions one worker holds at once (sent to concurrently)."""
ERROR_CHARS = 500
RECORD_EVERY = 50
"""Successful attempts committed together: a worker killed before the commit sends at most
these again (at least once)."""


@dataclass(frozen=True, slots=True)
class AttemptResult:
    """How one POST went."""

    status_code: int | None
    latency_ms: int
    error: str | None
    retry_after: str | None = None

    @property
    def outcome(self) -> Outcome:
        """Success, gone (410) or failure."""
        return outcome(self.status_code)


@dataclass(frozen=True, slots=True)
class DeliveryConfig:
    """The settings deliveries follow."""

    schedule: tuple[float, ...]
    disable_after: int
    allowed: tuple[IpNetwork, ...]
    connect_timeout: float
    read_timeout: float
    batch: int
    lease_seconds: float

    @classmethod
    def from_settings(cls, settings: Settings) -> DeliveryConfig:
        """The configuration the settings name."""
        connect, read = (
            settings.webhook_connect_timeout_seconds,
            settings.webhook_read_timeout_seconds,
        )
        return cls(
            schedule=tuple(settings.webhook_retry_schedule),
            disable_after=settings.webhook_disable_after_failures,
            allowed=parse_networks(settings.webhook_allowed_networks),
            connect_timeout=connect,
            read_timeout=read,
            batch=max(settings.webhook_batch, 1),
            lease_seconds=max(settings.webhook_lease_seconds, 2 * (connect + read) + 1),
        )


class Outbound:
    """Signed POSTs to receivers, through the outbound guard."""

    def __init__(self, config: DeliveryConfig, client: httpx.AsyncClient | None = None) -> None:
        self.config = config
        self.client = client or httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                config.read_timeout, connect=config.connect_timeout, pool=config.connect_timeout
            ),
            headers={"user-agent": USER_AGENT},
        )
        self._resolved: dict[tuple[str, int], float] = {}

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self.client.aclose()

    async def refusal(self, url: str) -> str | None:
        """Why the guard refuses the URL's host, or None when every address is allowed."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:  # a port out of 0-65535 (the schema refuses it; a stored URL may not)
            return "the URL's port is not a port"
        if self._resolved.get((host, port), 0.0) > time.monotonic():
            return None
        try:
            infos = await asyncio.wait_for(
                asyncio.get_running_loop().getaddrinfo(host, port),
                timeout=self.config.connect_timeout,
            )
        except (OSError, TimeoutError, UnicodeError) as exc:
            # UnicodeError: a host the IDNA codec cannot encode (an empty label: `a..b`).
            return f"cannot resolve {host}: {exc.__class__.__name__}"
        addresses = sorted({str(info[4][0]) for info in infos})
        refused = [a for a in addresses if not address_allowed(a, self.config.allowed)]
        if refused or not addresses:
            return f"address not allowed: {', '.join(refused) or 'none'}"
        self._resolved[(host, port)] = time.monotonic() + 30.0
        return None

    async def post(
        self, url: str, *, msg_id: str, body: bytes, secrets: Sequence[str]
    ) -> AttemptResult:
        """POST one signed delivery; never raises for what the receiver or network does."""
        started = time.monotonic()

        def took() -> int:
            return int((time.monotonic() - started) * 1000)

        if (why := await self.refusal(url)) is not None:
            return AttemptResult(None, took(), why)
        timestamp = int(time.time())
        headers = {
            "content-type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signature_header(secrets, msg_id, timestamp, body),
        }
        try:
            response = await self.client.post(url, content=body, headers=headers)
        except httpx.TimeoutException as exc:
            return AttemptResult(None, took(), f"timeout: {exc.__class__.__name__}")
        except httpx.HTTPError as exc:
            return AttemptResult(None, took(), f"{exc.__class__.__name__}: {exc}"[:ERROR_CHARS])
        error = None
        if 300 <= response.status_code < 400:
            error = f"redirect to {response.headers.get('location', '?')[:200]} not followed"
        elif not 200 <= response.status_code < 300:
            error = f"answered {response.status_code}"
        return AttemptResult(
            response.status_code, took(), error, response.headers.get("retry-after")
        )


def payload(entry_type: str, occurred_at: datetime, data: dict[str, object]) -> str:
    """The JSON body of a delivery: ``{type, timestamp, data}`` (Standard Webhooks)."""
    return json.dumps(
        {"type": entry_type, "timestamp": occurred_at.isoformat(), "data": data},
        separators=(",", ":"),
    )


def secrets_in_use(box: SecretBox, hook: WebhookRow, now: datetime) -> list[str]:
    """The current secret, and the previous one during a rotation's grace period."""
    found = [box.open(hook.secret_encrypted)]
    if (
        hook.previous_secret_encrypted is not None
        and hook.previous_secret_expires_at is not None
        and hook.previous_secret_expires_at > now
    ):
        found.append(box.open(hook.previous_secret_encrypted))
    return found


@dataclass(frozen=True, slots=True)
class _Due:
    id: str
    body: str
    attempts: int


class Deliverer:
    """The delivery job of one worker process."""

    def __init__(
        self,
        factory: async_sessionmaker[AsyncSession],
        box: SecretBox,
        config: DeliveryConfig,
        outbound: Outbound | None = None,
    ) -> None:
        self.factory = factory
        self.box = box
        self.config = config
        self.outbound = outbound or Outbound(config)
        self.random = random.SystemRandom().random

    async def aclose(self) -> None:
        """Close the outbound connections."""
        await self.outbound.aclose()

    async def run_once(self) -> int:
        """One round: claim subscriptions, queue and send for each; the work done (queued and
        attempted deliveries), 0 when there was nothing to do."""
        now = utcnow()
        until = now + timedelta(seconds=self.config.lease_seconds)
        async with self.factory() as session, session.begin():
            claimed = await outbox.claim(session, now=now, until=until, limit=CLAIM_PER_ROUND)
        if not claimed:
            return 0
        turns = [self._turn(hook_id, until) for hook_id in claimed]
        done = 0
        for hook_id, result in zip(
            claimed, await asyncio.gather(*turns, return_exceptions=True), strict=True
        ):
            if isinstance(result, BaseException):
                logger.error("webhook %s: the delivery turn failed", hook_id, exc_info=result)
            else:
                done += result
        return done

    async def _turn(self, hook_id: str, until: datetime) -> int:
        deadline = (
            time.monotonic()
            + self.config.lease_seconds
            - (self.config.connect_timeout + self.config.read_timeout + 1)
        )
        try:
            queued, url, secrets, due = await self._queue(hook_id, until)
            sent = 0
            outcomes: list[tuple[_Due, AttemptResult]] = []
            for delivery in due:
                if time.monotonic() > deadline:
                    break
                sent += 1
                result = await self.outbound.post(
                    url, msg_id=delivery.id, body=delivery.body.encode(), secrets=secrets
                )
                outcomes.append((delivery, result))
                if result.outcome is not Outcome.SUCCEEDED:
                    break
                if len(outcomes) >= RECORD_EVERY:
                    await self._record(hook_id, outcomes)
                    outcomes = []
            if outcomes:
                await self._record(hook_id, outcomes)
            return queued + sent
        finally:
            async with self.factory() as session, session.begin():
                await outbox.release(session, hook_id, held_until=until)

    async def _queue(self, hook_id: str, until: datetime) -> tuple[int, str, list[str], list[_Due]]:
        now = utcnow()
        async with self.factory() as session, session.begin():
            hook = await outbox.holding(session, hook_id, held_until=until)
            if hook is None:
                return 0, "", [], []
            entries = await list_feed(
                session,
                Visibility(subscription_viewer(hook.id)),
                after=hook.cursor,
                limit=QUEUE_PER_TURN,
            )
            viewer = subscription_viewer(hook.id)
            rows = []
            for entry in entries:
                audience = Audience(entry.event.audience) if entry.event else Audience.OBJECTIVE
                # the query applied the subscription's visibility already (persistence.visibility)
                seen = may_see_event(viewer, audience, objectives_visible=True, review_visible=True)
                public = public_entry(entry)
                if seen and matches(hook.event_types, public.type):
                    body = payload(public.type, public.occurred_at, public.model_dump(mode="json"))
                    rows.append(
                        {
                            "position": entry.cursor,
                            "event_type": public.type,
                            "body": body,
                            "next_attempt_at": now,
                        }
                    )
            if entries:
                await outbox.add_deliveries(session, hook.id, rows, cursor=entries[-1].cursor)
            due = await outbox.due(session, hook.id, now=now, limit=self.config.batch)
            return (
                len(rows),
                hook.url,
                secrets_in_use(self.box, hook, now),
                [_Due(d.id, d.body, d.attempts) for d in due],
            )

    async def _record(self, hook_id: str, outcomes: list[tuple[_Due, AttemptResult]]) -> None:
        """Commit the outcomes of attempts sent one after another, in one transaction."""
        disable: str | None = None
        async with self.factory() as session, session.begin():
            if await WebhookRepository(session).find(hook_id) is None:
                return  # deleted meanwhile, with its delivery log
            for delivery, result in outcomes:
                disable = await self._apply(session, hook_id, delivery, result) or disable
        if disable is not None:
            logger.warning("webhook %s disabled (%s)", hook_id, disable)

    async def _apply(
        self, session: AsyncSession, hook_id: str, delivery: _Due, result: AttemptResult
    ) -> str | None:
        """Log an attempt and set the delivery's state; the reason if the subscription is
        disabled by it."""
        now = utcnow()
        attempts = delivery.attempts + 1
        state, next_at = outbox.PENDING, None
        failures: int | None = None
        disable: str | None = None
        kind = result.outcome
        if kind is Outcome.SUCCEEDED:
            state, failures = outbox.SUCCEEDED, 0
        elif kind is Outcome.GONE:
            state, disable = outbox.FAILED, "gone"
        else:
            delay = next_retry_delay(
                attempts,
                self.config.schedule,
                retry_after=retry_after_seconds(result.retry_after, now),
                random=self.random,
            )
            if delay is None:
                state = outbox.FAILED
            else:
                next_at = now + timedelta(seconds=delay)
        await outbox.record_attempt(
            session,
            delivery.id,
            attempted_at=now,
            status_code=result.status_code,
            latency_ms=result.latency_ms,
            error=result.error,
            state=state,
            attempts=attempts,
            next_attempt_at=next_at,
        )
        if state == outbox.FAILED and disable is None:
            hook = await WebhookRepository(session).find(hook_id)
            if hook is not None:
                failures = hook.consecutive_failures + 1
                if should_disable(failures, self.config.disable_after):
                    disable = "failing"
        await outbox.set_health(
            session, hook_id, consecutive_failures=failures, disable_reason=disable
        )
        return disable
