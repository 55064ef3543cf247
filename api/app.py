"""Application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from api import health, odata, scim
from api.concurrency import EntityTagMiddleware
from api.docs import install_docs
from api.errors import install_error_handlers
from api.identity import install_identity
from api.logs import JSON, RequestLogMiddleware
from api.metrics import (
    METRICS_URL,
    MetricsMiddleware,
    instrument_pool,
    metrics_endpoint,
    process_exited,
)
from api.openapi_links import add_links
from api.problems import problems_as_problem_json
from api.services.webhook_secrets import SecretBox
from api.settings import Settings, get_settings
from api.v1 import (
    alignment_graph,
    alignments,
    api_keys,
    audit,
    calendar,
    change_requests,
    check_ins,
    cycles,
    dependencies,
    events,
    exports,
    initiatives,
    key_results,
    objectives,
    org_sync,
    org_units,
    people,
    policy,
    reports,
    review_digest,
    reviews,
    webhooks,
)
from persistence.db import create_engine, create_session_factory, is_sqlite

V1_ROUTERS = (
    policy.router,
    org_units.router,
    org_sync.router,
    people.router,
    cycles.router,
    events.router,
    initiatives.router,
    reviews.router,
    reports.router,
    exports.router,
    objectives.router,
    key_results.router,
    change_requests.router,
    alignments.router,
    dependencies.router,
    api_keys.router,
    audit.router,
    check_ins.router,
    alignment_graph.router,
    calendar.router,
    review_digest.router,
    webhooks.router,
)


DESCRIPTION = (
    "A REST API to set, align, track and score OKRs. Every `/v1` call needs "
    "`Authorization: Bearer <token>`; errors are `application/problem+json` (RFC 9457) with a "
    "stable `code` and every violated rule in `errors`."
)


def _tags_in_order(spec: dict[str, Any]) -> list[str]:
    """Every operation tag, in order of first use (declared globally for linters)."""
    tags: dict[str, None] = {}
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            tags.update(dict.fromkeys(operation.get("tags", [])))
    return list(tags)


def operation_id(route: APIRoute) -> str:
    """Short, stable operation ids (and so generated client function names): the route's name."""
    return route.name


async def dispose_app(app: FastAPI) -> None:
    """Close the app's connection pools (the lifespan does it on shutdown)."""
    await app.state.engine.dispose()
    await app.state.counter_engine.dispose()


def pool_settings(settings: Settings) -> dict[str, Any]:
    """The main pool's size and care (PostgreSQL; SQLite keeps its driver's defaults)."""
    if is_sqlite(settings.database_url):
        return {}
    return {
        "pool_size": settings.db_pool_size,
        "max_overflow": settings.db_max_overflow,
        "pool_recycle": settings.db_pool_recycle_seconds or -1,
        "pool_pre_ping": settings.db_pool_pre_ping,
    }


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the FastAPI application with every router mounted, bound to one database."""
    settings = settings or get_settings()
    engine = create_engine(settings.database_url, **pool_settings(settings))
    # Rate counters commit on their own connections while a request holds one of the main pool:
    # a separate small pool, so that a full main pool can never leave requests waiting on each
    # other for a counter connection. A counter may lose its last increments in a database crash
    # (it only delays a refusal), so its commits do not wait for the disk.
    counter_engine = create_engine(
        settings.database_url,
        durable=False,
        pool_size=2,
        max_overflow=8,
        pool_pre_ping=not is_sqlite(settings.database_url),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        await dispose_app(app)
        process_exited()

    app = FastAPI(
        title="OKR service",
        version="1.0.0",
        summary="Set, align, track and score Objectives and Key Results.",
        description=DESCRIPTION,
        contact={"name": "OKR service maintainers"},
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
        servers=[{"url": "/", "description": "the server that serves this document"}],
        generate_unique_id_function=operation_id,
        lifespan=lifespan,
        docs_url=None,  # served from packaged assets by install_docs, not from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.counter_engine = counter_engine
    app.state.session_factory = create_session_factory(engine)
    install_error_handlers(app)
    app.add_middleware(EntityTagMiddleware)
    if settings.log_format == JSON:
        app.add_middleware(RequestLogMiddleware)
    install_identity(app, settings)
    app.add_middleware(MetricsMiddleware)
    instrument_pool(engine)
    app.add_route(METRICS_URL, metrics_endpoint, methods=["GET"], include_in_schema=False)
    app.state.webhook_box = SecretBox(app.state.secret_key)
    install_docs(app)
    app.include_router(health.router)
    for router in V1_ROUTERS:
        app.include_router(router)
    app.include_router(odata.router)
    app.include_router(scim.router)

    default_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = add_links(problems_as_problem_json(default_openapi()))
            spec["tags"] = [{"name": tag} for tag in _tags_in_order(spec)]
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
    return app
