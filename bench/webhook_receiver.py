"""A bare ASGI webhook receiver for ``bench/webhooks.py``: answers 204 to every POST and keeps,
in memory, when each delivery arrived and the lag from the event's timestamp
(``GET /stats``; ``POST /reset`` forgets)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from typing import Any

_arrivals: list[float] = []
_lags_ms: list[float] = []


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The ASGI callable."""
    if scope["type"] != "http":
        return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    path = scope["path"]
    answer = b""
    if path == "/stats":
        answer = json.dumps({"count": len(_arrivals), "lags_ms": _lags_ms}).encode()
    elif path == "/reset":
        _arrivals.clear()
        _lags_ms.clear()
    elif path != "/healthz":
        now = time.time()
        _arrivals.append(now)
        try:
            data = json.loads(body)["data"]
            occurred = datetime.fromisoformat(data["occurred_at"]).astimezone(UTC)
            _lags_ms.append((now - occurred.timestamp()) * 1000)
        except (ValueError, KeyError, TypeError):
            pass
    status = 200 if answer or path == "/healthz" else 204
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": answer})
