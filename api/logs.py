"""Logs: plain text (uvicorn's) by default; with ``OKR_LOG_FORMAT=json`` one JSON object per line.

In JSON mode every record of the standard ``logging`` module (the service's, uvicorn's,
SQLAlchemy's) is written as one line with ``time`` (RFC 3339, UTC), ``level``, ``logger``,
``message``, ``pid`` and, inside a request, its ``request_id``; an error carries its
``exception`` (the traceback). ``RequestLogMiddleware`` adds one line per request on the logger
``okr.request``::

    {"time": "...", "level": "INFO", "logger": "okr.request", "message": "GET /v1/cycles 200",
     "pid": 4711, "request_id": "...", "principal_id": "...", "method": "GET",
     "route": "/v1/cycles", "status": 200, "duration_ms": 3.1}

``route`` is the route's template (``/v1/objectives/{objective_id}``), never the raw path, so
no id or query string (and no credential) reaches the request lines. A 5xx answer is logged at
``ERROR``, a 4xx one at ``WARNING``.
"""

from __future__ import annotations

import json
import logging
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_LOGGER = "okr.request"
JSON = "json"

_request_id: ContextVar[str | None] = ContextVar("okr_request_id", default=None)

_FIELDS = ("request_id", "principal_id", "method", "route", "status", "duration_ms")
"""Extra attributes of a record copied into its line (when present)."""


class JsonFormatter(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        request_id = getattr(record, "request_id", None) or _request_id.get()
        if request_id is not None:
            line["request_id"] = request_id
        for name in _FIELDS[1:]:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


def logging_config(log_format: str, level: str) -> dict[str, Any] | None:
    """The ``logging.config.dictConfig`` of ``okr serve`` (None: uvicorn's plain default)."""
    if log_format != JSON:
        return None
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "api.logs.JsonFormatter"}},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level.upper(), "propagate": False},
            "uvicorn.error": {"level": level.upper()},
            "uvicorn.access": {"handlers": [], "propagate": False},
        },
        "root": {"handlers": ["default"], "level": level.upper()},
    }


class RequestLogMiddleware:
    """Logs one line per HTTP request (JSON mode) and keeps the request id for other records."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = logging.getLogger(REQUEST_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = scope.setdefault("state", {})
        token = _request_id.set(state.get("request_id"))
        status = 500

        async def logged_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, logged_send)
        finally:
            route = getattr(scope.get("route"), "path", None)
            method = scope["method"]
            level = logging.INFO
            if status >= 400:
                level = logging.ERROR if status >= 500 else logging.WARNING
            self.logger.log(
                level,
                "%s %s %s",
                method,
                route or "(no route)",
                status,
                extra={
                    "request_id": state.get("request_id"),
                    "principal_id": state.get("principal_id"),
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                },
            )
            _request_id.reset(token)
