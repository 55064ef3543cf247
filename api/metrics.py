"""``GET /metrics``: the service's Prometheus metrics (text format), correct with several workers.

Under ``okr serve`` every worker process writes its samples to files in one directory
(``PROMETHEUS_MULTIPROC_DIR``, prepared by the command before the workers start) and a scrape,
answered by whichever worker, adds up the files of all of them (``prometheus_client``'s
multiprocess mode). Without that variable (an app built in process, e.g. by the tests) the
samples live in the process's default registry.

Metrics::

    okr_http_requests_total{route,method,status}           counter, by route template
    okr_http_request_duration_seconds{route,method}        histogram
    okr_db_pool_connections{state="in_use"|"size"}         gauge, summed over live workers
    okr_check_ins_total{source,outcome}                    counter: created, duplicate, refused
    okr_feed_head_position                                 gauge, read at scrape time
    okr_stale_key_results{cycle_id}                        gauge, read at scrape time

``OKR_METRICS_TOKEN``, when set, is the bearer token a scrape must send (401 otherwise).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem_response
from api.services.metrics import scrape_gauges

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
METRICS_URL = "/metrics"
UNMATCHED = "unmatched"
"""The route label of a request no route matched (so unknown paths add no label values)."""

REQUESTS = Counter(
    "okr_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "okr_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by route template and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
POOL = Gauge(
    "okr_db_pool_connections",
    "Database connections of the main pool: checked out (in_use) and kept open (size).",
    ["state"],
    multiprocess_mode="livesum",
)
CHECK_INS = Counter(
    "okr_check_ins",
    "Check-ins pushed, by source and outcome (created, duplicate, refused).",
    ["source", "outcome"],
)


def _multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROC_ENV))


def process_exited() -> None:
    """Drop this process's live gauges from the sums (at shutdown)."""
    if _multiprocess():
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def instrument_pool(engine: AsyncEngine) -> None:
    """Count the main pool's checked-out connections and its open connections."""
    pool = engine.sync_engine.pool
    in_use, size = POOL.labels(state="in_use"), POOL.labels(state="size")

    def checked_out(*_: Any) -> None:
        in_use.inc()

    def checked_in(*_: Any) -> None:
        in_use.dec()

    def connected(*_: Any) -> None:
        size.inc()

    def closed(*_: Any) -> None:
        size.dec()

    event.listen(pool, "checkout", checked_out)
    event.listen(pool, "checkin", checked_in)
    event.listen(pool, "connect", connected)
    event.listen(pool, "close", closed)
    event.listen(pool, "close_detached", closed)


def count_check_ins(outcomes: Iterable[tuple[str, str]]) -> None:
    """Count pushed check-ins, given as (source, outcome) pairs."""
    counts: dict[tuple[str, str], int] = {}
    for pair in outcomes:
        counts[pair] = counts.get(pair, 0) + 1
    for (source, outcome), n in counts.items():
        CHECK_INS.labels(source=source, outcome=outcome).inc(n)


class MetricsMiddleware:
    """Counts and times every HTTP request by the template of the route that answered it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def timed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, timed_send)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or UNMATCHED
            method = scope["method"]
            REQUESTS.labels(route=template, method=method, status=str(status)).inc()
            LATENCY.labels(route=template, method=method).observe(time.perf_counter() - started)


class _ScrapeGauges(Collector):
    """Gauges read from the database for one scrape (not stored between scrapes)."""

    def __init__(self, feed_head: int, stale: dict[str, int]) -> None:
        self.feed_head = feed_head
        self.stale = stale

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield GaugeMetricFamily(
            "okr_feed_head_position",
            "The highest position handed out in the change feed (/v1/events).",
            value=self.feed_head,
        )
        stale = GaugeMetricFamily(
            "okr_stale_key_results",
            "Key results of agreed objectives in active cycles with no recent check-in.",
            labels=["cycle_id"],
        )
        for cycle_id, count in sorted(self.stale.items()):
            stale.add_metric([cycle_id], count)
        yield stale


def _authorized(request: Request, token: str | None) -> bool:
    if not token:
        return True
    sent = request.headers.get("authorization", "")
    scheme, _, credential = sent.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        credential.strip().encode(), token.encode()
    )


async def metrics_endpoint(request: Request) -> Response:
    """The metrics in the Prometheus text format (with ``OKR_METRICS_TOKEN``: bearer only)."""
    app = request.app
    if not _authorized(request, app.state.settings.metrics_token):
        response = problem_response(
            401, "auth.unauthenticated", "send the metrics token as a bearer token"
        )
        response.headers["WWW-Authenticate"] = "Bearer"
        return response
    async with app.state.session_factory() as session, session.begin():
        gauges = await scrape_gauges(session)
    if _multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = REGISTRY
    scraped = CollectorRegistry()
    scraped.register(_ScrapeGauges(gauges.feed_head, gauges.stale_by_cycle))
    body = generate_latest(registry) + generate_latest(scraped)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
