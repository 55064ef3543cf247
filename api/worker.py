"""The background worker: a small loop of periodic jobs, run by ``okr worker`` or beside the
API by ``okr serve``.

A job is a name, an async function and how long to rest when it found nothing to do::

    Job(name="webhook-deliveries", run=deliver_webhooks, idle_seconds=None)

    async def run(context: WorkerContext) -> int    the units of work done this time: more than
                                                    0 runs the job again at once, 0 lets it rest
                                                    ``idle_seconds`` (None: OKR_WORKER_POLL_SECONDS)

``WorkerContext`` holds what jobs share: the settings, the session factory (each job opens its
own short transactions), the server secret, and the jobs' own long-lived state (``state``, e.g.
the delivery job's HTTP connection pool). A job that raises is logged and rests; the others go
on. Adding a periodic job is one line in ``JOBS``. Every job must be safe with several workers
(processes or replicas) running at once: share work through the database (row locks with SKIP
LOCKED, leases), never through memory.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.identity import server_secret
from api.services.webhook_delivery import Deliverer, DeliveryConfig
from api.services.webhook_secrets import SecretBox
from api.settings import Settings
from persistence.db import create_engine, create_session_factory

logger = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    """What the jobs of one worker share."""

    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    secret_key: bytes
    state: dict[str, Any] = field(default_factory=dict)
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @classmethod
    def open(cls, settings: Settings) -> WorkerContext:
        """A context on the settings' database."""
        engine = create_engine(settings.database_url)
        return cls(settings, engine, create_session_factory(engine), server_secret(settings))

    async def close(self) -> None:
        """Close what the jobs opened, then the pool."""
        for closer in reversed(self.closers):
            await closer()
        await self.engine.dispose()


@dataclass(frozen=True, slots=True)
class Job:
    """One periodic job of the worker."""

    name: str
    run: Callable[[WorkerContext], Awaitable[int]]
    idle_seconds: float | None = None


async def deliver_webhooks(context: WorkerContext) -> int:
    """Queue and send webhook deliveries (``api.services.webhook_delivery``)."""
    deliverer = context.state.get("webhooks")
    if deliverer is None:
        deliverer = Deliverer(
            context.session_factory,
            SecretBox(context.secret_key),
            DeliveryConfig.from_settings(context.settings),
        )
        context.state["webhooks"] = deliverer
        context.closers.append(deliverer.aclose)
    done: int = await deliverer.run_once()
    return done


async def produce_deadline_events(context: WorkerContext) -> int:
    """Send the due ``deadline.approaching`` and ``deadline.missed`` events, once per deadline,
    person and kind however many workers run (``api.services.deadlines``)."""
    from api.services.deadlines import produce_deadline_events as produce

    async with context.session_factory() as session, session.begin():
        return len(await produce(session))


async def refresh_forecast_bands(context: WorkerContext) -> int:
    """Recompute the forecast bands of open cycles' KRs; a change is a ``key_result.band_changed``
    event (``api.services.forecasts.refresh_bands``)."""
    from api.services.forecasts import refresh_bands

    async with context.session_factory() as session, session.begin():
        return await refresh_bands(session)


JOBS: tuple[Job, ...] = (
    Job("webhook-deliveries", deliver_webhooks),
    Job("deadline-events", produce_deadline_events, idle_seconds=300.0),
    Job("forecast-bands", refresh_forecast_bands, idle_seconds=3600.0),
)
"""Every job the worker runs, in this order each round."""


async def run_worker(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    jobs: Sequence[Job] = JOBS,
) -> None:
    """Run the jobs until ``stop`` is set (or for ever)."""
    stop = stop or asyncio.Event()
    context = WorkerContext.open(settings)
    due = {job.name: 0.0 for job in jobs}
    try:
        while not stop.is_set():
            for job in jobs:
                if time.monotonic() < due[job.name]:
                    continue
                try:
                    done = await job.run(context)
                except Exception:
                    logger.exception("worker job %s failed", job.name)
                    done = 0
                rest = (
                    settings.worker_poll_seconds if job.idle_seconds is None else job.idle_seconds
                )
                due[job.name] = time.monotonic() + (0.0 if done else rest)
            pause = min(due.values()) - time.monotonic()
            if pause > 0:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=pause)
                except TimeoutError:
                    pass
    finally:
        await context.close()
